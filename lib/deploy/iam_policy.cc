#include "deploy/iam_policy.h"

#include <fmt/format.h>

namespace conflictctl::deploy {
namespace {

constexpr const char* kPolicyVersion = "2012-10-17";

Json trust(const char* service) {
  return Json{{"Version", kPolicyVersion},
              {"Statement", Json::array({Json{{"Effect", "Allow"},
                                              {"Principal", Json{{"Service", service}}},
                                              {"Action", "sts:AssumeRole"}}})}};
}

Json statement(const char* sid, Json actions, Json resources) {
  return Json{{"Sid", sid}, {"Effect", "Allow"}, {"Action", std::move(actions)},
              {"Resource", std::move(resources)}};
}

std::string function_arn(const DeploySettings& settings, const std::string& name) {
  return fmt::format("arn:aws:lambda:{}:{}:function:{}", settings.region, settings.account_id,
                     name);
}

}  // namespace

std::vector<PolicyDocument> iam_policies(const LocalPipeline& local,
                                         const DeploySettings& settings) {
  Json functions = Json::array(), invocable = Json::array(), logs = Json::array();
  for (const aws::FunctionSettings& function : local.functions) {
    functions.push_back(function_arn(settings, function.name));
    invocable.push_back(function_arn(settings, function.name));
    invocable.push_back(function_arn(settings, function.name) + ":*");
    logs.push_back(fmt::format("arn:aws:logs:{}:{}:log-group:/aws/lambda/{}:*", settings.region,
                               settings.account_id, function.name));
  }
  const std::string any_role = fmt::format("arn:aws:iam::{}:role/*", settings.account_id);
  Json pass = Json::array();
  pass.push_back(settings.role_arn.empty() ? any_role : settings.role_arn);
  if (settings.function_role_arn != settings.role_arn || settings.role_arn.empty())
    pass.push_back(settings.function_role_arn.empty() ? any_role : settings.function_role_arn);

  std::vector<PolicyDocument> out;
  out.push_back({"state machine role (--role-arn)", trust("states.amazonaws.com"),
                 Json{{"Version", kPolicyVersion},
                      {"Statement", Json::array({statement("InvokePipelineFunctions",
                                                           "lambda:InvokeFunction",
                                                           invocable)})}}});
  out.push_back({"functions' role (--function-role-arn)", trust("lambda.amazonaws.com"),
                 Json{{"Version", kPolicyVersion},
                      {"Statement",
                       Json::array({statement("WriteOwnLogs",
                                              Json::array({"logs:CreateLogGroup",
                                                           "logs:CreateLogStream",
                                                           "logs:PutLogEvents"}),
                                              logs)})}}});
  Json pass_statement = statement("PassPipelineRoles", "iam:PassRole", pass);
  pass_statement["Condition"] = Json{
      {"StringEquals",
       Json{{"iam:PassedToService",
             Json::array({"lambda.amazonaws.com", "states.amazonaws.com"})}}}};
  out.push_back(
      {"the deployer (whoever runs conflictctl deploy)", Json(nullptr),
       Json{{"Version", kPolicyVersion},
            {"Statement",
             Json::array({statement("DeployFunctions",
                                    Json::array({"lambda:GetFunctionConfiguration",
                                                 "lambda:CreateFunction",
                                                 "lambda:UpdateFunctionCode",
                                                 "lambda:UpdateFunctionConfiguration"}),
                                    functions),
                          statement("DeployStateMachine",
                                    Json::array({"states:DescribeStateMachine",
                                                 "states:CreateStateMachine",
                                                 "states:UpdateStateMachine"}),
                                    Json::array({local.machine_arn})),
                          std::move(pass_statement)})}}});
  return out;
}

}  // namespace conflictctl::deploy

#include "deploy/iam_policy.h"

#include <fmt/format.h>

#include <set>
#include <string>
#include <vector>

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

// The ARN IAM matches the secret `id` (a name or an ARN) by: a name is followed by the
// 6 characters Secrets Manager adds ("-??????"); an ARN is used as it is.
std::string secret_arn(const DeploySettings& settings, const std::string& id) {
  if (id.starts_with("arn:")) return id;
  return fmt::format("arn:aws:secretsmanager:{}:{}:secret:{}-??????", settings.region,
                     settings.account_id, id);
}

// The statements of the functions' role beyond their logs: reading their database secret.
void add_secret_statement(const LocalPipeline& local, const DeploySettings& settings,
                          Json& statements) {
  std::set<std::string> secrets;
  for (const aws::FunctionSettings& function : local.functions)
    if (function.environment)
      if (auto id = function.environment->find("POSTGRES_SECRET_ID");
          id != function.environment->end() && !id->second.empty())
        secrets.insert(secret_arn(settings, id->second));
  if (secrets.empty()) return;
  statements.push_back(statement("ReadDatabaseSecret", "secretsmanager:GetSecretValue",
                                 Json(std::vector<std::string>(secrets.begin(), secrets.end()))));
}

// The statement the state machine's role needs for its logging: Step Functions delivers logs
// through CloudWatch Logs' log delivery, whose actions IAM grants only on "*".
void add_logging_statement(const LocalPipeline& local, Json& statements) {
  if (!local.machine.logging || local.machine.logging->level == "OFF") return;
  statements.push_back(statement(
      "DeliverExecutionLogs",
      Json::array({"logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery",
                   "logs:DeleteLogDelivery", "logs:ListLogDeliveries",
                   "logs:PutResourcePolicy", "logs:DescribeResourcePolicies",
                   "logs:DescribeLogGroups"}),
      "*"));
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

  Json machine_statements =
      Json::array({statement("InvokePipelineFunctions", "lambda:InvokeFunction", invocable)});
  add_logging_statement(local, machine_statements);
  Json function_statements = Json::array(
      {statement("WriteOwnLogs",
                 Json::array({"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"}),
                 logs)});
  add_secret_statement(local, settings, function_statements);

  std::vector<PolicyDocument> out;
  out.push_back({"state machine role (--role-arn)", trust("states.amazonaws.com"),
                 Json{{"Version", kPolicyVersion}, {"Statement", std::move(machine_statements)}}});
  out.push_back({"functions' role (--function-role-arn)", trust("lambda.amazonaws.com"),
                 Json{{"Version", kPolicyVersion}, {"Statement", std::move(function_statements)}}});
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

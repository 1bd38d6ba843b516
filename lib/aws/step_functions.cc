#include "aws/step_functions.h"

namespace conflictctl::aws {
namespace {

std::string text(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

Result<std::optional<DeployedStateMachine>> StepFunctions::describe(const std::string& arn) const {
  Result<Json> answer = client_.json("DescribeStateMachine", Json{{"stateMachineArn", arn}});
  if (!answer) {
    if (answer.error().name == "Aws.StateMachineDoesNotExist")
      return std::optional<DeployedStateMachine>();
    return answer.error();
  }
  DeployedStateMachine out{{text(*answer, "name"), text(*answer, "definition"),
                            text(*answer, "roleArn"), text(*answer, "type")},
                           text(*answer, "stateMachineArn")};
  return std::optional<DeployedStateMachine>(std::move(out));
}

Result<std::string> StepFunctions::create(const StateMachineSettings& settings) const {
  Result<Json> answer = client_.json("CreateStateMachine",
                                     Json{{"name", settings.name},
                                          {"definition", settings.definition},
                                          {"roleArn", settings.role_arn},
                                          {"type", settings.type}});
  if (!answer) return answer.error();
  return text(*answer, "stateMachineArn");
}

Result<void> StepFunctions::update(const std::string& arn,
                                   const StateMachineSettings& settings) const {
  Result<Json> answer = client_.json("UpdateStateMachine",
                                     Json{{"stateMachineArn", arn},
                                          {"definition", settings.definition},
                                          {"roleArn", settings.role_arn}});
  if (!answer) return answer.error();
  return {};
}

}  // namespace conflictctl::aws

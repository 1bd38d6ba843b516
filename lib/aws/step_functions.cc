#include "aws/step_functions.h"

namespace conflictctl::aws {
namespace {

std::string text(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

StateMachineLogging logging_of(const Json& answer) {
  StateMachineLogging out;
  auto it = answer.find("loggingConfiguration");
  if (it == answer.end() || !it->is_object()) return out;
  if (std::string level = text(*it, "level"); !level.empty()) out.level = level;
  if (auto data = it->find("includeExecutionData"); data != it->end() && data->is_boolean())
    out.include_execution_data = data->get<bool>();
  if (auto destinations = it->find("destinations");
      destinations != it->end() && destinations->is_array() && !destinations->empty()) {
    const Json& first = destinations->front();
    if (auto group = first.find("cloudWatchLogsLogGroup");
        group != first.end() && group->is_object())
      out.log_group_arn = text(*group, "logGroupArn");
  }
  return out;
}

Json logging_request(const StateMachineLogging& logging) {
  Json out{{"level", logging.level}, {"includeExecutionData", logging.include_execution_data}};
  out["destinations"] = Json::array();
  if (!logging.log_group_arn.empty())
    out["destinations"].push_back(
        Json{{"cloudWatchLogsLogGroup", Json{{"logGroupArn", logging.log_group_arn}}}});
  return out;
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
                            text(*answer, "roleArn"), text(*answer, "type"),
                            logging_of(*answer)},
                           text(*answer, "stateMachineArn")};
  return std::optional<DeployedStateMachine>(std::move(out));
}

Result<std::string> StepFunctions::create(const StateMachineSettings& settings) const {
  Json request{{"name", settings.name},
               {"definition", settings.definition},
               {"roleArn", settings.role_arn},
               {"type", settings.type}};
  if (settings.logging) request["loggingConfiguration"] = logging_request(*settings.logging);
  Result<Json> answer = client_.json("CreateStateMachine", request);
  if (!answer) return answer.error();
  return text(*answer, "stateMachineArn");
}

Result<void> StepFunctions::update(const std::string& arn,
                                   const StateMachineSettings& settings) const {
  Json request{{"stateMachineArn", arn},
               {"definition", settings.definition},
               {"roleArn", settings.role_arn}};
  if (settings.logging) request["loggingConfiguration"] = logging_request(*settings.logging);
  Result<Json> answer = client_.json("UpdateStateMachine", request);
  if (!answer) return answer.error();
  return {};
}

Result<std::string> StepFunctions::start_execution(const std::string& machine_arn,
                                                   const std::string& input) const {
  Result<Json> answer =
      client_.json("StartExecution", Json{{"stateMachineArn", machine_arn}, {"input", input}});
  if (!answer) return answer.error();
  std::string arn = text(*answer, "executionArn");
  if (arn.empty())
    return Error{"Aws.BadResponse",
                 "Step Functions StartExecution: no executionArn in the answer"};
  return arn;
}

Result<ExecutionDescription> StepFunctions::describe_execution(
    const std::string& execution_arn) const {
  Result<Json> answer = client_.json("DescribeExecution", Json{{"executionArn", execution_arn}});
  if (!answer) return answer.error();
  ExecutionDescription out{text(*answer, "executionArn"), text(*answer, "stateMachineArn"),
                           text(*answer, "name"),         text(*answer, "status"),
                           text(*answer, "error"),        text(*answer, "cause"), 0};
  if (out.status.empty())
    return Error{"Aws.BadResponse", "Step Functions DescribeExecution: no status in the answer"};
  if (auto count = answer->find("redriveCount");
      count != answer->end() && count->is_number_integer())
    out.redrive_count = count->get<int>();
  return out;
}

Result<Json> StepFunctions::execution_history(const std::string& execution_arn,
                                              int page_size) const {
  Json events = Json::array();
  std::string token;
  do {
    Json request{{"executionArn", execution_arn}};
    if (page_size > 0) request["maxResults"] = page_size;
    if (!token.empty()) request["nextToken"] = token;
    Result<Json> answer = client_.json("GetExecutionHistory", request);
    if (!answer) return answer.error();
    auto page = answer->find("events");
    if (page == answer->end() || !page->is_array())
      return Error{"Aws.BadResponse",
                   "Step Functions GetExecutionHistory: no events array in the answer"};
    for (Json& event : *page) events.push_back(std::move(event));
    std::string next = text(*answer, "nextToken");
    if (!next.empty() && next == token)
      return Error{"Aws.BadResponse",
                   "Step Functions GetExecutionHistory: the same nextToken twice"};
    token = std::move(next);
  } while (!token.empty());
  return Json{{"events", std::move(events)}};
}

Result<void> StepFunctions::redrive_execution(const std::string& execution_arn) const {
  Result<Json> answer = client_.json("RedriveExecution", Json{{"executionArn", execution_arn}});
  if (!answer) return answer.error();
  return {};
}

}  // namespace conflictctl::aws

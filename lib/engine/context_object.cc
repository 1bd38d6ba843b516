#include "engine/context_object.h"

#include <fmt/format.h>

#include <string_view>

namespace conflictctl::engine {

namespace {

// AWS: "When a timestamp has zero fractional seconds, Step Functions removes the trailing zeros
// rather than pad the output" ("2025-08-27T10:04:42Z", "2025-08-27T10:04:42.001Z").
std::string context_timestamp(Timestamp t) {
  std::string text = format_timestamp(t);
  constexpr std::string_view kZeroFraction = ".000Z";
  if (text.ends_with(kZeroFraction))
    text.replace(text.size() - kZeroFraction.size(), kZeroFraction.size(), "Z");
  return text;
}

}  // namespace

std::string ExecutionIdentity::state_machine_arn() const {
  return fmt::format("arn:aws:states:{}:{}:stateMachine:{}", region, account, state_machine_name);
}

std::string ExecutionIdentity::execution_arn() const {
  if (!express_id.empty())
    return fmt::format("arn:aws:states:{}:{}:express:{}:{}:{}", region, account,
                       state_machine_name, execution_name, express_id);
  return fmt::format("arn:aws:states:{}:{}:execution:{}:{}", region, account, state_machine_name,
                     execution_name);
}

std::string ExecutionIdentity::role_arn() const {
  return fmt::format("arn:aws:iam::{}:role/conflictctl-local", account);
}

Json context_object(const ExecutionIdentity& execution, const std::string& state_name,
                    Timestamp entered, int retry_count, const Json& map_item,
                    std::string_view task_token) {
  ContextObject context(execution);
  return context.at(state_name, entered, retry_count, map_item, task_token);
}

ContextObject::ContextObject(ExecutionIdentity execution) {
  Json input = std::move(execution.input);  // moved, never copied: it may be a Map's whole list
  value_ = {{"Execution",
             {{"Id", execution.execution_arn()},
              {"Input", nullptr},
              {"Name", execution.execution_name},
              {"RoleArn", execution.role_arn()},
              {"StartTime", context_timestamp(execution.start_time)},
              {"RedriveCount", execution.redrive_count}}},
            {"State", {{"EnteredTime", nullptr}, {"Name", nullptr}, {"RetryCount", 0}}},
            {"StateMachine",
             {{"Id", execution.state_machine_arn()}, {"Name", execution.state_machine_name}}}};
  value_["Execution"]["Input"] = std::move(input);
  if (execution.redrive_time)
    value_["Execution"]["RedriveTime"] = context_timestamp(*execution.redrive_time);
}

const Json& ContextObject::at(const std::string& state_name, Timestamp entered, int retry_count,
                              const Json& map_item, std::string_view task_token) {
  Json& state = value_["State"];
  if (!has_entered_ || entered != entered_) {  // states entered in the same millisecond share it
    state["EnteredTime"] = context_timestamp(entered);
    entered_ = entered;
    has_entered_ = true;
  }
  Json& name = state["Name"];
  if (!name.is_string() || name.get_ref<const std::string&>() != state_name) name = state_name;
  state["RetryCount"] = retry_count;
  if (!map_item.is_null()) value_["Map"] = {{"Item", map_item}};
  else if (value_.contains("Map")) value_.erase("Map");
  if (!task_token.empty()) value_["Task"] = {{"Token", std::string(task_token)}};
  else if (value_.contains("Task")) value_.erase("Task");
  return value_;
}

}  // namespace conflictctl::engine

#include "engine/context_object.h"

#include <fmt/format.h>

namespace conflictctl::engine {

std::string ExecutionIdentity::state_machine_arn() const {
  return fmt::format("arn:aws:states:{}:{}:stateMachine:{}", region, account, state_machine_name);
}

std::string ExecutionIdentity::execution_arn() const {
  return fmt::format("arn:aws:states:{}:{}:execution:{}:{}", region, account, state_machine_name,
                     execution_name);
}

std::string ExecutionIdentity::role_arn() const {
  return fmt::format("arn:aws:iam::{}:role/conflictctl-local", account);
}

Json context_object(const ExecutionIdentity& execution, const std::string& state_name,
                    Timestamp entered, int retry_count, const Json& map_item) {
  Json context = {
      {"Execution",
       {{"Id", execution.execution_arn()},
        {"Input", execution.input},
        {"Name", execution.execution_name},
        {"RoleArn", execution.role_arn()},
        {"StartTime", format_timestamp(execution.start_time)},
        {"RedriveCount", 0}}},
      {"State",
       {{"EnteredTime", format_timestamp(entered)},
        {"Name", state_name},
        {"RetryCount", retry_count}}},
      {"StateMachine",
       {{"Id", execution.state_machine_arn()}, {"Name", execution.state_machine_name}}}};
  if (!map_item.is_null()) context["Map"] = {{"Item", map_item}};
  return context;
}

}  // namespace conflictctl::engine

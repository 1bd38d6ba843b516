#include "tasks/conflict_report.h"

#include <fmt/format.h>

#include <algorithm>

namespace conflictctl::tasks {

namespace {
constexpr std::string_view kUnknownAction = "UnknownAction";
}  // namespace

ConflictReport::ConflictReport(std::shared_ptr<const TaskDatabase> database)
    : database_(std::move(database)) {
  actions_.push_back(make_validate_config_action());
  actions_.push_back(make_task_01_action());
  actions_.push_back(make_task_02_action());
  actions_.push_back(make_task_03_action());
  actions_.push_back(make_get_task02_chunks_action());
  actions_.push_back(make_process_task02_chunk_action());
}

std::vector<std::string_view> ConflictReport::action_names() const {
  std::vector<std::string_view> names;
  for (const auto& action : actions_) names.push_back(action->name());
  return names;
}

std::string ConflictReport::action_list() const {
  return fmt::format("{}", fmt::join(action_names(), ", "));
}

engine::TaskOutcome ConflictReport::invoke(const engine::TaskInvocation& invocation, engine::TaskContext& context) {
  const Json& event = invocation.payload;
  auto unknown = [&](std::string what) {
    return engine::TaskOutcome::failure(std::string(kUnknownAction),
                                fmt::format("{}. Valid actions: {}", what, action_list()));
  };
  if (!event.is_object())
    return unknown(fmt::format("The event must be an object with an 'action', not {}",
                               to_compact(event)));
  auto field = event.find("action");
  if (field == event.end()) return unknown("The event has no 'action'");
  if (!field->is_string()) return unknown(fmt::format("Unknown action: {}", to_compact(*field)));
  const std::string& name = field->get_ref<const std::string&>();
  auto action = std::find_if(actions_.begin(), actions_.end(),
                             [&](const auto& a) { return a->name() == name; });
  if (action == actions_.end()) return unknown(fmt::format("Unknown action: {}", name));
  if (database_) return (*action)->run(event, context, *database_);
  return (*action)->mock(event, context);
}

}  // namespace conflictctl::tasks

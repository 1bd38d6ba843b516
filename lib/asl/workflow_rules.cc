#include "asl/workflow_rules.h"

#include <regex>

#include "asl/for_each_state.h"

namespace conflictctl::asl {

namespace {

// The integration pattern a Resource names, or "" for Request Response.
std::string pattern_of(const std::string& resource) {
  static const std::regex kSync(R"(\.sync(:\d+)?$)");
  if (std::regex_search(resource, kSync)) return ".sync";
  if (resource.ends_with(".waitForTaskToken")) return ".waitForTaskToken";
  return "";
}

bool is_activity(const std::string& resource) {
  static const std::regex kActivity(R"(^arn:[^:]+:states:[^:]*:[^:]*:activity:)");
  return std::regex_search(resource, kActivity);
}

}  // namespace

Diagnostics check_workflow_type(const StateMachine& machine, WorkflowType type,
                                const std::string& file) {
  Diagnostics problems;
  if (type != WorkflowType::kExpress) return problems;
  auto report = [&](const std::string& pointer, std::string message) {
    problems.push_back(Diagnostic{file, pointer, std::move(message)});
  };
  for_each_state(machine, [&](const State& state, int) {
    if (const auto* task = std::get_if<TaskSpec>(&state.spec)) {
      std::string resource_pointer = pointer_append(state.pointer, "Resource");
      if (std::string pattern = pattern_of(task->resource); !pattern.empty())
        report(resource_pointer, "Express state machine does not support '" + pattern +
                                     "' service integration");
      else if (is_activity(task->resource))
        report(resource_pointer, "Express state machine does not support Activity ARN");
    } else if (const auto* map = std::get_if<MapSpec>(&state.spec); map && map->distributed) {
      report(pointer_append(pointer_append(pointer_append(state.pointer, "ItemProcessor"),
                                           "ProcessorConfig"),
                            "Mode"),
             "Express state machine does not support Distributed Map");
    }
  });
  return problems;
}

}  // namespace conflictctl::asl

#include "asl/workflow_rules.h"

#include <algorithm>
#include <regex>
#include <tuple>

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

// The Express rules over every state of `machine`, nested ones included; `what` names the
// machine in the messages ("Express state machine", "Express child workflow").
void check_express(const StateMachine& machine, const std::string& what, const std::string& file,
                   Diagnostics& problems) {
  auto report = [&](const std::string& pointer, std::string message) {
    problems.push_back(Diagnostic{file, pointer, std::move(message)});
  };
  for_each_state(machine, [&](const State& state, int) {
    if (const auto* task = std::get_if<TaskSpec>(&state.spec)) {
      std::string resource_pointer = pointer_append(state.pointer, "Resource");
      if (std::string pattern = pattern_of(task->resource); !pattern.empty())
        report(resource_pointer,
               what + " does not support '" + pattern + "' service integration");
      else if (is_activity(task->resource))
        report(resource_pointer, what + " does not support Activity ARN");
    } else if (const auto* map = std::get_if<MapSpec>(&state.spec); map && map->distributed) {
      report(pointer_append(pointer_append(pointer_append(state.pointer, "ItemProcessor"),
                                           "ProcessorConfig"),
                            "Mode"),
             what + " does not support Distributed Map");
    }
  });
}

}  // namespace

Diagnostics check_workflow_type(const StateMachine& machine, WorkflowType type,
                                const std::string& file) {
  Diagnostics problems;
  if (type == WorkflowType::kExpress) {
    check_express(machine, "Express state machine", file, problems);
    return problems;  // a Distributed Map inside is refused already
  }
  // A Standard machine's Distributed Maps whose child executions are Express.
  for_each_state(machine, [&](const State& state, int) {
    const auto* map = std::get_if<MapSpec>(&state.spec);
    if (map && map->distributed && map->child_type == WorkflowType::kExpress && map->processor)
      check_express(*map->processor, "Express child workflow", file, problems);
  });
  // An Express child's own Distributed Map is refused once; its states are not walked again.
  std::sort(problems.begin(), problems.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.pointer, a.message) < std::tie(b.pointer, b.message);
  });
  problems.erase(std::unique(problems.begin(), problems.end(),
                             [](const Diagnostic& a, const Diagnostic& b) {
                               return a.pointer == b.pointer && a.message == b.message;
                             }),
                 problems.end());
  return problems;
}

}  // namespace conflictctl::asl

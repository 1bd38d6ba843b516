#include "budget/task_limits.h"

#include <algorithm>

#include "core/lambda_limits.h"
#include "asl/for_each_state.h"
#include "asl/resource.h"
#include "budget/worst_case.h"

namespace conflictctl::budget {

TaskLimit task_limit(const asl::TaskSpec& task, const engine::FunctionTimeout& function_timeout) {
  TaskLimit limit;
  limit.timeout_seconds = task.timeout_seconds;
  if (function_timeout) limit.function_timeout_seconds = function_timeout(task.resource);
  limit.seconds = engine::invocation_limit(limit.timeout_seconds, limit.function_timeout_seconds);
  return limit;
}

std::vector<TaskState> task_states(const asl::StateMachine& machine,
                                   const engine::FunctionTimeout& function_timeout) {
  std::vector<TaskState> out;
  asl::for_each_state(machine, [&](const asl::State& state, const asl::StatePlace& place) {
    if (const auto* task = std::get_if<asl::TaskSpec>(&state.spec))
      out.push_back(TaskState{state.name, task->resource, state.pointer, place.depth,
                              place.map ? place.map->name : "",
                              task_limit(*task, function_timeout)});
  });
  return out;
}

engine::FunctionTimeout recorded_function_timeouts(const Json& function_timeouts) {
  return [function_timeouts](const std::string& resource) -> std::optional<double> {
    if (function_timeouts.is_object()) {
      auto it = function_timeouts.find(resource);
      if (it != function_timeouts.end() && it->is_number()) return it->get<double>();
    }
    auto parsed = asl::parse_resource(resource);
    if (!parsed) return std::nullopt;
    if (parsed->kind == asl::ResourceKind::kLambdaFunction || parsed->is_lambda_invoke())
      return lambda::kMaxTimeoutSeconds;
    return std::nullopt;
  };
}

}  // namespace conflictctl::budget

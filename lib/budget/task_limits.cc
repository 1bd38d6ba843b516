#include "budget/task_limits.h"

#include <algorithm>

#include "asl/limits.h"
#include "budget/worst_case.h"
#include "asl/resource.h"

namespace conflictctl::budget {

namespace {

void collect(const asl::StateMachine& machine, int depth, const std::string& map,
             const engine::FunctionTimeout& function_timeout, std::vector<TaskState>& out) {
  for (const auto& name : machine.state_order) {
    const asl::State& state = machine.states.at(name);
    if (const auto* task = std::get_if<asl::TaskSpec>(&state.spec)) {
      out.push_back(TaskState{name, task->resource, state.pointer, depth, map,
                              task_limit(*task, function_timeout)});
    } else if (const auto* parallel = std::get_if<asl::ParallelSpec>(&state.spec)) {
      for (const auto& branch : parallel->branches)
        collect(*branch, depth + 1, map, function_timeout, out);
    } else if (const auto* inner = std::get_if<asl::MapSpec>(&state.spec)) {
      collect(*inner->processor, depth + 1, name, function_timeout, out);
    }
  }
}

}  // namespace

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
  collect(machine, 0, "", function_timeout, out);
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
      return asl::limits::kLambdaMaxTimeoutSeconds;
    return std::nullopt;
  };
}

}  // namespace conflictctl::budget

#pragma once
// The Task states of a definition and the limit on each of their invocations.
//
// Each attempt of a Task is one Lambda invocation with its own limit: the smaller of the
// state's TimeoutSeconds and the configured timeout of the Lambda function behind its
// Resource. A Task with neither (a non-Lambda integration without TimeoutSeconds) has no
// limit. A TimeoutSecondsPath is known only at run time and is not counted here.
//
// Pure; thread-safe.
#include <optional>
#include <string>
#include <vector>

#include "asl/model.h"
#include "core/json.h"
#include "engine/run_summary.h"

namespace conflictctl::budget {

struct TaskLimit {
  std::optional<double> timeout_seconds;           // the state's TimeoutSeconds
  std::optional<double> function_timeout_seconds;  // the Lambda function's configured timeout
  std::optional<double> seconds;                   // the smaller of the two; nullopt = none
};

struct TaskState {
  std::string name;
  std::string resource;
  std::string pointer;  // JSON Pointer, e.g. "/States/M/Iterator/States/T"
  int depth = 0;        // 0 top level, 1 inside a Map/Parallel, …
  std::string map;      // the innermost Map whose iterations run this Task; "" for none
  TaskLimit limit;
};

TaskLimit task_limit(const asl::TaskSpec& task, const engine::FunctionTimeout& function_timeout);

// Every Task state, in definition order, nested ones after their Map or Parallel.
std::vector<TaskState> task_states(const asl::StateMachine& machine,
                                   const engine::FunctionTimeout& function_timeout);

// The function timeouts a run record keeps ({"<Task Resource>": seconds}) as a lookup: a
// resource in the object gets its value; any other Lambda resource (a function ARN or name,
// or arn:aws:states:::lambda:invoke) gets Lambda's 900 s (core/lambda_limits.h); anything else none.
engine::FunctionTimeout recorded_function_timeouts(const Json& function_timeouts);

}  // namespace conflictctl::budget

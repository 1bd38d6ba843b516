#pragma once
// The one interface for a task, whatever runs it: an in-process plugin, a mock, or a real
// AWS Lambda function.
//
// The engine builds a TaskInvocation from a Task state (its effective input after InputPath
// and Parameters) and calls `TaskRunner::invoke`. The runner returns the task's JSON result
// or an Error whose *name* Retry and Catch match on (a Lambda function error's errorType,
// "States.TaskFailed", "Lambda.ServiceException", …) and whose cause explains it.
//
// Threading: with the real clock the engine calls invoke() on a worker thread and may call
// it concurrently for different invocations (Map/Parallel), so runners must be thread-safe.
// With the virtual clock it is called on the loop thread.
//
// Deadlines: `TaskContext::deadline` is when the state's TimeoutSeconds (or the Lambda limit)
// runs out. When it passes, the engine cancels `TaskContext::cancel`; a runner must then stop
// its work promptly (PQcancel, abort the HTTP request) and roll back. Its late result is
// ignored: the state fails with States.Timeout.
#include <optional>
#include <string>
#include <vector>

#include "core/cancellation.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/json.h"
#include "core/logger.h"

namespace conflictctl::engine {

struct TaskInvocation {
  std::string resource;    // the Task state's Resource, as written
  std::string function;    // Lambda function name resolved from the resource (may be empty)
  Json payload;            // the effective input (for lambda:invoke, the whole Parameters)
  std::string state_name;  // the Task state's name
  int attempt = 0;         // 0 for the first try, n for the n-th retry
  // What makes this call unique within a reproducible run (the execution, the flow and the
  // state's entry time); it seeds the request id of a lambda:invoke response.
  std::string call_id;
  // The Task state's HeartbeatSeconds (nullopt: none): at most this long may pass between the
  // call's start or a heartbeat and the next heartbeat or its end (TaskOutcome::heartbeats).
  std::optional<double> heartbeat_seconds;
};

struct TaskOutcome;

struct TaskContext {
  const Clock& clock;
  std::optional<Timestamp> deadline;  // nullopt = no timeout
  CancellationToken cancel;
  Logger& log;
  // Set by a caller that runs the task inline on a clock that stands still during the call
  // (the virtual clock): the outcome's simulated_seconds is then how long the task took.
  bool simulated = false;

  // Seconds left before the deadline (never negative); nullopt without a deadline.
  std::optional<double> remaining_seconds() const;
  // When the call that returned `outcome` ended: now, plus its simulated_seconds when
  // `simulated`.
  Timestamp finished_at(const TaskOutcome& outcome) const;
};

struct TaskOutcome {
  TaskOutcome(Result<Json> result,  // NOLINT: implicit, a result is an outcome
              std::optional<double> simulated_seconds = std::nullopt)
      : result(std::move(result)), simulated_seconds(simulated_seconds) {}

  Result<Json> result;
  // For mocks on the virtual clock: how long the task "took". Read only when
  // TaskContext::simulated; with the real clock the time the call took is measured.
  // nullopt = instant.
  std::optional<double> simulated_seconds;
  // For mocks on the virtual clock: the heartbeats the task sent, as seconds after it began,
  // in ascending order. nullopt: the task reports no heartbeats, and a Task state's
  // HeartbeatSeconds is not enforced on it; a list (empty: it sent none): the Task fails
  // with States.HeartbeatTimeout when more than HeartbeatSeconds pass without one
  // (engine/heartbeat.h).
  std::optional<std::vector<double>> heartbeats;

  static TaskOutcome success(Json value, std::optional<double> seconds = std::nullopt) {
    return {Result<Json>(std::move(value)), seconds};
  }
  static TaskOutcome failure(std::string name, std::string cause,
                             std::optional<double> seconds = std::nullopt) {
    return {Result<Json>(Error{std::move(name), std::move(cause)}), seconds};
  }
};

class TaskRunner {
 public:
  virtual ~TaskRunner() = default;
  virtual TaskOutcome invoke(const TaskInvocation& invocation, TaskContext& context) = 0;
};

}  // namespace conflictctl::engine

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
//
// Heartbeats (engine/heartbeat.h): a runner that says so (sends_heartbeats) reports progress
// through TaskContext::heartbeat() while it runs; on the real clock the engine then times the
// task out, and cancels it as at its deadline, when more than the state's HeartbeatSeconds
// pass without one.
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
  // A task that ends only when someone answers with its task token (a .waitForTaskToken
  // integration, an activity: asl::Resource::waits_for_answer), and that token ($$.Task.Token
  // for the former); "" for other tasks. Such a task is always held to its HeartbeatSeconds.
  bool waits_for_answer = false;
  std::string task_token = {};
};

// What a running task calls to send a heartbeat, as a worker calls SendTaskHeartbeat.
// Thread-safe: beat() may be called from the thread that runs the task.
class HeartbeatReporter {
 public:
  virtual ~HeartbeatReporter() = default;
  virtual void beat() = 0;
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
  // Where heartbeat() goes; null when nobody listens (the virtual clock, a task that is not
  // held to HeartbeatSeconds).
  HeartbeatReporter* heartbeats = nullptr;

  // Sends a heartbeat: the task is still making progress (engine/heartbeat.h).
  void heartbeat() const {
    if (heartbeats) heartbeats->beat();
  }

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
  // HeartbeatSeconds is not enforced on it; a list (empty: it sent none): the Task times
  // out when more than HeartbeatSeconds pass without one (engine/heartbeat.h).
  std::optional<std::vector<double>> heartbeats;
  // A callback or activity worker that never answers (mocks: "NoAnswer"): the task ends only
  // at its TimeoutSeconds, its HeartbeatSeconds or the execution's end. `result` is unused.
  bool unanswered = false;

  static TaskOutcome success(Json value, std::optional<double> seconds = std::nullopt) {
    return {Result<Json>(std::move(value)), seconds};
  }
  static TaskOutcome failure(std::string name, std::string cause,
                             std::optional<double> seconds = std::nullopt) {
    return {Result<Json>(Error{std::move(name), std::move(cause)}), seconds};
  }
  static TaskOutcome no_answer() {
    TaskOutcome outcome{Result<Json>(Json())};
    outcome.unanswered = true;
    return outcome;
  }
};

class TaskRunner {
 public:
  virtual ~TaskRunner() = default;
  virtual TaskOutcome invoke(const TaskInvocation& invocation, TaskContext& context) = 0;
  // Whether invoke() sends heartbeats (TaskContext::heartbeat) for `invocation`: only then is
  // the task held to its HeartbeatSeconds on the real clock, from its start. A decorator
  // answers for the runner it hands the invocation to.
  virtual bool sends_heartbeats(const TaskInvocation& /*invocation*/) const { return false; }
};

}  // namespace conflictctl::engine

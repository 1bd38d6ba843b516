#pragma once
// Running one task plugin directly, as `conflictctl run TASK` does: the pipeline's Lambda
// function is invoked once with the event {"action": TASK, …payload}, exactly as its Task
// state would invoke it, with the function's configured timeout as the deadline. In
// database mode the task runs on a thread of its own while this one watches the deadline
// through the clock, as the engine does for a Task state.
#include <functional>
#include <optional>
#include <string>

#include "core/diagnostic.h"
#include "core/logger.h"
#include "core/workflow_type.h"
#include "db/pool.h"
#include "engine/history.h"
#include "db/settings.h"
#include "tasks/plugins.h"
#include "tasks/remote_lambda.h"
#include "engine/task.h"

namespace conflictctl::pipeline {

struct TaskRequest {
  std::string pipeline = "conflict_report";
  std::string action;                   // e.g. "task_02"
  Json payload = Json::object();        // more event fields, e.g. {"chunk_id": 3}
  tasks::TaskMode mode = tasks::TaskMode::kMock;
  std::optional<db::ConnectionSettings> database;  // required with TaskMode::kDatabase
  // Set: the pipeline's function is invoked on AWS Lambda (tasks/remote_lambda.h) as
  // "arn:aws:lambda:REGION:ACCOUNT_ID:function:NAME", on the real clock; `mode` is not used.
  std::optional<tasks::RemoteSettings> remote;
  // How database sessions are opened; default db::connect. A seam for fault-injection tests.
  db::Connector connector;
  // The deadline; default: the function's timeout from the bindings. On the real clock the
  // task is cancelled when it passes (PQcancel, rollback) and fails with States.Timeout.
  std::optional<double> timeout_seconds;
  // The workflow type the task runs in; nullopt: the bindings' `type:`, else STANDARD. In an
  // EXPRESS workflow no invocation outlives the execution's five minutes, so the deadline is
  // at most 300 s.
  std::optional<WorkflowType> type;
  // Called once on this thread with the run clock's time just before the invocation starts
  // (never when diagnostics stop the run), e.g. to note that a run began. Default: none.
  std::function<void(Timestamp started)> on_start;
};

struct TaskRun {
  Diagnostics diagnostics;  // non-empty: nothing ran
  std::string function;     // the Lambda function invoked
  Json event;               // what it was invoked with
  std::optional<engine::TaskOutcome> outcome;
  double seconds = 0;       // simulated (mock) or measured
  double limit_seconds = 0; // the function's timeout (EXPRESS: at most 300 s)
  WorkflowType type = WorkflowType::kStandard;  // resolved: the request's, else the bindings'
  // The invocation's LambdaFunctionScheduled / Started / Succeeded, Failed or TimedOut
  // events, as a Task state invoking the function records them (no state events).
  engine::History history;
};

TaskRun run_task(const TaskRequest& request, Logger& log);

}  // namespace conflictctl::pipeline

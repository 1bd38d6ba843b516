#pragma once
// Running one task plugin directly, as `conflictctl run TASK` does: the pipeline's Lambda
// function is invoked once with the event {"action": TASK, …payload}, exactly as its Task
// state would invoke it, with the function's configured timeout as the deadline.
#include <optional>
#include <string>

#include "core/diagnostic.h"
#include "core/logger.h"
#include "tasks/plugins.h"
#include "tasks/task.h"

namespace conflictctl::pipeline {

struct TaskRequest {
  std::string pipeline = "conflict_report";
  std::string action;                   // e.g. "task_02"
  Json payload = Json::object();        // more event fields, e.g. {"chunk_id": 3}
  tasks::TaskMode mode = tasks::TaskMode::kMock;
};

struct TaskRun {
  Diagnostics diagnostics;  // non-empty: nothing ran
  std::string function;     // the Lambda function invoked
  Json event;               // what it was invoked with
  std::optional<tasks::TaskOutcome> outcome;
  double seconds = 0;       // simulated (mock) or measured
  double limit_seconds = 0; // the function's timeout
};

TaskRun run_task(const TaskRequest& request, Logger& log);

}  // namespace conflictctl::pipeline

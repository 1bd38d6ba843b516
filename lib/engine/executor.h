#pragma once
// Runs a state machine to completion and records its history.
//
// One deterministic event loop interprets the machine. Every Parallel branch and Map
// iteration is a cursor in that loop, never an OS thread. A Task invocation is handed to the
// TaskRunner: on the virtual clock it runs inline and completes at now + its simulated
// duration; on the real clock it runs on a worker thread and posts its result back. The loop
// always advances to the earliest pending event, so on the virtual clock a run is
// instantaneous and reproducible (same input and seed, same history and timings).
//
// Semantics follow AWS Step Functions (JSONPath query language); see docs/asl-coverage.md for
// what is and is not supported. The workflow type decides the execution's limits:
//   STANDARD  at most 25,000 history events: the event past that fails the execution with
//             States.Runtime; the execution's own TimeoutSeconds, if any.
//   EXPRESS   no event quota; at most five minutes (or TimeoutSeconds, if smaller), past which
//             the execution ends TIMED_OUT with States.Timeout; execution ARNs of the form
//             arn:aws:states:REGION:ACCOUNT:express:MACHINE:NAME:ID.
// What the type forbids in a definition is checked before a run (asl/workflow_rules.h).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "asl/model.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/json.h"
#include "core/logger.h"
#include "core/workflow_type.h"
#include "engine/history.h"
#include "engine/map_run_record.h"
#include "engine/s3_files.h"
#include "engine/observer.h"
#include "engine/redrive.h"
#include "engine/task.h"

namespace conflictctl::engine {

enum class ExecutionStatus { kRunning, kSucceeded, kFailed, kTimedOut, kAborted };

// "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "RUNNING".
std::string_view to_string(ExecutionStatus status);

struct ExecutionOptions {
  Json input = Json::object();
  std::string execution_name;                  // default: a UUID from the seeded Random
  std::string state_machine_name = "StateMachine";
  std::string region = "us-east-1";            // used in ARNs in the context object
  std::string account = "123456789012";
  std::uint64_t seed = 0;                      // States.UUID, States.MathRandom, jitter
  std::size_t max_workers = 8;                 // real clock: concurrent task invocations
  WorkflowType type = WorkflowType::kStandard;  // CreateStateMachine's default
  // A cap on the history below the workflow type's quota (25,000 events for STANDARD, none
  // for EXPRESS): the event past it fails the execution as the quota does. 0 = the quota
  // only. The execution fuzz target (test/fuzz/execution_fuzz.cc) bounds its runs with it.
  std::size_t max_history_events = 0;
  // false: history events keep no data — no input, output or parameters texts — as an Express
  // workflow logs with includeExecutionData off. For callers that read only the result
  // (`execute --no-record` without --history): serialising each state's data was a third of
  // a small state's cost. The events, their count and the quota are the same; the payload
  // size limit is checked all the same.
  bool event_data = true;
  // false: the history counts its events and keeps none (History::Keeping::kCountOnly), for
  // a caller that reads only the result and the count (`execute --no-record` without
  // --history). Ids, the quota and the observer's view are the same: with an observer the
  // events are kept all the same. Keeping 80,000 events was an eighth of a 10,000-item Map.
  bool keep_events = true;
  // The local folders that stand for S3 prefixes: what a Distributed Map's ItemReader reads
  // and its ResultWriter writes (engine/s3_files.h; --s3-root). None: such a Map fails with
  // States.ItemReaderFailed / States.ResultWriterFailed, naming the option.
  std::vector<S3Root> s3_roots;
  // Keep each Distributed Map child execution's history in ExecutionResult::child_histories
  // (conflictctl explore reads them). Off by default: a Map Run of many items would keep
  // them all.
  bool keep_child_histories = false;
  // Keep an account of each Distributed Map's Map Run that does not succeed, child execution by
  // child execution, in ExecutionResult::map_runs: what a redrive of the run needs
  // (engine/map_run_record.h). Off by default: a Map Run keeps its children's inputs and
  // outputs while it runs.
  bool keep_map_runs = false;
  // Told of each event and retry as the run goes (engine/observer.h); null: no one. Not
  // owned; it must outlive execute().
  ExecutionObserver* observer = nullptr;
  // Set: this run redrives an execution that did not succeed (engine/redrive.h): it appends
  // to plan->history, from ExecutionRedriven on, and starts again where the plan says. The
  // execution keeps its name (execution_name, which the caller gives) and start time. Not
  // owned; it must outlive execute().
  const RedrivePlan* redrive = nullptr;
};

struct ExecutionResult {
  ExecutionStatus status = ExecutionStatus::kRunning;
  Json output;                 // the final output when SUCCEEDED, else null
  std::optional<Error> error;  // set when FAILED, TIMED_OUT or ABORTED
  History history;
  // With ExecutionOptions::keep_child_histories: each Distributed Map child execution's own
  // history, in the order they ended (the run's history has its Map Run's events only).
  std::vector<History> child_histories;
  // With ExecutionOptions::keep_map_runs: the Map Runs that did not succeed.
  std::vector<MapRunRecord> map_runs;
  Timestamp started;
  Timestamp stopped;
};

struct Environment {
  engine::TaskRunner& runner;
  Clock& clock;
  Logger& log;
};

ExecutionResult execute(const asl::StateMachine& machine, const ExecutionOptions& options,
                        Environment environment);

}  // namespace conflictctl::engine

#pragma once
// Redrive: continuing an execution that did not succeed from where it stopped, as AWS Step
// Functions' RedriveExecution does (docs/asl-coverage.md, "Redrive"; docs/commands.md,
// `conflictctl redrive`).
//
// AWS: "When you redrive an execution, it continues the failed execution from the
// unsuccessful step and uses the same input. Step Functions preserves the results and
// execution history of the successful steps, and doesn't rerun these steps." And: "For
// workflows that include an Inline Map or Parallel state, RedriveExecution ... reschedules and
// redrives only the iterations and branches that failed or aborted."
//
// What is unsuccessful is read from the history, as AWS reads it: a state with a
// <Type>StateEntered event and no <Type>StateExited event after it. plan_redrive follows each
// flow's chain of events (previousEventId) from ExecutionStarted, into each Parallel branch and
// Map iteration, and gives a ResumePoint per flow that must run again. The redriven execution
// (ExecutionOptions::redrive) appends to the same history: ExecutionRedriven
// {"redriveCount": n}, then the unsuccessful state entered again with the input it had; its
// Retry count starts again. In a Map or Parallel state entered again, the iterations and
// branches that succeeded keep their outputs and do not run; the others run again, each from
// its own unsuccessful state (or from its start, if it never got under way). The execution's
// own TimeoutSeconds counts from the redrive ("the state machine level timeout ... is reset").
// $$.Execution.RedriveCount is n and $$.Execution.RedriveTime the redrive's time; Id, Name and
// StartTime are the original execution's.
//
// A Distributed Map whose Map Run got under way is redriven as AWS redrives a Map Run ("Redriving
// Map Runs"): the same Map Run (its ARN; MapRunRedriven {"mapRunArn", "redriveCount"} in place
// of MapRunStarted), whose child executions that succeeded keep their results and do not run;
// an unsuccessful Standard child execution is itself redriven (ExecutionRedriven in its own
// history, which goes on from its unsuccessful state, with its name, input and start time),
// an Express one starts again from its beginning, as StartExecution would start it; those that
// never started start. Which child executions ended how is not in the run's history: the
// plan reads it from the run's Map Run records (engine/map_run_record.h), and refuses a Map
// Run it has no record of. The items the Map Run has not started are read again (ItemReader
// or ItemsPath), in the same order, so a redriven child's input is its own recorded one and
// the others' come from the items as they are now.
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>
#include <string_view>

#include "asl/model.h"
#include "core/error.h"
#include "core/json.h"
#include "core/timestamp.h"
#include "core/workflow_type.h"
#include "engine/history.h"
#include "engine/map_run_record.h"

namespace conflictctl::engine {

namespace redrive_limits {
// AWS, "Redrive eligibility for unsuccessful executions": the redrivable period of 14 days
// after the execution stopped, at most 1000 redrives, and a history of fewer than 24,999
// events (the redrive appends to it), and an execution open for less than a year.
inline constexpr std::int64_t kRedrivablePeriodMillis = 14LL * 24 * 3600 * 1000;
inline constexpr int kMaxRedrives = 1000;
inline constexpr std::size_t kMaxHistoryEvents = 24'999;
inline constexpr std::int64_t kMaxOpenMillis = 365LL * 24 * 3600 * 1000;
}  // namespace redrive_limits

// The error of an execution that cannot be redriven: AWS's ExecutionNotRedrivable.
inline constexpr std::string_view kExecutionNotRedrivable = "ExecutionNotRedrivable";

struct ChildRedrive;  // below

// Where one flow (the execution, a branch, an iteration) starts again.
struct ResumePoint {
  std::string state;  // the state entered again: the flow's unsuccessful state
  Json input;         // its input, as its last <Type>StateEntered event recorded it
  // The variables the flow's earlier states assigned (their Exited events'
  // assignedVariables, in order): its own scope as it was. An empty object: none.
  Json variables = Json::object();
  // When `state` is an inline Map or a Parallel state whose iterations or branches ran: by
  // index, the outputs of those that succeeded (kept, never run again) and where each
  // unsuccessful one that got under way starts again. Any other index runs from its start.
  std::map<std::size_t, Json> kept;
  std::map<std::size_t, ResumePoint> resumed;
  // When `state` is a Distributed Map whose Map Run got under way: that Map Run's ARN and how
  // many times it was redriven before, its child executions that succeeded (by index: kept,
  // never run again) and the unsuccessful Standard ones to redrive. Any other index starts.
  std::string map_run_arn;
  int map_run_redrives = 0;
  std::map<std::size_t, MapRunChild> kept_children;
  std::map<std::size_t, std::shared_ptr<const ChildRedrive>> redriven_children;
};

struct RedrivePlan {
  History history;        // the execution's history so far, which the redrive appends to
  std::int64_t last_event = 0;  // the id of the execution's last event (ExecutionFailed, …)
  Timestamp started;      // the original execution's start: $$.Execution.StartTime
  int redrive_count = 1;  // this redrive's: ExecutionRedriven's and $$.Execution.RedriveCount
  ResumePoint resume;     // where the execution starts again
};

// An unsuccessful Standard child execution of a Map Run, redriven: what the Map Run recorded of
// it (name, ARN, input, start) and the plan that continues its own history.
struct ChildRedrive {
  MapRunChild child;
  RedrivePlan plan;
};

// What RedriveExecution checks before anything runs, with AWS's reasons (DescribeExecution's
// redriveStatusReason) as the cause of an ExecutionNotRedrivable error:
//   "Execution is SUCCEEDED and cannot be redriven." (RUNNING, INCOMPLETE alike);
//   an EXPRESS execution; "Execution redrivable period exceeded." (14 days after it stopped);
//   "Execution has exceeded the max execution time." (open a year);
//   "Execution history event limit exceeded."; more than 1000 redrives.
// `redrives`: how many times it was redriven already.
Result<void> check_redrivable(std::string_view status, WorkflowType type, Timestamp started,
                              Timestamp stopped, Timestamp now, std::size_t events,
                              int redrives);

// How many ExecutionRedriven events `history` ({"events": […]}) holds.
int redrive_count(const Json& history);

// The plan to redrive the execution of `machine` whose history is `history` ({"events": […]},
// as GetExecutionHistory gives it) and whose input was `input`; `map_runs`: the run's records
// of its Map Runs that did not succeed. Errors (ExecutionNotRedrivable): a history that is not
// one of this machine's, one whose events keep no data (inputs and outputs) to start again
// from, a Distributed Map's Map Run that `map_runs` does not hold.
Result<RedrivePlan> plan_redrive(const asl::StateMachine& machine, const Json& history,
                                 const Json& input,
                                 const std::vector<MapRunRecord>& map_runs = {});

}  // namespace conflictctl::engine

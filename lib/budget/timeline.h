#pragma once
// The timeline (Gantt data) of one recorded run, read from its history.
//
// Lanes (rows), in this order: one per top-level state, in the order the states were first
// entered; under a Map, one lane per iteration ("<Map> #<index>"); under a Parallel, one lane
// per branch ("<Parallel> branch <n>"). An iteration's or branch's states share its lane
// (they run one after another); nesting repeats below it.
//
// Bars, each with start and end in seconds from the execution's start:
//   state      one per state entry, from StateEntered to its last event (StateExited, or the
//              failure or abort that ended it);
//   iteration  one per Map iteration, from MapIterationStarted to its end;
//   attempt    one per Task invocation (each retry is another), from Scheduled to
//              Succeeded/Failed/TimedOut, with its outcome, its error, its per-invocation
//              limit (budget/task_limits.h) and its zone (engine::zone_for); an attempt cut
//              short by an abort ends there with outcome ABORTED;
//   backoff    the wait between a failed attempt and the retry after it (also between a
//              failed Map/Parallel and its retry).
//
// Pure; thread-safe.
#include <optional>
#include <string>
#include <vector>

#include "asl/model.h"
#include "engine/executor.h"
#include "engine/run_summary.h"

namespace conflictctl::budget {

enum class BarKind { kState, kIteration, kAttempt, kBackoff };
std::string_view to_string(BarKind kind);  // "state", "iteration", "attempt", "backoff"

struct TimelineLane {
  std::string label;
  int depth = 0;      // 0 top level, 1 an iteration or branch lane, …
  std::string state;  // the lane's state (top level) or the Map/Parallel running it
};

struct TimelineBar {
  std::size_t lane = 0;
  BarKind kind = BarKind::kState;
  std::string state;
  double start = 0;  // seconds from the execution's start
  double end = 0;
  // state: SUCCEEDED, CAUGHT (failed, then a Catcher moved on), FAILED or ABORTED; attempt: SUCCEEDED, FAILED, TIMED_OUT or ABORTED;
  // iteration: SUCCEEDED, FAILED or ABORTED; backoff: "".
  std::string outcome;
  std::string error;  // the error name of a failed attempt, state or iteration
  int attempt = 0;    // attempt: 1 for the first invocation; backoff: the retry it precedes
  std::optional<double> limit_seconds;  // attempt
  std::optional<engine::Zone> zone;     // attempt with a limit
};

struct Timeline {
  std::string run;
  std::string status;  // the execution's, e.g. "SUCCEEDED"
  double total_seconds = 0;
  std::vector<TimelineLane> lanes;
  std::vector<TimelineBar> bars;  // in the order they start
};

Timeline make_timeline(const std::string& run, const asl::StateMachine& machine,
                       const engine::ExecutionResult& execution,
                       const engine::FunctionTimeout& function_timeout);

}  // namespace conflictctl::budget

#pragma once
// What one execution of a scenario did, read from its history: where it ended, which states
// it entered and which Catchers it took.
//
// The history is followed along previousEventId chains (each Map iteration and Parallel
// branch is a chain of its own, engine/history.h), and so is each Distributed Map child
// execution's own history (ExecutionResult::child_histories). A Catcher is taken when a Task, Map or
// Parallel state exits and its chain goes on to a state that is the Next of one of its
// Catchers, after the state's last attempt failed (a failure event: LambdaFunctionFailed,
// …TimedOut, TaskFailed, MapStateFailed, ParallelStateFailed) or to a state other than its
// own Next. When several Catchers share that Next, the first one whose ErrorEquals matches
// the failure's error name is taken (the first of them when the error is not recorded).
//
// The end state is the last top-level state entered. Pure and thread-safe.
#include <map>
#include <set>
#include <string>
#include <utility>

#include "asl/model.h"
#include "engine/executor.h"

namespace conflictctl::explore {

// An execution's outcome: what `explore` groups its scenarios by.
struct Outcome {
  std::string end_state;  // the last top-level state entered ("" when none was)
  std::string status;     // SUCCEEDED, FAILED, TIMED_OUT, ABORTED
  std::string error;      // "" when SUCCEEDED

  auto operator<=>(const Outcome&) const = default;
};

// "SUCCEEDED at PipelineSuccess", "FAILED at Task01Timeout: Task01TimeoutError".
std::string to_string(const Outcome& outcome);

struct RunTrace {
  Outcome outcome;
  std::string cause;  // the execution's error cause, "" when SUCCEEDED
  double seconds = 0;  // virtual time from start to stop
  std::set<std::string> entered;                 // every state entered, at any depth
  std::set<std::pair<std::string, int>> caught;  // (state, Catcher index) taken
  // The raw input of each state's first entry, as its StateEntered event recorded it.
  std::map<std::string, std::string> first_input;
};

RunTrace trace_run(const asl::StateMachine& machine, const engine::ExecutionResult& result);

}  // namespace conflictctl::explore

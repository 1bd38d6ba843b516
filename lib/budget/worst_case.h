#pragma once
// The longest time a state machine can take, computed from its definition alone.
//
// Every Task attempt is assumed to run to its per-invocation limit and then fail with the
// error that makes the run longest: the smaller of the state's TimeoutSeconds and the Lambda
// function's configured timeout (default 900 s, the Lambda maximum). A Retry policy adds its
// attempts and backoffs — IntervalSeconds × BackoffRate^(n-1), capped by MaxDelaySeconds,
// Jitter "FULL" at its largest — but only for the errors its retrier matches:
// States.TaskFailed does not match States.Timeout, and a retrier shadowed by an earlier one
// for every error it names never runs. Each retrier counts its own attempts. After the last
// attempt the error goes to the Catcher whose path is longest, or ends the execution.
// A Choice takes its longest branch, a Wait its Seconds, a Parallel its longest branch, and
// a Map runs ceil(items / MaxConcurrency) waves of its longest iteration (items from a run
// or --items; unknown items make the Map's bound per iteration only, said in assumptions).
// A cycle in the graph makes the bound infinite; the states on the cycle are named. So does a
// Task that nothing limits (no TimeoutSeconds, and not a Lambda function — or a Lambda
// called with .waitForTaskToken, whose callback may come after the function returns).
// A value read at run time (a Wait's SecondsPath, Timestamp or TimestampPath; a
// TimeoutSecondsPath with no function timeout) makes the state's bound unknown: the total
// counts it as 0 s and the assumptions say so. docs/budget.md has the rules with examples.
// The whole execution is also capped by the top-level TimeoutSeconds.
//
// Pure: no clock, no I/O. Thread-safe (no shared state).
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "asl/defaults.h"
#include "asl/model.h"
#include "core/error.h"

namespace conflictctl::budget {

struct WorstCaseOptions {
  // The configured timeout of the Lambda function behind a Task's Resource (nullopt: the
  // resource is not a bound Lambda function; Lambda's 900 s (core/lambda_limits.h) is used for Lambda
  // resources then). Same shape as engine::FunctionTimeout. Default: none known.
  std::function<std::optional<double>(const std::string& resource)> function_timeout;
  // Item counts of Map states, by state name (from a recorded run). Default: none.
  std::map<std::string, long long> map_items;
  // Item count for every Map state not in map_items (--items N). Default: unknown.
  std::optional<long long> items;
};

// One step of the path that produces a bound, in the order it happens, e.g.
//   {"ExecuteTask01", "attempt 1 of 3 runs to its limit and fails with States.TaskFailed", 900}
//   {"ExecuteTask01", "backoff before retry 1 (IntervalSeconds 5)", 5}
struct PathStep {
  std::string state;
  std::string what;
  double seconds = 0;
};

struct StateBound {
  std::string state;    // name; states inside a Map/Parallel follow their parent
  std::string pointer;  // JSON Pointer of the state, e.g. "/States/Map/ItemProcessor/States/T"
  int depth = 0;        // 0 top level, 1 inside a Map/Parallel, …
  // The state's own longest time from entering it to leaving it (retries and backoff
  // included, Catch paths not); nullopt = unbounded (reason says why).
  std::optional<double> seconds;
  std::optional<double> invocation_limit_seconds;  // Task: the per-attempt limit
  long long max_attempts = 1;                      // Task: attempts on the longest path
  std::string reason;                              // how the bound is made, one line
  // True when seconds is nullopt because the bound depends on a value read at run time
  // (SecondsPath, Timestamp, TimestampPath, TimeoutSecondsPath without a function timeout):
  // the total counts such a state as 0 s and says so in assumptions. False when nothing
  // limits the state at all (a Task with no timeout, a Map over a loop).
  bool unknown = false;
  // "Poll → Check → Poll" when the state is on a loop (its bound is then per pass, and the
  // machine it belongs to has none); "" otherwise.
  std::string loop;
};

struct WorstCase {
  // The whole execution from start to its end; nullopt = unbounded.
  std::optional<double> total_seconds;
  std::vector<PathStep> path;            // the path producing total_seconds
  std::vector<StateBound> states;        // every state, in definition order, nested after parent
  std::vector<std::string> assumptions;  // plain sentences: unknown items, loops, caps, …
};

// Errors: a definition whose bound cannot be computed at all is still analysed (an unbounded
// result, with the reason); Result carries only internal inconsistencies (a Next naming no
// state in a machine that skipped validation).
Result<WorstCase> worst_case(const asl::StateMachine& machine, const WorstCaseOptions& options);

}  // namespace conflictctl::budget

#pragma once
// What happened in a run, per state and per task invocation, read back from its history.
//
// The history (engine/history.h) is the only input, so the same summary can be made of a
// run recorded earlier. Events are attributed to states by following previousEventId
// chains: an event belongs to the state most recently entered on its chain.
//
// The Lambda timeout analysis is per *invocation*: each attempt of a Task is one Lambda
// invocation with its own limit — the smaller of the state's TimeoutSeconds and the
// function's configured timeout (at most 900 s). Zones: safe below 80 % of the limit,
// warning from 80 % to the limit, over beyond it (the invocation fails). The total time of
// the pipeline is not a Lambda limit and is never compared with one.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "asl/model.h"
#include "engine/executor.h"

namespace conflictctl::engine {

// kFailed: the invocation ended with an error of its own before its limit — not "safe", whatever
// its duration (invocation_zone); zone_for, which judges a duration alone, never gives it.
enum class Zone { kSafe, kWarning, kOver, kFailed };
std::string_view to_string(Zone zone);
Zone zone_for(double seconds, double limit_seconds);
// The zone of one invocation: over at its limit (it timed out), else failed when it failed,
// else zone_for(seconds, limit_seconds).
Zone invocation_zone(double seconds, double limit_seconds, bool failed);

struct InvocationSummary {
  double seconds = 0;
  std::string outcome;  // "SUCCEEDED", "FAILED", "TIMED_OUT"
  std::string error;    // error name when not SUCCEEDED
};

struct StateSummary {
  std::string name;
  std::string type;      // "Task", "Map", …
  int depth = 0;         // 0 top level, 1 inside a Map/Parallel, …
  int entries = 0;       // times entered (Map iterations enter inner states many times)
  std::string status;    // SUCCEEDED, CAUGHT (failed, then a Catcher moved on), FAILED, ABORTED
  double total_seconds = 0;  // summed over entries, from Entered to Exited (or failure)
  double max_seconds = 0;
  int retries = 0;
  std::vector<double> backoff_seconds;  // wait before each retry, in order
  std::vector<InvocationSummary> invocations;  // Task states only
  std::optional<long long> rows;  // row counts the tasks reported, summed
  // The name of the last error seen in this state, if any. For a Map or Parallel that a
  // Catcher moved on from (no event of theirs names an error), the one its Catcher placed.
  std::string last_error;
  // Why the Catcher that matches last_error did not apply although the state failed:
  // "States.ResultPathMatchFailure: Unable to apply ReferencePath $.error to input \"3\""
  // (its ResultPath could not be written into the state's input; JSONPath states). "" else.
  std::string catch_failure;
  std::optional<double> limit_seconds;  // Task: the per-invocation limit
};

struct RunSummary {
  std::string status;
  std::optional<std::string> error;
  std::optional<std::string> cause;
  double total_seconds = 0;
  std::vector<StateSummary> states;  // in first-entered order, nested states after their parent
};

// `function_timeout(resource)` gives the configured Lambda timeout of the function behind
// a Task's Resource (nullopt when the resource is not a Lambda function).
using FunctionTimeout = std::function<std::optional<double>(const std::string& resource)>;

// The limit of each invocation of a Task, the one rule for it: the smaller of the state's
// TimeoutSeconds and the function's configured timeout; nullopt when there is neither.
std::optional<double> invocation_limit(std::optional<double> timeout_seconds,
                                       std::optional<double> function_timeout_seconds);

RunSummary summarize(const asl::StateMachine& machine, const ExecutionResult& result,
                     const FunctionTimeout& function_timeout);

// The report `conflictctl simulate` prints: one line per state, then the per-invocation
// Lambda timeout analysis and the outcome.
std::string format_text(const RunSummary& summary, bool virtual_clock);

// The same as JSON: {"status", "error", "cause", "total_seconds", "states": [...]}.
Json to_json(const RunSummary& summary);

}  // namespace conflictctl::engine

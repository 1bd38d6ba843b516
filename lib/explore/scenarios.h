#pragma once
// The scenarios `conflictctl explore` runs, made from the definition and its baseline run.
//
// For each Task state the baseline entered (in definition order, nested states after their
// Map or Parallel), the errors are: every name its Retriers and Catchers list (States.ALL
// aside), then States.Timeout, States.TaskFailed, Lambda.ServiceException,
// Lambda.TooManyRequestsException and kUnnamedError, which no ErrorEquals names. For each
// error:
//   - when a Retrier matches it with MaxAttempts m: the first k attempts of the state's first
//     entry fail, k = 1 … m (the retry succeeds);
//   - every attempt fails (retries exhausted; the scenario aims at the first Catcher that
//     matches, if any): of every entry (a retried Parallel enters the state again), or inside
//     a Map of the first iteration.
// For each Task inside a Map (the baseline's entries of the state are the Map's iterations,
// n of them), States.TaskFailed on every attempt of: iterations 1-k for k = 2 and k around
// the Map's ToleratedFailureCount (t, t+1) and ToleratedFailurePercentage (⌊p·n/100⌋ and one
// more), for k < n; and every iteration.
// For each limit of a Task — its TimeoutSeconds, its Lambda function's timeout — with L
// seconds: every call takes L − 1 s (just under); the first attempt takes L + 1 s; every
// call takes L + 1 s (just over).
// With `pairs`, then every two of those single-fault scenarios on different states together.
//
// At most `max_scenarios` are returned, in that order; `skipped` counts the rest.
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "asl/model.h"
#include "engine/run_summary.h"
#include "explore/scenario.h"

namespace conflictctl::explore {

// The error that no Retrier or Catcher names (custom names may not start with "States.").
inline constexpr std::string_view kUnnamedError = "Explore.UnnamedError";

struct ScenarioSet {
  std::vector<Scenario> scenarios;
  std::size_t skipped = 0;  // made but over max_scenarios
};

struct ScenarioOptions {
  std::size_t max_scenarios = 2000;
  bool pairs = false;
  // The configured timeout of the Lambda function behind a Task's Resource
  // (pipeline::function_timeouts); may be empty.
  engine::FunctionTimeout function_timeout;
};

// `entries`: how many times the baseline entered each Task state (ScenarioRunner's entries).
ScenarioSet make_scenarios(const asl::StateMachine& machine,
                           const std::map<std::string, int>& entries,
                           const ScenarioOptions& options);

}  // namespace conflictctl::explore

#pragma once
// `conflictctl explore`: every failure a state machine can meet, run on the virtual clock.
//
// Starting from a baseline run (the mock configuration's test case when one is given, else
// the bindings' mock handlers, else every Task returning {} at once), explore runs the
// scenarios of explore/scenarios.h — errors at each attempt of each Task, failing Map
// iterations around the tolerated thresholds, durations at the edge of each limit — each as
// one execution on the virtual clock (explore/scenario_runner.h). A Task the baseline never
// enters but a scenario does (one on a Catcher's path) then gets its own scenarios, each
// after the faults of the smallest scenario that enters it; all within max_scenarios.
// It reports:
//   - the distinct outcomes (end state, status, error), each with the smallest scenario that
//     reaches it (fewest faults, then fewest calls faulted, then the first made) and that
//     scenario's virtual duration;
//   - the states and Catchers no scenario reaches, with the reason where it is known: for a
//     Catcher, the error its ResultPath met in the scenario made to reach it (the engine's
//     own catcher_output on the state's recorded input), an earlier Catcher that catches every
//     error it names, or its state never being entered; for a state, the Catchers or Choice
//     rules that alone lead to it;
//   - the errors that escape every Catcher (the execution fails outside a Fail state);
//   - the scenarios over a limit: the execution's TimeoutSeconds (it ends TIMED_OUT), the
//     EXPRESS five minutes (an EXPRESS execution), a Lambda function's timeout (a call that
//     ran longer than the function's configured timeout, which the state's own
//     TimeoutSeconds did not cut short);
//   - the Retriers of Task states that never fire: MaxAttempts 0, every error they name
//     matched by an earlier Retrier, their state never entered, or no scenario's error
//     reaching them. (Retriers of Map and Parallel states are judged by the first two only.)
//
// Nothing here prints; explore/report.h formats a Report as text or JSON and
// explore/mock_file.h writes its scenarios as a mock configuration. Not thread-safe: one
// call runs its executions one after the other on the calling thread.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "asl/model.h"
#include "core/diagnostic.h"
#include "core/workflow_type.h"
#include "explore/run_trace.h"
#include "explore/scenario.h"
#include "explore/scenario_runner.h"
#include "pipeline/run.h"
#include "tasks/bindings.h"

namespace conflictctl::explore {

struct ExploreRequest {
  // A pipeline of pipeline::pipelines_dir() by name, or a definition file with optional
  // bindings (exactly one of pipeline and definition).
  std::optional<std::string> pipeline;
  std::string definition;
  std::optional<std::string> bindings;
  // The baseline's mocks: a test case of a Step Functions Local mock configuration.
  std::optional<pipeline::MockSelection> mocks;
  std::string state_machine_name;  // default: the pipeline's name or the definition's stem
  Json input = Json::object();
  std::optional<WorkflowType> type;  // default: the bindings' type, else STANDARD
  std::size_t max_scenarios = 2000;  // Default: 2,000 (the baseline is not counted)
  bool pairs = false;                // also every two single faults together
};

// A machine ready to explore: everything the request names, loaded.
struct Subject {
  std::shared_ptr<const asl::StateMachine> machine;
  std::string machine_name;
  std::string definition_path;
  WorkflowType type = WorkflowType::kStandard;
  std::optional<tasks::Bindings> bindings;
  Json input;
  // What answers a call no mock test case answers: the bindings' mock handlers, else every
  // call returns {} at once.
  std::shared_ptr<engine::TaskRunner> handlers;
  // Makes the runner that answers the baseline's calls: a fresh one per execution (a mock
  // test case counts its calls per execution).
  std::function<std::shared_ptr<engine::TaskRunner>()> baseline_runner;
};

struct LoadedSubject {
  std::optional<Subject> subject;  // empty when diagnostics is not empty
  Diagnostics diagnostics;
};

// Loads the definition, bindings and mock test case the request names. Problems are
// diagnostics naming the file, as pipeline::run gives them.
LoadedSubject load_subject(const ExploreRequest& request);

// One scenario as it ran.
struct ScenarioRun {
  Scenario scenario;
  RunTrace trace;
  std::vector<Call> calls;
  int faulted_calls = 0;
  std::size_t order = 0;  // 0 for the baseline, then the order scenarios were made
};

struct OutcomeFinding {
  Outcome outcome;
  ScenarioRun smallest;  // the smallest scenario that reaches it
  std::size_t scenarios = 0;  // how many scenarios reach it
};

struct UnreachableState {
  std::string state;
  std::string map;     // the Map or Parallel state it sits in; "" at the top level
  std::string reason;  // "" when unknown
};

struct UnreachableCatcher {
  std::string state;
  int index = 0;
  const asl::Catcher* catcher = nullptr;  // into Report::machine
  std::string reason;
};

struct EscapingError {
  std::string error;
  std::string state;  // where it escaped: the execution's end state
  ScenarioRun smallest;
};

struct OverLimit {
  std::string limit;  // "execution TimeoutSeconds (3,600 s)", "EXPRESS 5 minutes",
                      // "Lambda timeout of cm-task (900 s)"
  std::size_t scenarios = 0;
  ScenarioRun smallest;
  double longest_seconds = 0;  // the longest of those executions, virtual seconds
};

struct IdleRetrier {
  std::string state;
  int index = 0;
  std::string reason;
};

struct Report {
  std::shared_ptr<const asl::StateMachine> machine;
  std::string machine_name;
  WorkflowType type = WorkflowType::kStandard;
  std::size_t scenarios_run = 0;   // the baseline included
  std::size_t scenarios_skipped = 0;
  std::vector<OutcomeFinding> outcomes;  // SUCCEEDED first, then by end state
  std::vector<UnreachableState> unreachable_states;  // definition order
  std::vector<UnreachableCatcher> unreachable_catchers;
  std::vector<EscapingError> escaping_errors;
  std::vector<OverLimit> over_limits;
  std::vector<IdleRetrier> idle_retriers;
};

// Runs the baseline and the scenarios.
Report explore(const Subject& subject, const ExploreRequest& request);

// One execution of `scenario` on the virtual clock; `order` is kept in the result.
ScenarioRun run_scenario(const Subject& subject, const Scenario& scenario, std::size_t order);

}  // namespace conflictctl::explore

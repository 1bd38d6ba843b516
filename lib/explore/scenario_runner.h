#pragma once
// ScenarioRunner: a engine::TaskRunner decorator that plays one scenario's faults
// (explore/scenario.h) over the runner that gives the baseline, and records every call, so
// that the run can be written out as a mock configuration test case (explore/mock_file.h).
//
// Entries: a call with attempt 0 starts a new entry of its state (entries are numbered per
// state in the order they start: a Map's iterations in the order the Map starts them); a
// retry belongs to the entry of the earlier call with the same TaskInvocation::call_id.
//
// For each call the first fault of the scenario that names the state and holds the entry and
// the attempt decides: an error fault fails the call at once without calling the inner runner
// (so the inner runner's own call counts, e.g. a MockRunner's, see only the calls it answers);
// a duration fault calls the inner runner and replaces the call's simulated duration. Calls
// no fault holds go to the inner runner unchanged.
//
// One ScenarioRunner serves one execution on the virtual clock (calls on the loop thread);
// not thread-safe.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/task.h"
#include "explore/scenario.h"

namespace conflictctl::explore {

// One call of a Task state, as it was answered.
struct Call {
  std::string state;
  int entry = 0;
  int attempt = 0;
  Result<Json> result;             // what the call returned (a duration fault keeps it)
  std::optional<double> seconds;   // its simulated duration; nullopt = instant
  // The call ran into the state's deadline: the engine failed it with States.Timeout.
  bool timed_out = false;
  bool faulted = false;            // a fault of the scenario decided this call
};

class ScenarioRunner final : public engine::TaskRunner {
 public:
  // `inner` must outlive this runner.
  ScenarioRunner(const Scenario& scenario, engine::TaskRunner& inner);

  engine::TaskOutcome invoke(const engine::TaskInvocation& invocation,
                             engine::TaskContext& context) override;

  // Every call, in the order they were made.
  const std::vector<Call>& calls() const { return calls_; }
  // How many calls a fault decided.
  int faulted_calls() const { return faulted_; }

 private:
  const Fault* fault_for(const std::string& state, int entry, int attempt) const;

  const Scenario& scenario_;
  engine::TaskRunner& inner_;
  std::map<std::string, int> entries_;             // state → entries started
  std::map<std::string, int> entry_of_call_;       // call_id → its entry
  std::vector<Call> calls_;
  int faulted_ = 0;
};

}  // namespace conflictctl::explore

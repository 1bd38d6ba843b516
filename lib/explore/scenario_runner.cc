#include "explore/scenario_runner.h"

namespace conflictctl::explore {

ScenarioRunner::ScenarioRunner(const Scenario& scenario, engine::TaskRunner& inner)
    : scenario_(scenario), inner_(inner) {}

const Fault* ScenarioRunner::fault_for(const std::string& state, int entry, int attempt) const {
  for (const auto& fault : scenario_.faults)
    if (fault.state == state && fault.entries.holds(entry) && fault.attempts.holds(attempt))
      return &fault;
  return nullptr;
}

engine::TaskOutcome ScenarioRunner::invoke(const engine::TaskInvocation& invocation,
                                           engine::TaskContext& context) {
  int entry = 0;
  auto known = entry_of_call_.find(invocation.call_id);
  if (invocation.attempt == 0 || known == entry_of_call_.end()) {
    entry = entries_[invocation.state_name]++;
    entry_of_call_[invocation.call_id] = entry;
  } else {
    entry = known->second;
  }
  const Fault* fault = fault_for(invocation.state_name, entry, invocation.attempt);
  engine::TaskOutcome outcome =
      fault && fault->error
          ? engine::TaskOutcome::failure(fault->error->name, fault->error->cause)
          : inner_.invoke(invocation, context);
  if (fault && !fault->error) outcome.simulated_seconds = fault->seconds;
  if (fault) ++faulted_;

  Call call{invocation.state_name, entry, invocation.attempt, outcome.result,
            outcome.simulated_seconds, false, fault != nullptr};
  auto remaining = context.remaining_seconds();
  call.timed_out =
      remaining && outcome.simulated_seconds && *outcome.simulated_seconds >= *remaining;
  calls_.push_back(std::move(call));
  return outcome;
}

}  // namespace conflictctl::explore

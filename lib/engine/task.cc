#include "engine/task.h"

#include <algorithm>

namespace conflictctl::engine {

std::optional<double> TaskContext::remaining_seconds() const {
  if (!deadline) return std::nullopt;
  return std::max(0.0, millis_to_seconds(*deadline - clock.now()));
}

Timestamp TaskContext::finished_at(const TaskOutcome& outcome) const {
  Timestamp now = clock.now();
  if (simulated) now += seconds_to_millis(outcome.simulated_seconds.value_or(0.0));
  return now;
}

}  // namespace conflictctl::engine

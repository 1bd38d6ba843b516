#include "engine/task.h"

#include <algorithm>

namespace conflictctl::engine {

std::optional<double> TaskContext::remaining_seconds() const {
  if (!deadline) return std::nullopt;
  return std::max(0.0, millis_to_seconds(*deadline - clock.now()));
}

}  // namespace conflictctl::engine

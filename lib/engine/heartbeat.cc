#include "engine/heartbeat.h"

#include <fmt/format.h>

#include "core/error_names.h"

namespace conflictctl::engine {

std::optional<double> missed_heartbeat(const std::vector<double>& beats, double took,
                                       double heartbeat_seconds) {
  double last = 0;  // the start, then each heartbeat in turn
  for (double beat : beats) {
    if (beat > took) break;
    if (beat - last > heartbeat_seconds) return last + heartbeat_seconds;
    last = beat;
  }
  if (took - last > heartbeat_seconds) return last + heartbeat_seconds;
  return std::nullopt;
}

Error heartbeat_timeout(double heartbeat_seconds) {
  return Error{std::string(errors::kHeartbeatTimeout),
               fmt::format("The task sent no heartbeat for more than its HeartbeatSeconds "
                           "({} s).",
                           heartbeat_seconds)};
}

bool is_missed_heartbeat(const Error& error) { return error.name == errors::kHeartbeatTimeout; }

Error as_timeout(const Error& missed_heartbeat) {
  return Error{std::string(errors::kTimeout), missed_heartbeat.cause};
}

}  // namespace conflictctl::engine

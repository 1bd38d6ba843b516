#include "engine/state_timing.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "asl/limits.h"
#include "core/error_names.h"
#include "dataflow/path.h"

namespace conflictctl::engine {

using errors::runtime_error;

namespace {


// A number at `path` that is a whole number from `minimum` to asl::limits::kMaxSeconds, the
// bound Step Functions puts on the same field written as a constant. Checked here, where the
// number becomes a duration, so that 1e300 cannot overflow the clock.
Result<double> whole_number_at(const std::string& path, const char* field, double minimum,
                               const Json& input, const Json& context) {
  auto value = dataflow::evaluate_path(path, input, context);
  if (!value) return value.error();
  const double number = value->is_number() ? value->get<double>() : -1;
  if (!value->is_number() || !(number >= minimum && number <= asl::limits::kMaxSeconds) ||
      std::floor(number) != number)
    return runtime_error(fmt::format("The {} '{}' must select an integer from {} to {:.0f}, "
                                     "but selected {}.",
                                     field, path, minimum, asl::limits::kMaxSeconds,
                                     to_compact(*value)));
  return number;
}

}  // namespace

Result<Timestamp> wait_until(const asl::WaitSpec& wait, const Json& input, const Json& context,
                             Timestamp now) {
  if (wait.seconds) return now + seconds_to_millis(*wait.seconds);
  if (wait.seconds_path) {
    auto seconds = whole_number_at(*wait.seconds_path, "SecondsPath", 0, input, context);
    if (!seconds) return seconds.error();
    return now + seconds_to_millis(*seconds);
  }
  std::optional<Timestamp> at;
  if (wait.timestamp) {
    at = parse_timestamp(*wait.timestamp);
  } else if (wait.timestamp_path) {
    auto value = dataflow::evaluate_path(*wait.timestamp_path, input, context);
    if (!value) return value.error();
    if (value->is_string()) at = parse_timestamp(value->get<std::string>());
    if (!at)
      return runtime_error(fmt::format("The TimestampPath '{}' must select an RFC 3339 "
                                       "timestamp, but selected {}.",
                                       *wait.timestamp_path, to_compact(*value)));
  }
  if (!at) return runtime_error("The Wait state has no valid Seconds or Timestamp.");
  // AWS: "if you specify the wait time as a timestamp, Step Functions considers the time value
  // up to seconds and truncates milliseconds."
  Timestamp whole_seconds = std::chrono::floor<std::chrono::seconds>(*at);
  return std::max(now, whole_seconds);
}

Result<std::optional<double>> task_timeout(const asl::TaskSpec& task, const Json& input,
                                           const Json& context) {
  if (task.timeout_seconds) return std::optional<double>(*task.timeout_seconds);
  if (!task.timeout_seconds_path) return std::optional<double>();
  auto seconds =
      whole_number_at(*task.timeout_seconds_path, "TimeoutSecondsPath", 1, input, context);
  if (!seconds) return seconds.error();
  return std::optional<double>(*seconds);
}

}  // namespace conflictctl::engine

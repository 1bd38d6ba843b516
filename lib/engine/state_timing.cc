#include "engine/state_timing.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "asl/jsonata_fields.h"
#include "asl/limits.h"
#include "core/error_names.h"
#include "dataflow/typed_path.h"

namespace conflictctl::engine {

using errors::runtime_error;

namespace {

// A number at `path` that is a whole number from `minimum` to asl::limits::kMaxSeconds, the
// bound Step Functions puts on the same field written as a constant. Checked here, where the
// number becomes a duration, so that 1e300 cannot overflow the clock.
Result<double> whole_seconds_at(const std::string& path, const char* field, double minimum,
                                const Json& input, const PathContext& context) {
  auto value = dataflow::evaluate_path_as(
      field, path, input, context, dataflow::PathType::integer(minimum, asl::limits::kMaxSeconds));
  if (!value) return value.error();
  return value->get<double>();
}

}  // namespace

Result<Timestamp> wait_until(const asl::WaitSpec& wait, const Json& input,
                             const PathContext& context, Timestamp now,
                             const FieldExpression& jsonata) {
  if (wait.seconds) return now + seconds_to_millis(*wait.seconds);
  if (wait.seconds_expression && jsonata) {
    auto seconds = jsonata("Seconds", *wait.seconds_expression,
                           dataflow::PathType::integer(0, asl::limits::kMaxSeconds));
    if (!seconds) return seconds.error();
    return now + seconds_to_millis(seconds->get<double>());
  }
  if (wait.seconds_path) {
    auto seconds = whole_seconds_at(*wait.seconds_path, "SecondsPath", 0, input, context);
    if (!seconds) return seconds.error();
    return now + seconds_to_millis(*seconds);
  }
  std::optional<Timestamp> at;
  if (wait.timestamp && jsonata && asl::is_jsonata_expression(*wait.timestamp)) {
    auto value = jsonata("Timestamp", *wait.timestamp, dataflow::PathType::timestamp());
    if (!value) return value.error();
    at = dataflow::parse_asl_timestamp(value->get_ref<const std::string&>());
  } else if (wait.timestamp) {
    at = dataflow::parse_asl_timestamp(*wait.timestamp);
  } else if (wait.timestamp_path) {
    auto value = dataflow::evaluate_path_as("TimestampPath", *wait.timestamp_path, input,
                                            context, dataflow::PathType::timestamp());
    if (!value) return value.error();
    at = dataflow::parse_asl_timestamp(value->get_ref<const std::string&>());
  }
  if (!at) return runtime_error("The Wait state has no valid Seconds or Timestamp.");
  // AWS: "if you specify the wait time as a timestamp, Step Functions considers the time value
  // up to seconds and truncates milliseconds."
  Timestamp whole_seconds = std::chrono::floor<std::chrono::seconds>(*at);
  return std::max(now, whole_seconds);
}

Result<std::optional<double>> task_timeout(const asl::TaskSpec& task, const Json& input,
                                           const PathContext& context,
                                           const FieldExpression& jsonata) {
  if (task.timeout_seconds) return std::optional<double>(*task.timeout_seconds);
  if (task.timeout_seconds_expression && jsonata) {
    auto seconds = jsonata("TimeoutSeconds", *task.timeout_seconds_expression,
                           dataflow::PathType::integer(1, asl::limits::kMaxSeconds));
    if (!seconds) return seconds.error();
    return std::optional<double>(seconds->get<double>());
  }
  if (!task.timeout_seconds_path) return std::optional<double>();
  auto seconds =
      whole_seconds_at(*task.timeout_seconds_path, "TimeoutSecondsPath", 1, input, context);
  if (!seconds) return seconds.error();
  return std::optional<double>(*seconds);
}

Result<std::optional<double>> task_heartbeat(const asl::TaskSpec& task, const Json& input,
                                             const PathContext& context,
                                             const FieldExpression& jsonata) {
  if (task.heartbeat_seconds) return std::optional<double>(*task.heartbeat_seconds);
  if (task.heartbeat_seconds_expression && jsonata) {
    auto seconds = jsonata("HeartbeatSeconds", *task.heartbeat_seconds_expression,
                           dataflow::PathType::integer(1, asl::limits::kMaxSeconds));
    if (!seconds) return seconds.error();
    return std::optional<double>(seconds->get<double>());
  }
  if (!task.heartbeat_seconds_path) return std::optional<double>();
  auto seconds =
      whole_seconds_at(*task.heartbeat_seconds_path, "HeartbeatSecondsPath", 1, input, context);
  if (!seconds) return seconds.error();
  return std::optional<double>(*seconds);
}

}  // namespace conflictctl::engine

#include "budget/aws_history.h"

#include <fmt/format.h>

#include <cmath>

#include "budget/recorded_execution.h"
#include "core/json_text.h"

namespace conflictctl::budget {

namespace {

Error corrupt(const std::string& source, const std::string& pointer, const std::string& what) {
  return Error{std::string(error_names::kCorruptRecord),
               fmt::format("{}: {}: {}", source, pointer, what)};
}

// The event's timestamp as the engine writes it, or nullopt when it is neither form.
std::optional<std::string> rfc3339(const Json& timestamp) {
  if (timestamp.is_number()) {
    double seconds = timestamp.get<double>();
    if (!std::isfinite(seconds) || seconds < 0 || seconds > 253402300799.0) return std::nullopt;
    return format_timestamp(Timestamp(seconds_to_millis(seconds)));
  }
  if (timestamp.is_string())
    if (auto at = parse_timestamp(timestamp.get<std::string>())) return format_timestamp(*at);
  return std::nullopt;
}

}  // namespace

Result<RunRecord> record_from_aws_history(const Json& history, const std::string& source,
                                          const AwsRunContext& context) {
  if (!history.is_object() || !history.contains("events") || !history["events"].is_array())
    return Error{std::string(error_names::kCorruptRecord),
                 fmt::format("{}: expected an object with an \"events\" array (the answer of "
                             "aws stepfunctions get-execution-history)",
                             source)};
  Json normalized = history;
  normalized.erase("nextToken");
  Json& events = normalized["events"];
  if (events.empty()) return corrupt(source, "/events", "no events");
  if (events.size() > 1 && events.front().is_object() && events.back().is_object() &&
      events.front().value("id", Json(0)).is_number_integer() &&
      events.back().value("id", Json(0)).is_number_integer() &&
      events.front().value("id", 0) > events.back().value("id", 0))
    return corrupt(source, "/events",
                   "the events run newest first (saved with --reverse-order?); save the "
                   "history oldest first");
  for (std::size_t i = 0; i < events.size(); ++i) {
    Json& event = events[i];
    if (!event.is_object() || !event.contains("timestamp")) continue;  // reported below
    auto text = rfc3339(event["timestamp"]);
    if (!text)
      return corrupt(source, fmt::format("/events/{}/timestamp", i),
                     "expected epoch seconds or an ISO 8601 date-time");
    event["timestamp"] = *text;
  }
  auto execution = execution_from_history(normalized, source);
  if (!execution) return execution.error();

  RunRecord record;
  record.command = context.command;
  record.pipeline = context.pipeline;
  record.definition_path = context.definition_path;
  record.mode = std::string(kAwsMode);
  record.virtual_clock = false;
  record.type = context.type;
  record.status = std::string(engine::to_string(execution->status));
  record.started = execution->started;
  if (execution->status != engine::ExecutionStatus::kRunning)
    record.finished = execution->stopped;
  record.definition = context.definition;
  record.function_timeouts = context.function_timeouts;
  const engine::HistoryEvent& first = execution->history.events().front();
  record.input = Json::object();
  if (first.type == "ExecutionStarted") {
    // Untrusted text: the depth-checked reader (core/json_text.h).
    Result<Json> input = parse_json_text(first.details.text_of("input"), "input");
    if (input) record.input = std::move(*input);
  }
  record.history = std::move(normalized);
  return record;
}

}  // namespace conflictctl::budget

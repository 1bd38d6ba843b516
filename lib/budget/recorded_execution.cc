#include "budget/recorded_execution.h"

#include <fmt/format.h>

#include "asl/parser.h"
#include "core/json_text.h"

namespace conflictctl::budget {

namespace {

Error corrupt(const std::string& source, const std::string& pointer, const std::string& what) {
  if (pointer.empty())  // the whole document: just the file, as Diagnostic::to_string says it
    return Error{std::string(error_names::kCorruptRecord), fmt::format("{}: {}", source, what)};
  return Error{std::string(error_names::kCorruptRecord),
               fmt::format("{}: {}: {}", source, pointer, what)};
}

bool is_event_field(const std::string& key) {
  return key == "timestamp" || key == "type" || key == "id" || key == "previousEventId";
}

}  // namespace

Result<engine::History> history_from_json(const Json& history, const std::string& source,
                                          const std::string& pointer) {
  if (!history.is_object() || !history.contains("events") || !history["events"].is_array())
    return corrupt(source, pointer, "expected an object with an \"events\" array");
  engine::History out;
  const Json& events = history["events"];
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Json& event = events[i];
    std::string at = fmt::format("{}/events/{}", pointer, i);
    if (!event.is_object()) return corrupt(source, at, "expected an event object");
    auto timestamp = event.contains("timestamp") && event["timestamp"].is_string()
                         ? parse_timestamp(event["timestamp"].get<std::string>())
                         : std::nullopt;
    if (!timestamp) return corrupt(source, at + "/timestamp", "not an RFC 3339 timestamp");
    if (!event.contains("type") || !event["type"].is_string())
      return corrupt(source, at + "/type", "expected a string");
    if (!event.contains("id") || !event["id"].is_number_integer() ||
        event["id"].get<std::int64_t>() != static_cast<std::int64_t>(i) + 1)
      return corrupt(source, at + "/id", fmt::format("expected the event id {}", i + 1));
    std::int64_t previous = 0;
    if (event.contains("previousEventId")) {
      if (!event["previousEventId"].is_number_integer())
        return corrupt(source, at + "/previousEventId", "expected an integer");
      previous = event["previousEventId"].get<std::int64_t>();
      if (previous < 0 || previous > static_cast<std::int64_t>(i))  // an earlier event, or 0
        return corrupt(source, at + "/previousEventId",
                       fmt::format("expected 0 or the id of an earlier event, got {}", previous));
    }
    std::string details_key;
    Json details = nullptr;
    for (const auto& [key, value] : event.items()) {
      if (is_event_field(key)) continue;
      if (!details_key.empty())
        return corrupt(source, at + "/" + key,
                       fmt::format("a second details key (after \"{}\")", details_key));
      details_key = key;
      details = value;
    }
    out.add(*timestamp, event["type"].get<std::string>(), previous, details_key,
            std::move(details));
  }
  return out;
}

Result<engine::ExecutionResult> execution_from_history(const Json& history,
                                                       const std::string& source,
                                                       const std::string& pointer) {
  auto events = history_from_json(history, source, pointer);
  if (!events) return events.error();
  engine::ExecutionResult result;
  result.history = std::move(*events);
  const auto& list = result.history.events();
  if (list.empty()) return result;
  result.started = list.front().timestamp;
  result.stopped = list.back().timestamp;
  const engine::HistoryEvent& last = list.back();
  if (last.type == "ExecutionSucceeded") {
    result.status = engine::ExecutionStatus::kSucceeded;
    // The record is untrusted: the depth-checked reader (core/json_text.h).
    Result<Json> output = parse_json_text(last.details.text_of("output"), "output");
    result.output = output ? std::move(*output) : Json(nullptr);
    return result;
  }
  if (last.type == "ExecutionFailed") result.status = engine::ExecutionStatus::kFailed;
  else if (last.type == "ExecutionTimedOut") result.status = engine::ExecutionStatus::kTimedOut;
  else if (last.type == "ExecutionAborted") result.status = engine::ExecutionStatus::kAborted;
  else return result;  // RUNNING: the record ends before the execution did
  result.error = Error{last.details.text_of("error"), last.details.text_of("cause")};
  return result;
}

Result<RecordedRun> read_recorded_run(const RunRecord& record) {
  if (!record.definition.is_object())
    return Error{std::string(error_names::kCorruptRecord),
                 fmt::format("{}: one task invocation (conflictctl run), not an execution",
                             record.id)};
  auto loaded = asl::parse_definition(record.definition.dump(), record.definition_path);
  if (!loaded.machine)
    return Error{std::string(error_names::kCorruptRecord),
                 fmt::format("{}: {}", record.id,
                             loaded.diagnostics.empty() ? "its definition does not parse"
                                                        : loaded.diagnostics.front().to_string())};
  auto execution = execution_from_history(record.history, record.id, "/history");
  if (!execution) return execution.error();
  return RecordedRun{loaded.machine, std::move(*execution)};
}

}  // namespace conflictctl::budget

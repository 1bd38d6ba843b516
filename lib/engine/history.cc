#include "engine/history.h"

namespace conflictctl::engine {

Json io_details(const std::string& key, const std::string& text) {
  return Json{{key, text}, {key + "Details", Json{{"truncated", false}}}};
}

Json HistoryEvent::to_json() const {
  Json event = Json::object();
  event["timestamp"] = format_timestamp(timestamp);
  event["type"] = type;
  event["id"] = id;
  event["previousEventId"] = previous_event_id;
  if (!details_key.empty()) event[details_key] = details;
  return event;
}

std::int64_t History::add(Timestamp at, std::string type, std::int64_t previous,
                          std::string details_key, Json details) {
  HistoryEvent event;
  event.id = static_cast<std::int64_t>(events_.size()) + 1;
  event.previous_event_id = previous;
  event.timestamp = at;
  event.type = std::move(type);
  event.details_key = std::move(details_key);
  event.details = std::move(details);
  events_.push_back(std::move(event));
  return events_.back().id;
}

Json History::to_json() const {
  Json events = Json::array();
  for (const auto& event : events_) events.push_back(event.to_json());
  return Json{{"events", std::move(events)}};
}

}  // namespace conflictctl::engine

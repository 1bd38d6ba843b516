#include "engine/history.h"

#include <mutex>
#include <unordered_set>

namespace conflictctl::engine {

std::string_view intern_event_name(std::string_view text) {
  static std::mutex mutex;
  static auto* names = new std::unordered_set<std::string>();  // never destroyed
  std::lock_guard lock(mutex);
  return *names->emplace(text).first;
}

namespace {

// Built field by field: nlohmann's initializer lists make a temporary array per pair, and
// every state records two of these.
void add_io(Json& details, const std::string& key, std::string text) {
  details.emplace(key, std::move(text));
  Json truncated = Json::object();
  truncated.emplace("truncated", false);
  details.emplace(key + "Details", std::move(truncated));
}

}  // namespace

Json io_details(const std::string& key, std::string text) {
  Json details = Json::object();
  add_io(details, key, std::move(text));
  return details;
}

Json state_io_details(const std::string& state, const std::string& key, std::string text) {
  Json details = Json::object();
  details.emplace("name", state);
  add_io(details, key, std::move(text));
  return details;
}

Json HistoryEvent::to_json() const {
  Json event = Json::object();
  event["timestamp"] = format_timestamp(timestamp);
  event["type"] = type;
  event["id"] = id;
  event["previousEventId"] = previous_event_id;
  if (!details_key.empty()) event[std::string(details_key)] = details;
  return event;
}

std::int64_t History::add(Timestamp at, std::string_view type, std::int64_t previous,
                          std::string_view details_key, Json details) {
  HistoryEvent event;
  event.id = static_cast<std::int64_t>(events_.size()) + 1;
  event.previous_event_id = previous;
  event.timestamp = at;
  event.type = intern_event_name(type);
  event.details_key = details_key.empty() ? std::string_view() : intern_event_name(details_key);
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

#include "engine/history.h"

#include <array>
#include <cstdint>
#include <functional>
#include <mutex>
#include <unordered_set>

namespace conflictctl::engine {

namespace {

// Looks names up by view, so that finding one already stored allocates nothing.
struct NameHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

std::string_view text_key_name(TextKey key) {
  switch (key) {
    case TextKey::kInput: return "input";
    case TextKey::kOutput: return "output";
    case TextKey::kNone: break;
  }
  return "";
}

}  // namespace

std::string_view intern_event_name(std::string_view text) {
  static std::mutex mutex;
  static auto* names = new std::unordered_set<std::string, NameHash, std::equal_to<>>();  // never destroyed
  std::lock_guard lock(mutex);
  if (auto found = names->find(text); found != names->end()) return *found;
  return *names->emplace(text).first;
}

Json untruncated() {
  Json details = Json::object();  // field by field: initializer lists copy through temporaries
  details.emplace("truncated", false);
  return details;
}

EventDetails EventDetails::state_io(std::string_view state, TextKey key, std::string text) {
  EventDetails details;
  details.state = state;
  details.text_key = key;
  details.text = std::move(text);
  return details;
}

EventDetails EventDetails::io(TextKey key, std::string text, Json rest) {
  EventDetails details(std::move(rest));
  details.text_key = key;
  details.text = std::move(text);
  return details;
}

Json EventDetails::to_json() const {
  if (empty()) return nullptr;
  Json out = Json::object();
  if (!state.empty()) out.emplace("name", state);
  if (index >= 0) out.emplace("index", index);
  if (has_text()) {
    std::string_view key = text_key_name(text_key);
    out.emplace(std::string(key), text);
    out.emplace(std::string(key) + "Details", untruncated());
  }
  if (rest.is_object())
    for (const auto& [key, value] : rest.items()) out[key] = value;
  return out;
}

std::optional<std::string_view> EventDetails::string_field(std::string_view key) const {
  if (key == "name" && !state.empty()) return std::string_view(state);
  if (has_text() && key == text_key_name(text_key)) return std::string_view(text);
  if (!rest.is_object()) return std::nullopt;
  auto found = rest.find(key);
  if (found == rest.end() || !found->is_string()) return std::nullopt;
  return std::string_view(found->get_ref<const std::string&>());
}

std::int64_t EventDetails::integer_field(std::string_view key, std::int64_t fallback) const {
  if (key == "index" && index >= 0) return index;
  if (!rest.is_object()) return fallback;
  auto found = rest.find(key);
  if (found == rest.end() || !found->is_number_integer()) return fallback;
  return found->get<std::int64_t>();
}

Json HistoryEvent::to_json() const {
  Json event = Json::object();
  event["timestamp"] = format_timestamp(timestamp);
  event["type"] = type;
  event["id"] = id;
  event["previousEventId"] = previous_event_id;
  if (!details_key.empty() && !details.empty())  // none left when the data was not kept
    event[std::string(details_key)] = details.to_json();
  return event;
}

struct History::Names {
  std::unordered_set<std::string, NameHash, std::equal_to<>> texts;
  // The stored copies of the names recently given, by where the caller's text lives: the
  // engine names states with the machine's own strings, so a name comes back from the same
  // address, and comparing it with its slot costs less than hashing it (the slot's text is
  // compared all the same, so text that has moved or changed is merely looked up).
  struct Recent {
    const char* data = nullptr;
    std::string_view stored;
  };
  std::array<Recent, 64> recent{};

  std::string_view store(std::string_view name) {
    Recent& slot = recent[(reinterpret_cast<std::uintptr_t>(name.data()) >> 4) % recent.size()];
    if (slot.data == name.data() && slot.stored == name) return slot.stored;
    auto found = texts.find(name);
    if (found == texts.end()) found = texts.emplace(name).first;
    slot = Recent{name.data(), *found};
    return *found;
  }
};

std::int64_t History::record(Timestamp at, EventName type, std::int64_t previous,
                             EventName details_key, EventDetails details) {
  ++count_;
  if (keeping_ == Keeping::kCountOnly) return static_cast<std::int64_t>(count_);
  if (!details.state.empty()) {
    if (!names_) names_ = std::make_shared<Names>();
    details.state = names_->store(details.state);
  }
  HistoryEvent& event = events_.emplace_back();
  event.id = static_cast<std::int32_t>(count_);
  event.previous_event_id = static_cast<std::int32_t>(previous);
  event.timestamp = at;
  event.type = type.text();
  event.details_key = details_key.text();
  event.details = std::move(details);
  return event.id;
}

std::int64_t History::add(Timestamp at, std::string_view type, std::int64_t previous,
                          std::string_view details_key, Json details) {
  return record(at, EventName::interned(type), previous,
                details_key.empty() ? EventName() : EventName::interned(details_key),
                EventDetails(std::move(details)));
}

Json History::to_json() const {
  Json events = Json::array();
  for (const auto& event : events_) events.push_back(event.to_json());
  return Json{{"events", std::move(events)}};
}

}  // namespace conflictctl::engine

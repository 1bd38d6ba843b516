#pragma once
// Execution history in the event format of AWS Step Functions' GetExecutionHistory.
//
// Each event: {"timestamp", "type", "id", "previousEventId", "<detailsKey>": {...}}, e.g.
//   {"timestamp":"2024-01-01T00:00:00.000Z","type":"TaskStateEntered","id":2,
//    "previousEventId":0,"stateEnteredEventDetails":{"name":"Load","input":"{}",
//    "inputDetails":{"truncated":false}}}
// Ids start at 1 and are dense. previousEventId is the id of the previous event of the same
// flow (the same branch or Map iteration), 0 for the first, as AWS records it. Inputs and
// outputs are JSON *strings*, as in AWS.
//
// Event types used (AWS's names): ExecutionStarted/Succeeded/Failed/TimedOut/Aborted;
// <Type>StateEntered/Exited for Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map;
// TaskScheduled/Started/Succeeded/Failed/TimedOut (service integrations, e.g. lambda:invoke);
// LambdaFunctionScheduled/Started/Succeeded/Failed/TimedOut (plain Lambda ARNs);
// ParallelStateStarted/Succeeded/Failed, MapStateStarted/Succeeded/Failed,
// MapIterationStarted/Succeeded/Failed.
//
// How an event is stored. A run of a 100,000-item Map records 800,000 events, so an event is
// compact (120 bytes): event types and details keys are views of text stored once for the
// process (EventName), state names are views of text stored once per history, and the details
// are kept in parts — the state's name, a Map iteration's index, the input or output text, and
// only what else there is as JSON — which EventDetails::to_json puts together, in that order,
// when a reader asks. Histories read back from files keep their details whole, as JSON
// (History::add), so they print exactly as they were read.
//
// Lifetime: an event's state name lives as long as the History that holds the event, and its
// copies (a copied History shares the names of the one it was copied from).
//
// Thread safety: a History has none (the engine's loop thread owns it; a copy shares the
// names of its original, so two copies are not appended to from two threads); interning
// event names is thread-safe.
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/json.h"
#include "core/timestamp.h"

namespace conflictctl::engine {

// The one stored copy of `text` (an event type or details key); never freed.
std::string_view intern_event_name(std::string_view text);

// An event type or details key whose text lives as long as the process: a string literal, or
// text passed through intern_event_name. Empty: no details key.
class EventName {
 public:
  constexpr EventName() = default;
  template <std::size_t N>
  consteval EventName(const char (&literal)[N]) : text_(literal, N - 1) {}  // NOLINT: implicit
  static EventName interned(std::string_view text) { return EventName(intern_event_name(text)); }

  constexpr std::string_view text() const { return text_; }

 private:
  constexpr explicit EventName(std::string_view text) : text_(text) {}
  std::string_view text_;
};

// {"truncated": false}: the "<input|output>Details" beside a text an event keeps whole.
Json untruncated();

// Which text field an event's details carry, if any.
enum class TextKey : std::uint8_t { kNone, kInput, kOutput };

// The details of one event, in parts. to_json() gives
//   {"name": state, "index": index, "<input|output>": text,
//    "<input|output>Details": {"truncated": false}, ...rest}
// leaving out each part that is empty (state "", text ""), absent (index < 0, TextKey::kNone)
// or null. An empty text is data not kept (ExecutionOptions::event_data): a JSON text is
// never empty.
struct EventDetails {
  std::string_view state;   // History::record stores the text; the view need live only until then
  std::int32_t index = -1;  // a Map iteration's; 32 bits keep the event small
  TextKey text_key = TextKey::kNone;
  std::string text;
  Json rest;  // an object, or null

  EventDetails() = default;
  EventDetails(Json details) : rest(std::move(details)) {}  // NOLINT: implicit, the whole details

  // {"name": state, "input"|"output": text, ...}: a state's Entered and Exited events.
  static EventDetails state_io(std::string_view state, TextKey key, std::string text);
  // {"input"|"output": text, ...rest}: the execution's and a task's events.
  static EventDetails io(TextKey key, std::string text, Json rest = nullptr);

  bool has_text() const { return text_key != TextKey::kNone && !text.empty(); }
  bool empty() const { return state.empty() && index < 0 && !has_text() && rest.is_null(); }
  Json to_json() const;  // null when empty()
  // The string field `key` ("name", "input", "output", "error", "cause", ...), or nullopt
  // when the details have no such field or it is not a string.
  std::optional<std::string_view> string_field(std::string_view key) const;
  // The same as text, "" when absent (MapStateFailed and ParallelStateFailed carry none).
  std::string text_of(std::string_view key) const {
    return std::string(string_field(key).value_or(""));
  }
  // The integer field `key` ("index", "length"), or `fallback`.
  std::int64_t integer_field(std::string_view key, std::int64_t fallback) const;
};

struct HistoryEvent {
  std::int32_t id = 0;                 // 32 bits: no history reaches 2^31 events
  std::int32_t previous_event_id = 0;
  Timestamp timestamp;
  std::string_view type;         // interned: valid for the life of the process
  std::string_view details_key;  // e.g. "stateEnteredEventDetails"; empty for none
  EventDetails details;

  Json to_json() const;
};

class History {
 public:
  // Whether events are kept. A history that keeps none still counts them and gives out the
  // same ids (ExecutionOptions::keep_events): events() stays empty, size() counts.
  enum class Keeping : std::uint8_t { kEvents, kCountOnly };
  explicit History(Keeping keeping = Keeping::kEvents) : keeping_(keeping) {}

  // Appends an event and returns its id: the engine's way, with names it knows.
  std::int64_t record(Timestamp at, EventName type, std::int64_t previous, EventName details_key,
                      EventDetails details);
  // Appends an event read from elsewhere (a run record, AWS's history): the names are
  // interned and the details kept whole, so to_json() gives them back as they were.
  std::int64_t add(Timestamp at, std::string_view type, std::int64_t previous,
                   std::string_view details_key, Json details);

  // A deque, not a vector: a history of a million events grows without copying itself.
  const std::deque<HistoryEvent>& events() const { return events_; }
  // How many events were recorded, kept or not.
  std::size_t size() const { return count_; }
  // {"events": [...]} as the AWS CLI prints get-execution-history.
  Json to_json() const;

 private:
  struct Names;  // the state names the events view, shared by copies
  std::deque<HistoryEvent> events_;
  std::shared_ptr<Names> names_;
  std::size_t count_ = 0;
  Keeping keeping_ = Keeping::kEvents;
};

}  // namespace conflictctl::engine

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
// Event types and details keys come from a small vocabulary: each text is stored once for
// the process (intern_event_name) and events hold views of it, so a history of a million
// events does not hold two million copies of "PassStateEntered".
//
// Thread safety: a History has none (the engine's loop thread owns it); interning is
// thread-safe.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/timestamp.h"

namespace conflictctl::engine {

struct HistoryEvent {
  std::int64_t id = 0;
  std::int64_t previous_event_id = 0;
  Timestamp timestamp;
  std::string_view type;         // interned: valid for the life of the process
  std::string_view details_key;  // e.g. "stateEnteredEventDetails"; empty for none
  Json details;             // object, or null

  Json to_json() const;
};

// The one stored copy of `text` (an event type or details key); never freed.
std::string_view intern_event_name(std::string_view text);

// {"<key>": text, "<key>Details": {"truncated": false}}: how events carry an input or output.
Json io_details(const std::string& key, std::string text);

// {"name": state, "<key>": text, "<key>Details": {"truncated": false}}: the details of a
// state's Entered ("input") and Exited ("output") events.
Json state_io_details(const std::string& state, const std::string& key, std::string text);

class History {
 public:
  // Appends an event and returns its id.
  std::int64_t add(Timestamp at, std::string_view type, std::int64_t previous,
                   std::string_view details_key, Json details);
  const std::vector<HistoryEvent>& events() const { return events_; }
  // {"events": [...]} as the AWS CLI prints get-execution-history.
  Json to_json() const;

 private:
  std::vector<HistoryEvent> events_;
};

}  // namespace conflictctl::engine

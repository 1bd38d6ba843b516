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
// Thread safety: none; the engine's loop thread owns it.
#include <cstdint>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/timestamp.h"

namespace conflictctl::engine {

struct HistoryEvent {
  std::int64_t id = 0;
  std::int64_t previous_event_id = 0;
  Timestamp timestamp;
  std::string type;
  std::string details_key;  // e.g. "stateEnteredEventDetails"; empty for none
  Json details;             // object, or null

  Json to_json() const;
};

// {"<key>": text, "<key>Details": {"truncated": false}}: how events carry an input or output.
Json io_details(const std::string& key, const std::string& text);

class History {
 public:
  // Appends an event and returns its id.
  std::int64_t add(Timestamp at, std::string type, std::int64_t previous, std::string details_key,
                   Json details);
  const std::vector<HistoryEvent>& events() const { return events_; }
  // {"events": [...]} as the AWS CLI prints get-execution-history.
  Json to_json() const;

 private:
  std::vector<HistoryEvent> events_;
};

}  // namespace conflictctl::engine

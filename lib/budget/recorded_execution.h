#pragma once
// An execution read back from a recorded history, so that what the engine's readers take
// (engine::summarize, the timeline) works on runs recorded earlier.
//
// The history is the JSON `engine::History::to_json()` writes and the AWS CLI prints for
// get-execution-history: {"events": [{"timestamp", "type", "id", "previousEventId",
// "<detailsKey>": {...}}, ...]}. An event has at most one details key (any key other than
// those four).
//
// The execution's status, error and output come from its last event (ExecutionSucceeded,
// ExecutionFailed, ExecutionTimedOut, ExecutionAborted; anything else is RUNNING, e.g. a
// record cut short); started and stopped are the first and last events' timestamps.
//
// Errors are State.CorruptRecord with a cause naming `source` and the JSON Pointer of the
// faulty field, e.g. "runs/x.json: /history/events/3/timestamp: not an RFC 3339 timestamp".
// Pure; thread-safe.
#include <memory>
#include <string>

#include "asl/model.h"
#include "budget/run_store.h"
#include "core/error.h"
#include "core/json.h"
#include "engine/executor.h"
#include "engine/history.h"

namespace conflictctl::budget {

// `pointer` is where the history sits in `source`, e.g. "/history" in a run record.
Result<engine::History> history_from_json(const Json& history, const std::string& source,
                                          const std::string& pointer = "");

Result<engine::ExecutionResult> execution_from_history(const Json& history,
                                                       const std::string& source,
                                                       const std::string& pointer = "");

// A run record read back: its definition as it ran, and its execution.
struct RecordedRun {
  std::shared_ptr<const asl::StateMachine> machine;
  engine::ExecutionResult execution;
};

// Errors (State.CorruptRecord, the cause starting with the record's id): a `conflictctl run`
// record (one task invocation, no definition), a definition that does not parse (its first
// diagnostic), a corrupt history.
Result<RecordedRun> read_recorded_run(const RunRecord& record);

}  // namespace conflictctl::budget

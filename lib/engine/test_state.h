#pragma once
// One state run on its own, each step of its data flow shown: what AWS's TestState API does,
// for `conflictctl test-state` (docs/commands.md).
//
// The state runs through the same query-language code as in an execution
// (engine/query_language.h), with an Inspection recording each step. Its work is not done:
// a Task's, Parallel's or Map's result is the mocked one (`mock_result`), or its error
// (`mock_error`); a Wait does not wait. What happens next is worked out as the engine would:
//   SUCCEEDED     the state finished; `next_state` is its Next (or the Choice rule's, the
//                 Default), none at an End
//   RETRIABLE     its error matches a Retrier that has attempts left (at `retry_count`
//                 retries so far): errorDetails give the Retrier's index and the backoff
//   CAUGHT_ERROR  its error matches a Catcher: the output is the Catcher's, `next_state` its
//                 Next, errorDetails the Catcher's index
//   FAILED        none of those (States.Runtime is never retried or caught)
// The inspection data hold, as JSON values, what TestState's inspectionData holds as JSON
// text: input, afterInputPath, afterParameters (JSONPath) or afterArguments (JSONata),
// afterItemsPath, afterItemSelector (each iteration's input), afterItemBatcher (each child
// execution's, engine/item_batcher.h), maxConcurrency, toleratedFailureCount and
// toleratedFailurePercentage (Map), timeoutSeconds (Task), waitSeconds (Wait), result,
// afterResultSelector, afterResultPath, variables (after the state's Assign), errorDetails.
// The inspection level decides how much is returned: INFO the status, output, error and next
// state; DEBUG the inspection data too; TRACE the same, since no HTTP request is made.
//
// Errors (the request, not the state: nothing ran): a state the definition does not have; a
// Task, Parallel or Map without a mock; `variables` not an object of name → value.
#include <optional>
#include <string>

#include "asl/model.h"
#include "core/error.h"
#include "core/json.h"
#include "core/timestamp.h"

namespace conflictctl::engine {

enum class InspectionLevel { kInfo, kDebug, kTrace };

struct TestStateRequest {
  std::string state;                   // its name, at any depth of the definition
  Json input = Json::object();
  Json variables = Json::object();     // the workflow variables the state can read
  std::optional<Json> mock_result;     // a Task's, Parallel's or Map's result …
  std::optional<Error> mock_error;     // … or the error it fails with
  int retry_count = 0;                 // retries already made ($$.State.RetryCount)
  InspectionLevel level = InspectionLevel::kInfo;
  Timestamp now{};                     // the state's entry time; Default: the Unix epoch
  std::uint64_t seed = 0;              // for States.UUID, $random and the like
};

struct TestStateResult {
  std::string status;  // SUCCEEDED, RETRIABLE, CAUGHT_ERROR, FAILED
  std::optional<Json> output;
  std::optional<Error> error;
  std::optional<std::string> next_state;
  Json inspection = Json::object();  // empty at INFO
};

Result<TestStateResult> test_state(const asl::StateMachine& machine,
                                   const TestStateRequest& request);

// TestState's response, as the API returns it and `test-state --output json` prints it:
// "status", then when there are any "output" (JSON text), "error" and "cause", "nextState",
// and above INFO "inspectionData", whose values are JSON text except the numbers and
// errorDetails, which stay JSON.
Json test_state_response(const TestStateResult& result);

}  // namespace conflictctl::engine

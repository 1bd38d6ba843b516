#include "engine/test_state.h"

#include <catch2/catch.hpp>

#include "asl/parser.h"

namespace conflictctl::engine {
namespace {

const char* const kTask = R"({"StartAt": "Fetch", "States": {
  "Fetch": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:fetch",
    "InputPath": "$.order", "Parameters": {"id.$": "$.id"},
    "ResultSelector": {"rows.$": "$.Payload.rows"}, "ResultPath": "$.fetched",
    "OutputPath": "$.fetched", "Assign": {"status.$": "$.StatusCode"},
    "Retry": [{"ErrorEquals": ["Busy"], "MaxAttempts": 2, "IntervalSeconds": 3}],
    "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Recover"}],
    "Next": "Done"},
  "Recover": {"Type": "Pass", "End": true},
  "Done": {"Type": "Succeed"}}})";

TestStateResult run(const char* definition, TestStateRequest request) {
  auto loaded = asl::parse_definition(definition, "test.asl.json");
  REQUIRE(loaded.machine);
  auto result = test_state(*loaded.machine, request);
  REQUIRE(result);
  return *result;
}

Json parse(const char* text) { return Json::parse(text); }

TEST_CASE("test-state shows each step of a JSONPath Task's data flow at DEBUG") {
  TestStateRequest request;
  request.state = "Fetch";
  request.input = parse(R"({"order": {"id": 7}})");
  request.mock_result = parse(R"({"StatusCode": 200, "Payload": {"rows": [1, 2]}})");
  request.level = InspectionLevel::kDebug;
  TestStateResult result = run(kTask, request);
  CHECK(result.status == "SUCCEEDED");
  CHECK(result.next_state == "Done");
  CHECK(result.output == parse(R"({"rows": [1, 2]})"));
  CHECK(result.inspection == parse(R"({
    "input": {"order": {"id": 7}}, "afterInputPath": {"id": 7}, "afterParameters": {"id": 7},
    "result": {"StatusCode": 200, "Payload": {"rows": [1, 2]}},
    "afterResultSelector": {"rows": [1, 2]},
    "afterResultPath": {"order": {"id": 7}, "fetched": {"rows": [1, 2]}},
    "variables": {"status": 200}})"));
  request.level = InspectionLevel::kInfo;
  CHECK(run(kTask, request).inspection.empty());
}

TEST_CASE("test-state: an error is RETRIABLE, then CAUGHT_ERROR when retries are used up") {
  TestStateRequest request;
  request.state = "Fetch";
  request.input = parse(R"({"order": {"id": 7}})");
  request.mock_error = Error{"Busy", "db busy"};
  request.level = InspectionLevel::kDebug;
  TestStateResult retriable = run(kTask, request);
  CHECK(retriable.status == "RETRIABLE");
  CHECK(retriable.inspection["errorDetails"] ==
        parse(R"({"retryIndex": 0, "retryBackoffIntervalSeconds": 3.0})"));
  request.retry_count = 1;
  CHECK(run(kTask, request).inspection["errorDetails"]["retryBackoffIntervalSeconds"] == 6.0);
  request.retry_count = 2;
  TestStateResult caught = run(kTask, request);
  CHECK(caught.status == "CAUGHT_ERROR");
  CHECK(caught.next_state == "Recover");
  CHECK(caught.output ==
        parse(R"({"order": {"id": 7}, "error": {"Error": "Busy", "Cause": "db busy"}})"));
  CHECK(caught.inspection["errorDetails"] == parse(R"({"catchIndex": 0})"));
}

TEST_CASE("test-state: a data-flow error that nothing catches is FAILED") {
  TestStateRequest request;
  request.state = "Fetch";
  request.input = parse(R"({"no_order": 1})");
  request.mock_result = Json::object();
  TestStateResult result = run(kTask, request);
  CHECK(result.status == "FAILED");
  CHECK(result.error ==
        Error{"States.Runtime", "Invalid path '$.order' : No results for path: $['order']"});
}

TEST_CASE("test-state runs a JSONata Choice with the variables given") {
  const char* definition = R"({"QueryLanguage": "JSONata", "StartAt": "Route", "States": {
    "Route": {"Type": "Choice", "Default": "Small", "Choices": [
      {"Condition": "{% $states.input.amount > $limit %}", "Next": "Big",
       "Assign": {"seen": "{% $states.input.amount %}"}, "Output": {"big": true}}]},
    "Big": {"Type": "Succeed"}, "Small": {"Type": "Succeed"}}})";
  TestStateRequest request;
  request.state = "Route";
  request.input = parse(R"({"amount": 250})");
  request.variables = parse(R"({"limit": 100})");
  request.level = InspectionLevel::kTrace;
  TestStateResult result = run(definition, request);
  CHECK(result.status == "SUCCEEDED");
  CHECK(result.next_state == "Big");
  CHECK(result.output == parse(R"({"big": true})"));
  CHECK(result.inspection["variables"] == parse(R"({"limit": 100, "seen": 250})"));
  request.variables = parse(R"({"limit": 1000})");
  CHECK(run(definition, request).next_state == "Small");
}

TEST_CASE("test-state refuses what it cannot run, saying why") {
  auto loaded = asl::parse_definition(kTask, "test.asl.json");
  REQUIRE(loaded.machine);
  TestStateRequest request;
  request.state = "Nope";
  CHECK(test_state(*loaded.machine, request).error().cause ==
        "The definition has no state named 'Nope'; its states are Fetch, Recover, Done.");
  request.state = "Fetch";
  CHECK(test_state(*loaded.machine, request).error().cause ==
        "test-state does not run a Task state's work: give its result (--mock '{\"result\": "
        "…}') or its error (--mock '{\"errorOutput\": {\"error\": …, \"cause\": …}}').");
  request.state = "Done";
  CHECK(run(kTask, request).status == "SUCCEEDED");
}

}  // namespace
}  // namespace conflictctl::engine

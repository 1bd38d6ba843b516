#include "budget/aws_history.h"

#include <catch2/catch.hpp>

#include <algorithm>

#include "budget/recorded_execution.h"

namespace conflictctl::budget {
namespace {

// A two-state run as GetExecutionHistory answers it: epoch seconds.
Json api_history() {
  return Json::parse(R"({"events": [
    {"timestamp": 1765000000.0, "type": "ExecutionStarted", "id": 1, "previousEventId": 0,
     "executionStartedEventDetails": {"input": "{\"day\":\"2026-12-06\"}",
                                      "inputDetails": {"truncated": false},
                                      "roleArn": "arn:aws:iam::1:role/sm"}},
    {"timestamp": 1765000000.021, "type": "TaskStateEntered", "id": 2, "previousEventId": 1,
     "stateEnteredEventDetails": {"name": "Load", "input": "{}"}},
    {"timestamp": 1765000000.05, "type": "LambdaFunctionScheduled", "id": 3,
     "previousEventId": 2, "lambdaFunctionScheduledEventDetails": {
       "resource": "arn:aws:lambda:us-east-1:1:function:etl", "input": "{}",
       "timeoutInSeconds": 900}},
    {"timestamp": 1765000000.1, "type": "LambdaFunctionStarted", "id": 4, "previousEventId": 3},
    {"timestamp": 1765000004.6, "type": "LambdaFunctionSucceeded", "id": 5, "previousEventId": 4,
     "lambdaFunctionSucceededEventDetails": {"output": "{\"rows\":3}"}},
    {"timestamp": 1765000004.7, "type": "TaskStateExited", "id": 6, "previousEventId": 5,
     "stateExitedEventDetails": {"name": "Load", "output": "{\"rows\":3}"}},
    {"timestamp": 1765000005.25, "type": "ExecutionSucceeded", "id": 7, "previousEventId": 6,
     "executionSucceededEventDetails": {"output": "{\"rows\":3}"}}]})");
}

AwsRunContext context() {
  AwsRunContext out;
  out.command = "history import";
  out.pipeline = "p";
  out.definition_path = "p.asl.json";
  out.definition = Json::parse(R"({"StartAt": "Load", "States": {"Load": {"Type": "Task",
      "Resource": "arn:aws:lambda:REGION:ACCOUNT_ID:function:etl", "End": true}}})");
  out.function_timeouts = {{"arn:aws:lambda:REGION:ACCOUNT_ID:function:etl", 600}};
  return out;
}

std::string cause(const Json& history) {
  auto record = record_from_aws_history(history, "saved.json", context());
  REQUIRE(!record);
  CHECK(record.error().name == "State.CorruptRecord");
  return record.error().cause;
}

}  // namespace

TEST_CASE("an AWS history becomes a run record on the real clock, mode aws") {
  auto record = record_from_aws_history(api_history(), "arn:e", context());
  REQUIRE(record);
  CHECK(record->mode == "aws");
  CHECK_FALSE(record->virtual_clock);
  CHECK(record->command == "history import");
  CHECK(record->pipeline == "p");
  CHECK(record->status == "SUCCEEDED");
  CHECK(format_timestamp(record->started) == "2025-12-06T05:46:40.000Z");
  CHECK(format_timestamp(*record->finished) == "2025-12-06T05:46:45.250Z");
  CHECK(record->input == Json{{"day", "2026-12-06"}});
  CHECK(record->history["events"][4]["timestamp"] == "2025-12-06T05:46:44.600Z");
  CHECK(record->history["events"][0]["executionStartedEventDetails"]["roleArn"] ==
        "arn:aws:iam::1:role/sm");
  auto run = read_recorded_run(*record);
  REQUIRE(run);
  CHECK(run->execution.history.events().size() == 7);
}

TEST_CASE("the AWS CLI v2's ISO 8601 timestamps are read as the API's epoch seconds") {
  Json saved = api_history();
  saved["events"][0]["timestamp"] = "2025-12-06T05:46:40.000000+00:00";
  saved["events"][6]["timestamp"] = "2025-12-06T06:46:45.250000+01:00";
  auto record = record_from_aws_history(saved, "saved.json", context());
  REQUIRE(record);
  CHECK(format_timestamp(record->started) == "2025-12-06T05:46:40.000Z");
  CHECK(format_timestamp(*record->finished) == "2025-12-06T05:46:45.250Z");
}

TEST_CASE("a bad history is one message with the source and the JSON Pointer") {
  Json history = api_history();
  history["events"][3]["timestamp"] = "yesterday";
  CHECK(cause(history) ==
        "saved.json: /events/3/timestamp: expected epoch seconds or an ISO 8601 date-time");
  history = api_history();
  history["events"][2]["id"] = 9;
  CHECK(cause(history) == "saved.json: /events/2/id: expected the event id 3");
  CHECK(cause(Json::array()) == "saved.json: expected an object with an \"events\" array (the "
                                "answer of aws stepfunctions get-execution-history)");
  CHECK(cause(Json{{"events", Json::array()}}) == "saved.json: /events: no events");
  history = api_history();
  std::reverse(history["events"].begin(), history["events"].end());
  CHECK(cause(history) == "saved.json: /events: the events run newest first (saved with "
                          "--reverse-order?); save the history oldest first");
}

TEST_CASE("an execution still running is recorded as RUNNING, without an end") {
  Json history = api_history();
  history["events"].erase(history["events"].size() - 1);
  auto record = record_from_aws_history(history, "arn:e", context());
  REQUIRE(record);
  CHECK(record->status == "RUNNING");
  CHECK_FALSE(record->finished);
}

}  // namespace conflictctl::budget

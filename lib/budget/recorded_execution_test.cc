#include "budget/recorded_execution.h"

#include <catch2/catch.hpp>

#include "asl/parser.h"
#include "budget/test_support.h"
#include "engine/run_summary.h"

namespace conflictctl::budget {
namespace {

const char* kDefinition = R"({"StartAt": "Load", "States": {
  "Load": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
           "TimeoutSeconds": 100,
           "Retry": [{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 5}],
           "End": true}}})";

const char* kMocks = R"({"StateMachines": {"test": {"TestCases": {"FailsOnce": {"Load": "R"}}}},
  "MockedResponses": {"R": {
    "0": {"Throw": {"Error": "States.TaskFailed", "Cause": "boom"}, "DurationSeconds": 20},
    "1": {"Return": {"updated_rows": 42}, "DurationSeconds": 30}}}})";

}  // namespace

TEST_CASE("a recorded history reads back into the same run summary as the live run") {
  RunRecord record = testing::mock_run(kDefinition, kMocks, "FailsOnce");
  auto execution = execution_from_history(record.history, "runs/run-1.json", "/history");
  REQUIRE(execution);
  CHECK(execution->status == engine::ExecutionStatus::kSucceeded);
  CHECK(execution->output == Json{{"updated_rows", 42}});
  CHECK(millis_to_seconds(execution->stopped - execution->started) == 55);  // 20 + 5 + 30

  auto machine = asl::parse_definition(kDefinition, "test.asl.json").machine;
  auto none = [](const std::string&) -> std::optional<double> { return std::nullopt; };
  auto summary = engine::summarize(*machine, *execution, none);
  REQUIRE(summary.states.size() == 1);
  CHECK(summary.states[0].retries == 1);
  CHECK(summary.states[0].backoff_seconds == std::vector<double>{5});
  REQUIRE(summary.states[0].invocations.size() == 2);
  CHECK(summary.states[0].invocations[1].seconds == 30);
  CHECK(summary.states[0].rows == 42);
  CHECK(execution->history.to_json() == record.history);
}

TEST_CASE("a failed execution keeps its error, a cut-short record is RUNNING") {
  Json history = {{"events",
                   {{{"timestamp", "2024-01-01T00:00:00.000Z"}, {"type", "ExecutionStarted"},
                     {"id", 1}, {"previousEventId", 0}},
                    {{"timestamp", "2024-01-01T00:01:00.000Z"}, {"type", "ExecutionFailed"},
                     {"id", 2}, {"previousEventId", 1},
                     {"executionFailedEventDetails", {{"error", "E"}, {"cause", "why"}}}}}}};
  auto failed = execution_from_history(history, "h.json");
  REQUIRE(failed);
  CHECK(failed->status == engine::ExecutionStatus::kFailed);
  CHECK(failed->error == Error{"E", "why"});

  history["events"].erase(1);
  auto running = execution_from_history(history, "h.json");
  REQUIRE(running);
  CHECK(running->status == engine::ExecutionStatus::kRunning);
}

TEST_CASE("a corrupt history names the file and the JSON Pointer of the faulty field") {
  Json history = {{"events",
                   {{{"timestamp", "yesterday"}, {"type", "ExecutionStarted"}, {"id", 1}}}}};
  auto bad = execution_from_history(history, "runs/x.json", "/history");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().name == "State.CorruptRecord");
  CHECK(bad.error().cause == "runs/x.json: /history/events/0/timestamp: not an RFC 3339 timestamp");

  history["events"][0]["timestamp"] = "2024-01-01T00:00:00Z";
  history["events"][0]["id"] = 7;
  CHECK(execution_from_history(history, "h.json").error().cause ==
        "h.json: /events/0/id: expected the event id 1");
  CHECK(execution_from_history(Json::array(), "h.json").error().cause ==
        "h.json: expected an object with an \"events\" array");
}

}  // namespace conflictctl::budget

namespace conflictctl::budget {

TEST_CASE("a run record reads back into its machine and execution, or says why not") {
  RunRecord record = testing::mock_run(kDefinition, kMocks, "FailsOnce", "run-7");
  auto run = read_recorded_run(record);
  REQUIRE(run);
  CHECK(run->machine->start_at == "Load");
  CHECK(run->execution.status == engine::ExecutionStatus::kSucceeded);

  RunRecord task = record;
  task.definition = nullptr;  // what `conflictctl run` records
  CHECK(read_recorded_run(task).error().cause ==
        "run-7: one task invocation (conflictctl run), not an execution");

  RunRecord invalid = record;
  invalid.definition = Json{{"StartAt", "Nowhere"}, {"States", Json::object()}};
  auto bad = read_recorded_run(invalid);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().name == "State.CorruptRecord");
  CHECK(bad.error().cause.starts_with("run-7: test.asl.json: "));
}

}  // namespace conflictctl::budget

namespace conflictctl::budget {

TEST_CASE("an event that chains to itself, a later event or a huge id is corrupt") {
  RunRecord record = testing::mock_run(kDefinition, kMocks, "FailsOnce");
  for (long long previous : {2LL, 3LL, -1LL, 4294967297LL}) {
    Json history = record.history;
    history["events"][1]["previousEventId"] = previous;
    auto bad = execution_from_history(history, "h.json");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().cause ==
          fmt::format("h.json: /events/1/previousEventId: expected 0 or the id of an earlier "
                      "event, got {}",
                      previous));
  }
}

}  // namespace conflictctl::budget

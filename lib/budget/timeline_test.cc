#include "budget/timeline.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "asl/parser.h"
#include "budget/recorded_execution.h"
#include "budget/task_limits.h"
#include "budget/test_support.h"

namespace conflictctl::budget {
namespace {

const char* kDefinition = R"({"StartAt": "A", "States": {
  "A": {"Type": "Task", "Resource": "arn:aws:lambda:r:1:function:f", "TimeoutSeconds": 40,
        "ResultPath": null,
        "Retry": [{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 5}], "Next": "M"},
  "M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1, "End": true,
        "ItemProcessor": {"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:lambda:r:1:function:f",
                "TimeoutSeconds": 50, "End": true}}}}}})";

// A fails after 20 s, is retried after 5 s and takes 30 s; the Map's first item takes 10 s,
// its second runs past its 50 s limit.
const char* kMocks = R"({"StateMachines": {"test": {"TestCases": {"C": {"A": "RA", "T": "RT"}}}},
  "MockedResponses": {
    "RA": {"0": {"Throw": {"Error": "States.TaskFailed", "Cause": "x"}, "DurationSeconds": 20},
           "1": {"Return": {}, "DurationSeconds": 30}},
    "RT": {"0": {"Return": {}, "DurationSeconds": 10},
           "1": {"Return": {}, "DurationSeconds": 100}}}})";

Timeline timeline_of_the_run() {
  RunRecord record = testing::mock_run(kDefinition, kMocks, "C", "run-1", testing::at(0),
                                       Json{{"items", {1, 2}}});
  auto machine = asl::parse_definition(kDefinition, "test.asl.json").machine;
  auto execution = execution_from_history(record.history, "run-1");
  REQUIRE(execution);
  return make_timeline("run-1", *machine, *execution, recorded_function_timeouts(Json::object()));
}

// "kind lane state start-end outcome [error] [zone]" for each bar, to compare in one go.
std::vector<std::string> printed(const Timeline& timeline) {
  std::vector<std::string> out;
  for (const auto& bar : timeline.bars) {
    std::string line = fmt::format("{} {} {} {}-{} {}", to_string(bar.kind),
                                   timeline.lanes[bar.lane].label, bar.state, bar.start, bar.end,
                                   bar.outcome);
    if (bar.kind == BarKind::kAttempt || bar.kind == BarKind::kBackoff)
      line += fmt::format(" #{}", bar.attempt);
    if (!bar.error.empty()) line += " " + bar.error;
    if (bar.zone) line += fmt::format(" {}", engine::to_string(*bar.zone));
    out.push_back(line);
  }
  return out;
}

}  // namespace

TEST_CASE("the timeline has a lane per state and per Map iteration, attempts and backoff") {
  Timeline timeline = timeline_of_the_run();
  CHECK(timeline.run == "run-1");
  CHECK(timeline.status == "FAILED");
  CHECK(timeline.total_seconds == 115);

  REQUIRE(timeline.lanes.size() == 4);
  CHECK(timeline.lanes[0].label == "A");
  CHECK(timeline.lanes[1].label == "M");
  CHECK(timeline.lanes[2].label == "M #0");
  CHECK(timeline.lanes[2].depth == 1);
  CHECK(timeline.lanes[3].label == "M #1");

  CHECK(printed(timeline) == std::vector<std::string>{
                                 "state A A 0-55 SUCCEEDED",
                                 "attempt A A 0-20 FAILED #1 States.TaskFailed safe",
                                 "backoff A A 20-25  #2",
                                 "attempt A A 25-55 SUCCEEDED #2 safe",
                                 "state M M 55-115 FAILED",
                                 "state M #0 T 55-65 SUCCEEDED",
                                 "iteration M #0 M 55-65 SUCCEEDED",
                                 "attempt M #0 T 55-65 SUCCEEDED #1 safe",
                                 "state M #1 T 65-115 FAILED States.Timeout",
                                 "iteration M #1 M 65-115 FAILED",
                                 "attempt M #1 T 65-115 TIMED_OUT #1 States.Timeout over",
                             });
  CHECK(timeline.bars.back().limit_seconds == 50);
}

}  // namespace conflictctl::budget

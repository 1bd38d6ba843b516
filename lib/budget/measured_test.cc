#include "budget/measured.h"

#include <catch2/catch.hpp>

#include "budget/test_support.h"

namespace conflictctl::budget {
namespace {

const char* kDefinition = R"({"StartAt": "Load", "States": {
  "Load": {"Type": "Task", "Resource": "arn:aws:lambda:r:1:function:etl", "TimeoutSeconds": 100,
           "Retry": [{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 5}],
           "Next": "Report"},
  "Report": {"Type": "Task", "Resource": "arn:aws:lambda:r:1:function:etl", "End": true}}})";

// Load takes 60 s, 70 s, or fails after 20 s and then takes 85 s; Report updates 1,000 rows
// in 10 s or 3,000 rows in 25 s.
const char* kMocks = R"({"StateMachines": {"test": {"TestCases": {
    "Run1": {"Load": "Load60", "Report": "Report1000"},
    "Run2": {"Load": "Load70", "Report": "Report3000"},
    "Run3": {"Load": "LoadRetried", "Report": "Report3000"}}}},
  "MockedResponses": {
    "Load60": {"0": {"Return": {}, "DurationSeconds": 60}},
    "Load70": {"0": {"Return": {}, "DurationSeconds": 70}},
    "LoadRetried": {"0": {"Throw": {"Error": "States.TaskFailed", "Cause": "x"}, "DurationSeconds": 20},
                    "1": {"Return": {}, "DurationSeconds": 85}},
    "Report1000": {"0": {"Return": {"updated_rows": 1000}, "DurationSeconds": 10}},
    "Report3000": {"0": {"Return": {"updated_rows": 3000}, "DurationSeconds": 25}}}})";

std::vector<RunRecord> three_real_runs() {
  using testing::as_real;
  using testing::mock_run;
  return {as_real(mock_run(kDefinition, kMocks, "Run3", "run-3")),
          as_real(mock_run(kDefinition, kMocks, "Run2", "run-2")),
          as_real(mock_run(kDefinition, kMocks, "Run1", "run-1"))};
}

}  // namespace

TEST_CASE("per-invocation durations, spread and zone of each Task over real runs") {
  Measured measured = measure(three_real_runs(), {});
  CHECK(measured.runs == std::vector<std::string>{"run-3", "run-2", "run-1"});
  REQUIRE(measured.tasks.size() == 2);

  const MeasuredTask& load = measured.tasks[0];
  CHECK(load.task.name == "Load");
  CHECK(load.seconds.count == 4);  // 60, 70, and 20 (failed) + 85 (its retry)
  CHECK(load.seconds.min == 20);
  CHECK(load.seconds.median == 65);
  CHECK(load.seconds.p95 == 85);
  CHECK(load.seconds.max == 85);
  CHECK(load.failed == 1);
  CHECK(load.timed_out == 0);
  REQUIRE(load.runs.size() == 3);
  CHECK(load.runs[0].invocations == 2);
  CHECK(load.runs[0].longest_seconds == 85);
  CHECK(load.spread == Approx((85.0 - 60) / 70));  // per-run longest: 85, 70, 60
  CHECK(load.task.limit.seconds == 100);
  CHECK(load.used == Approx(0.85));
  CHECK(load.zone == engine::Zone::kWarning);
  CHECK_FALSE(load.rows);

  const MeasuredTask& report = measured.tasks[1];
  CHECK(report.task.limit.timeout_seconds == std::nullopt);
  CHECK(report.task.limit.seconds == 900);  // the Lambda maximum
  CHECK(report.zone == engine::Zone::kSafe);
  CHECK(report.rows == 7000);
  CHECK(report.rows_per_second == Approx(7000.0 / 60));  // 25 + 25 + 10 s
}

TEST_CASE("the function's configured timeout lowers the limit and moves the zone") {
  auto runs = three_real_runs();
  for (auto& run : runs) run.function_timeouts = {{"arn:aws:lambda:r:1:function:etl", 80}};
  Measured measured = measure(runs, {});
  CHECK(measured.tasks[0].task.limit.function_timeout_seconds == 80);
  CHECK(measured.tasks[0].task.limit.seconds == 80);
  CHECK(measured.tasks[0].zone == engine::Zone::kOver);  // 85 s against 80 s
}

TEST_CASE("mock runs count only when asked, unfinished runs never") {
  auto runs = three_real_runs();
  runs.push_back(testing::mock_run(kDefinition, kMocks, "Run1", "mock-1"));
  RunRecord incomplete;
  incomplete.id = "killed-1";
  incomplete.status = "INCOMPLETE";
  runs.push_back(incomplete);

  Measured real = measure(runs, {});
  CHECK(real.runs.size() == 3);
  CHECK(real.mock_runs_skipped == 1);
  CHECK(real.skipped == std::vector<std::string>{
                           "mock-1: a mock run on the virtual clock (not counted unless asked)",
                           "killed-1: the run never finished (no history)"});

  Measured all = measure(runs, MeasureOptions{.include_mock = true});
  CHECK(all.runs.size() == 4);
  CHECK(all.tasks[0].seconds.count == 5);
}

TEST_CASE("a record whose history is corrupt is left out with the reason") {
  auto runs = three_real_runs();
  runs[0].history["events"][2]["timestamp"] = "soon";
  Measured measured = measure(runs, {});
  CHECK(measured.runs.size() == 2);
  REQUIRE(measured.skipped.size() == 1);
  CHECK(measured.skipped[0] ==
        "run-3: /history/events/2/timestamp: not an RFC 3339 timestamp");
}

}  // namespace conflictctl::budget

#include "budget/run_budget.h"

#include <catch2/catch.hpp>

#include "budget/recorded_execution.h"
#include "budget/test_support.h"

namespace conflictctl::budget {
namespace {

// A Map of 7 items, at most 3 at a time, over a Task with a 100 s timeout and one retry of
// States.TaskFailed after 10 s.
const char* kDefinition = R"({"StartAt": "M", "States": {
  "M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 3, "ResultPath": null,
        "End": true,
        "ItemProcessor": {"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:lambda:r:1:function:f",
                "TimeoutSeconds": 100, "End": true,
                "Retry": [{"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 1,
                           "IntervalSeconds": 10}]}}}}}})";

const char* kMocks = R"({"StateMachines": {"test": {"TestCases": {"C": {"T": "R"}}}},
  "MockedResponses": {"R": {"0-9": {"Return": "ok", "DurationSeconds": 1}}}})";

std::string summary_of(Json input, bool mock, std::string state_dir = "") {
  RunRecord record = testing::mock_run(kDefinition, kMocks, "C", "run-1", testing::at(0),
                                       std::move(input));
  auto history = history_from_json(record.history, "run-1");
  REQUIRE(history);
  auto machine = testing::parse_machine(kDefinition);
  return format_run_budget(RunBudgetInputs{"p", machine.get(), {}, &*history, mock,
                                           WorkflowType::kStandard, std::move(state_dir)});
}

}  // namespace

TEST_CASE("simulate's budget summary: the worst case with this run's items, quotas, what next") {
  Json input = {{"items", {1, 2, 3, 4, 5, 6, 7}}};
  std::string text = summary_of(input, true);
  // One item at worst: 100 + 10 + 100 = 210 s; 7 items 3 at a time: ceil(7 / 3) = 3 waves.
  CHECK(text.find("Worst case from the definition: 630 s for the whole execution; the longest "
                  "state is M, up to 630 s.") != std::string::npos);
  // 7 iterations: the history has events for each, far below 25,000.
  CHECK(text.find("history events (0.") != std::string::npos);
  CHECK(text.find("Quotas in this run: largest state input/output ") != std::string::npos);
  CHECK(text.find("conflictctl budget --pipeline p --include-mock\n") != std::string::npos);
}

TEST_CASE("simulate's budget summary of a real run points to budget without --include-mock") {
  std::string text = summary_of(Json{{"items", {1}}}, false);
  CHECK(text.find("210 s for the whole execution") != std::string::npos);
  CHECK(text.find("conflictctl budget --pipeline p\n") != std::string::npos);
}

TEST_CASE("simulate's budget summary names the run's own state directory, quoted for a shell") {
  std::string text = summary_of(Json{{"items", {1}}}, true, "/tmp/my runs");
  CHECK(text.find("\n  Full report (measured runs, growth, the timeline as HTML): conflictctl "
                  "budget --pipeline p --include-mock --state-dir '/tmp/my runs'\n") !=
        std::string::npos);
}

}  // namespace conflictctl::budget

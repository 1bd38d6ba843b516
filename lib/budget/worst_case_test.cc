// The worst case from the definition. Every expected number is worked out by hand here, from
// the definition's fields, and written as the arithmetic that produces it.
#include "budget/worst_case.h"

#include <catch2/catch.hpp>

#include <algorithm>

#include "asl/parser.h"
#include "budget/retry_bound.h"
#include "budget/test_support.h"
#include "engine/retry.h"
#include "source_tree.h"

namespace conflictctl::budget {
namespace {

using testing::parse_machine;

// The reference definitions: pipelines/conflict_report.asl.json and
// pipelines/conflict_report_chunked.asl.json are byte-identical copies of the reference's
// etl_pipeline.asl.json and etl_pipeline_chunked.asl.json.
std::shared_ptr<const asl::StateMachine> reference(const std::string& pipeline) {
  auto loaded = asl::load_definition(test::source_path("pipelines/" + pipeline + ".asl.json"));
  for (const auto& diagnostic : loaded.diagnostics) FAIL(diagnostic.to_string());
  return loaded.machine;
}

WorstCase analyse(const asl::StateMachine& machine, const WorstCaseOptions& options = {}) {
  auto result = worst_case(machine, options);
  if (!result) FAIL(result.error());
  return *result;
}

const StateBound& bound_of(const WorstCase& result, const std::string& name) {
  auto found = std::find_if(result.states.begin(), result.states.end(),
                            [&](const StateBound& bound) { return bound.state == name; });
  REQUIRE(found != result.states.end());
  return *found;
}

bool mentions(const std::vector<std::string>& sentences, const std::string& part) {
  return std::any_of(sentences.begin(), sentences.end(), [&](const std::string& sentence) {
    return sentence.find(part) != std::string::npos;
  });
}

double path_sum(const WorstCase& result) {
  double sum = 0;
  for (const auto& step : result.path) sum += step.seconds;
  return sum;
}

// "state: what (seconds)" for every step, to compare whole paths.
std::vector<std::string> printed(const std::vector<PathStep>& path) {
  std::vector<std::string> lines;
  for (const auto& step : path)
    lines.push_back(step.state + ": " + step.what + " (" + std::to_string(int(step.seconds)) + ")");
  return lines;
}

// A Task calling a service that is not Lambda, so only TimeoutSeconds limits it.
std::string queue_task(const std::string& extra) {
  return R"({"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
             "Parameters": {"QueueUrl": "q", "MessageBody": "m"}, )" +
         extra + "}";
}

const std::string kLambda = "arn:aws:lambda:us-east-1:123456789012:function:etl";

}  // namespace

TEST_CASE("ExecuteTask01 of the reference takes 2,715 s before its Timeout catcher fires") {
  auto result = analyse(*reference("conflict_report"));
  // TimeoutSeconds 900 (= Lambda's 900 s); Retry States.TaskFailed, MaxAttempts 2,
  // IntervalSeconds 5, BackoffRate 2: two attempts fail with States.TaskFailed and are retried
  // after 5 × 2^0 and 5 × 2^1 s; the third times out and Catch[0] (States.Timeout) fires.
  const auto& task = bound_of(result, "ExecuteTask01");
  CHECK(task.seconds == 900 + 5 + 900 + 10 + 900);
  CHECK(task.max_attempts == 1 + 2);
  CHECK(task.invocation_limit_seconds == 900);
  CHECK(task.pointer == "/States/ExecuteTask01");
  CHECK(task.depth == 0);
  CHECK(task.reason ==
        "900 s per attempt (TimeoutSeconds 900, Lambda's maximum 900 s) × 3 attempts + "
        "backoff 5 + 10 s = 2,715 s");
  // ValidateConfig: TimeoutSeconds 60, IntervalSeconds 2, MaxAttempts 2.
  CHECK(bound_of(result, "ValidateConfig").seconds == 60 + 2 + 60 + 4 + 60);
  CHECK(bound_of(result, "Task01Timeout").seconds == 0);
}

TEST_CASE("the reference's whole execution: validate, TASK_01 and TASK_02 each at their worst") {
  auto result = analyse(*reference("conflict_report"));
  double validate = 60 + 2 + 60 + 4 + 60;
  double task = 900 + 5 + 900 + 10 + 900;
  CHECK(result.total_seconds == validate + task + task);  // 5,616 s
  CHECK(path_sum(result) == validate + task + task);
  CHECK(printed(result.path) ==
        std::vector<std::string>{
            "ValidateConfig: attempt 1 of 3 runs to its limit (60 s) and fails with "
            "States.TaskFailed (60)",
            "ValidateConfig: backoff before retry 1 (IntervalSeconds 2) (2)",
            "ValidateConfig: attempt 2 of 3 runs to its limit (60 s) and fails with "
            "States.TaskFailed (60)",
            "ValidateConfig: backoff before retry 2 (IntervalSeconds 2 × BackoffRate 2^1) (4)",
            "ValidateConfig: attempt 3 of 3 runs to its limit (60 s) and succeeds → "
            "ExecuteTask01 (60)",
            "ExecuteTask01: attempt 1 of 3 runs to its limit (900 s) and fails with "
            "States.TaskFailed (900)",
            "ExecuteTask01: backoff before retry 1 (IntervalSeconds 5) (5)",
            "ExecuteTask01: attempt 2 of 3 runs to its limit (900 s) and fails with "
            "States.TaskFailed (900)",
            "ExecuteTask01: backoff before retry 2 (IntervalSeconds 5 × BackoffRate 2^1) (10)",
            "ExecuteTask01: attempt 3 of 3 runs to its limit (900 s) and succeeds → "
            "ExecuteTask02 (900)",
            "ExecuteTask02: attempt 1 of 3 runs to its limit (900 s) and fails with "
            "States.TaskFailed (900)",
            "ExecuteTask02: backoff before retry 1 (IntervalSeconds 5) (5)",
            "ExecuteTask02: attempt 2 of 3 runs to its limit (900 s) and fails with "
            "States.TaskFailed (900)",
            "ExecuteTask02: backoff before retry 2 (IntervalSeconds 5 × BackoffRate 2^1) (10)",
            "ExecuteTask02: attempt 3 of 3 runs to its limit (900 s) and succeeds → "
            "PipelineSuccess (900)",
            "PipelineSuccess: Succeed and the execution ends (0)",
        });
  CHECK(mentions(result.assumptions, "Lambda's maximum, 900 s, is assumed"));
}

TEST_CASE("a catch path longer than the success path is the worst case") {
  // ExecuteTask01's shape, with its Timeout catcher leading to a 100 s cleanup.
  auto machine = parse_machine(R"({"StartAt": "Task", "States": {
    "Task": {"Type": "Task", "Resource": ")" + kLambda + R"(", "TimeoutSeconds": 900,
             "Retry": [{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 5,
                        "MaxAttempts": 2, "BackoffRate": 2.0}],
             "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "Cleanup"},
                       {"ErrorEquals": ["States.ALL"], "Next": "Failed"}],
             "End": true},
    "Cleanup": {"Type": "Wait", "Seconds": 100, "Next": "Failed"},
    "Failed": {"Type": "Fail", "Error": "TaskTimedOut"}}})");
  auto result = analyse(*machine);
  CHECK(result.total_seconds == 900 + 5 + 900 + 10 + 900 + 100);
  auto lines = printed(result.path);
  REQUIRE(lines.size() == 7);
  CHECK(lines[4] ==
        "Task: attempt 3 of 3 runs to its limit (900 s) and fails with States.Timeout → "
        "Catch[0] → Cleanup (900)");
  CHECK(lines[5] == "Cleanup: waits 100 s (Seconds) → Failed (100)");
  CHECK(lines[6] == "Failed: Fail: the execution fails with TaskTimedOut (0)");
}

TEST_CASE("the chunked reference: ceil(N / 5) waves of the longest chunk") {
  auto machine = reference("conflict_report_chunked");
  double validate = 60 + 2 + 60 + 4 + 60;
  double task01 = 900 + 5 + 900 + 10 + 900;
  double chunks = 120 + 5 + 120 + 10 + 120;  // GetTask02Chunks: TimeoutSeconds 120
  // ProcessSingleChunk: TimeoutSeconds 900, Retry MaxAttempts 2, IntervalSeconds 10.
  double chunk = 900 + 10 + 900 + 20 + 900;
  double before_map = validate + task01 + chunks;

  SECTION("12 chunks: 3 waves (5, 5 and 2)") {
    WorstCaseOptions options;
    options.items = 12;
    auto result = analyse(*machine, options);
    CHECK(bound_of(result, "ProcessTask02Chunks").seconds == 3 * chunk);
    CHECK(result.total_seconds == before_map + 3 * chunk);  // 11,466 s
    CHECK(path_sum(result) == *result.total_seconds);
    auto lines = printed(result.path);
    CHECK(std::find(lines.begin(), lines.end(),
                    "ProcessTask02Chunks: 3 waves of 5 items (MaxConcurrency 5, 12 items); "
                    "wave 1's longest iteration: (0)") != lines.end());
    CHECK(std::find(lines.begin(), lines.end(),
                    "ProcessTask02Chunks: waves 2 to 3 each take as long again (2 × 2,730 s) "
                    "(5460)") != lines.end());
    CHECK(std::find(lines.begin(), lines.end(),
                    "ProcessTask02Chunks: then the Map succeeds → VerifyAllChunks (0)") !=
          lines.end());
    CHECK(std::find(lines.begin(), lines.end(),
                    "CheckIfChunksExist: Choice: $.task02_chunks.num_chunks > 0 → "
                    "ProcessTask02Chunks (0)") != lines.end());
    const auto& inner = bound_of(result, "ProcessSingleChunk");
    CHECK(inner.seconds == chunk);
    CHECK(inner.depth == 1);
    CHECK(inner.pointer == "/States/ProcessTask02Chunks/Iterator/States/ProcessSingleChunk");
  }
  SECTION("10 chunks: 2 waves") {
    WorstCaseOptions options;
    options.items = 10;
    CHECK(analyse(*machine, options).total_seconds == before_map + 2 * chunk);
  }
  SECTION("5 chunks: 1 wave; 6 chunks: 2 waves") {
    WorstCaseOptions options;
    options.items = 5;
    CHECK(analyse(*machine, options).total_seconds == before_map + 1 * chunk);
    options.items = 6;
    CHECK(analyse(*machine, options).total_seconds == before_map + 2 * chunk);
  }
  SECTION("a recorded item count for the Map wins over --items") {
    WorstCaseOptions options;
    options.items = 100;
    options.map_items["ProcessTask02Chunks"] = 23;  // ceil(23 / 5) = 5 waves
    CHECK(analyse(*machine, options).total_seconds == before_map + 5 * chunk);
  }
  SECTION("no chunks: the Map has nothing to run") {
    WorstCaseOptions options;
    options.items = 0;
    auto result = analyse(*machine, options);
    CHECK(bound_of(result, "ProcessTask02Chunks").seconds == 0);
    CHECK(result.total_seconds == before_map);
  }
  SECTION("unknown items: the bound is per iteration, and assumptions say so") {
    auto result = analyse(*machine);
    CHECK(bound_of(result, "ProcessTask02Chunks").seconds == chunk);
    CHECK(result.total_seconds == before_map + chunk);
    CHECK(mentions(result.assumptions,
                   "ProcessTask02Chunks: the item count is unknown, so its bound is for one "
                   "wave of up to 5 items; each further wave adds up to 2,730 s"));
  }
}

TEST_CASE("an inline Map without MaxConcurrency runs at most 40 iterations at once") {
  auto machine = parse_machine(R"({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
    "ItemProcessor": {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 7, "End": true}}}}}})");
  WorstCaseOptions options;
  options.items = 100;  // ceil(100 / 40) = 3 waves
  CHECK(analyse(*machine, options).total_seconds == 3 * 7);
}

TEST_CASE("a loop makes the bound infinite and names its states") {
  auto text = [](const std::string& top) {
    return R"({"StartAt": "Start", )" + top + R"("States": {
      "Start": {"Type": "Pass", "Next": "Poll"},
      "Poll": )" + queue_task(R"("TimeoutSeconds": 10, "Next": "Pause")") + R"(,
      "Pause": {"Type": "Wait", "Seconds": 30, "Next": "Done?"},
      "Done?": {"Type": "Choice", "Choices": [{"Variable": "$.done", "BooleanEquals": true,
                                              "Next": "Finished"}],
                "Default": "Poll"},
      "Finished": {"Type": "Succeed"}}})";
  };
  auto result = analyse(*parse_machine(text("")));
  CHECK_FALSE(result.total_seconds);
  CHECK(mentions(result.assumptions, "Poll → Pause → Done? → Poll is a loop: nothing in the "
                                     "definition limits how often it repeats, so the execution "
                                     "has no bound."));
  const auto& poll = bound_of(result, "Poll");
  CHECK(poll.loop == "Poll → Pause → Done? → Poll");
  CHECK(poll.seconds == 10);  // per pass
  CHECK(poll.reason.find("on the loop Poll → Pause → Done? → Poll") != std::string::npos);
  CHECK(bound_of(result, "Done?").loop == "Done? → Poll → Pause → Done?");
  CHECK(bound_of(result, "Start").loop.empty());
  auto lines = printed(result.path);
  CHECK(lines.back() == "Poll: back at Poll: the loop Poll → Pause → Done? → Poll can repeat "
                        "without limit (0)");

  SECTION("the execution's TimeoutSeconds still bounds it") {
    auto capped = analyse(*parse_machine(text(R"("TimeoutSeconds": 3600, )")));
    CHECK(capped.total_seconds == 3600);
    CHECK(path_sum(capped) == 3600);
    CHECK(mentions(capped.assumptions, "the longest path has no bound"));
  }
}

TEST_CASE("a loop inside a Map iteration makes the Map unbounded") {
  auto machine = parse_machine(R"({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
    "ItemProcessor": {"StartAt": "Again", "States": {
      "Again": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericLessThan": 3,
                                               "Next": "Again"}], "Default": "Out"},
      "Out": {"Type": "Succeed"}}}}}})");
  auto result = analyse(*machine);
  CHECK_FALSE(result.total_seconds);
  CHECK_FALSE(bound_of(result, "M").seconds);
  CHECK(bound_of(result, "M").reason ==
        "no bound: each iteration has no bound: the loop Again → Again");
  CHECK(mentions(result.assumptions, "Again → Again is a loop in each iteration of M"));
}

TEST_CASE("MaxDelaySeconds caps each backoff") {
  // IntervalSeconds 10, BackoffRate 3: 10, 30, 90, 270 — capped at 50: 10, 30, 50, 50.
  auto machine = parse_machine(R"({"StartAt": "T", "States": {"T": )" + queue_task(R"(
    "TimeoutSeconds": 60, "End": true,
    "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 10, "BackoffRate": 3,
               "MaxAttempts": 4, "MaxDelaySeconds": 50}])") + "}}");
  auto result = analyse(*machine);
  CHECK(result.total_seconds == 5 * 60 + 10 + 30 + 50 + 50);
  auto lines = printed(result.path);
  CHECK(lines[5] == "T: backoff before retry 3 (IntervalSeconds 10 × BackoffRate 3^2 = 90, "
                    "capped by MaxDelaySeconds 50) (50)");
}

TEST_CASE("JitterStrategy FULL counts the largest delay") {
  auto machine = parse_machine(R"({"StartAt": "T", "States": {"T": )" + queue_task(R"(
    "TimeoutSeconds": 20, "End": true,
    "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 4, "MaxAttempts": 1,
               "JitterStrategy": "FULL"}])") + "}}");
  auto result = analyse(*machine);
  CHECK(result.total_seconds == 20 + 4 + 20);
  CHECK(printed(result.path)[1] ==
        "T: backoff before retry 1 (IntervalSeconds 4, JitterStrategy FULL: at most this) (4)");
}

TEST_CASE("a retrier shadowed by an earlier one never runs") {
  auto machine = parse_machine(R"({"StartAt": "T", "States": {"T": )" + queue_task(R"(
    "TimeoutSeconds": 30, "End": true,
    "Retry": [{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 1, "MaxAttempts": 1},
              {"ErrorEquals": ["Lambda.ServiceException"], "IntervalSeconds": 1,
               "MaxAttempts": 5}])") + "}}");
  auto result = analyse(*machine);
  // Only Retry[0] runs: one retry after 1 s. States.Timeout is matched by neither.
  CHECK(result.total_seconds == 30 + 1 + 30);
  CHECK(bound_of(result, "T").max_attempts == 2);
  CHECK(mentions(result.assumptions, "T: Retry[1] (Lambda.ServiceException) never runs: "
                                     "Retry[0] matches its errors first."));
}

TEST_CASE("a retrier on States.Timeout adds its attempts to States.TaskFailed's") {
  auto machine = parse_machine(R"({"StartAt": "T", "States": {"T": {"Type": "Task",
    "Resource": ")" + kLambda + R"(", "TimeoutSeconds": 900, "End": true,
    "Retry": [{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 5, "MaxAttempts": 2},
              {"ErrorEquals": ["States.Timeout"], "IntervalSeconds": 30, "MaxAttempts": 1}]}}})");
  auto result = analyse(*machine);
  // Each retrier counts its own attempts: 1 + 2 + 1 attempts; backoffs 5, 10 and 30.
  CHECK(bound_of(result, "T").max_attempts == 4);
  CHECK(result.total_seconds == 4 * 900 + 5 + 10 + 30);
  CHECK(printed(result.path)[5] ==
        "T: backoff before retry 3 (Retry[1]: IntervalSeconds 30) (30)");
  CHECK(printed(result.path)[4] ==
        "T: attempt 3 of 4 runs to its limit (900 s) and fails with States.Timeout (900)");
}

TEST_CASE("a function timeout below TimeoutSeconds limits each attempt") {
  auto machine = parse_machine(R"({"StartAt": "T", "States": {"T": {"Type": "Task",
    "Resource": ")" + kLambda + R"(", "TimeoutSeconds": 900, "End": true,
    "Retry": [{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 5, "MaxAttempts": 2},
              {"ErrorEquals": ["States.Timeout"], "IntervalSeconds": 30, "MaxAttempts": 3}]}}})");
  WorstCaseOptions options;
  options.function_timeout = [](const std::string& resource) -> std::optional<double> {
    if (resource == kLambda) return 300;
    return std::nullopt;
  };
  auto result = analyse(*machine, options);
  const auto& task = bound_of(result, "T");
  CHECK(task.invocation_limit_seconds == 300);
  // The function times out first (a States.TaskFailed error), so the Timeout retrier never runs.
  CHECK(task.max_attempts == 3);
  CHECK(result.total_seconds == 300 + 5 + 300 + 10 + 300);
  CHECK(task.reason == "300 s per attempt (TimeoutSeconds 900, function timeout 300 s) × 3 "
                       "attempts + backoff 5 + 10 s = 915 s");
  CHECK(mentions(result.assumptions,
                 "T: Retry[1] (States.Timeout) never runs: States.Timeout cannot happen: the "
                 "function timeout 300 s ends each attempt before TimeoutSeconds 900."));
  CHECK_FALSE(mentions(result.assumptions, "Lambda's maximum"));
}

TEST_CASE("Lambda resources without a known timeout run up to Lambda's 900 s") {
  auto machine = parse_machine(R"({"StartAt": "Plain", "States": {
    "Plain": {"Type": "Task", "Resource": ")" + kLambda + R"(", "Next": "Invoke"},
    "Invoke": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
               "Parameters": {"FunctionName": "etl"}, "TimeoutSeconds": 1000, "End": true}}})");
  auto result = analyse(*machine);
  CHECK(bound_of(result, "Plain").invocation_limit_seconds == 900);
  CHECK(bound_of(result, "Invoke").invocation_limit_seconds == 900);  // min(1000, 900)
  CHECK(result.total_seconds == 900 + 900);
  CHECK(mentions(result.assumptions,
                 "No function timeout is known for Plain, Invoke: Lambda's maximum, 900 s, is "
                 "assumed."));
}

TEST_CASE("a Task nothing limits has no bound") {
  auto machine = parse_machine(R"({"StartAt": "Wait for it", "States": {"Wait for it": {"Type": "Task",
    "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
    "Parameters": {"FunctionName": "etl", "Payload": {"token.$": "$$.Task.Token"}},
    "End": true}}})");
  auto result = analyse(*machine);
  CHECK_FALSE(result.total_seconds);
  CHECK_FALSE(bound_of(result, "Wait for it").seconds);
  CHECK_FALSE(bound_of(result, "Wait for it").unknown);
  CHECK(mentions(result.assumptions, "Wait for it waits for a task token"));
  CHECK(mentions(result.assumptions, "Wait for it: it has no TimeoutSeconds, and no Lambda "
                                     "function timeout bounds it: Step Functions waits for it as "
                                     "long as the execution may run, so it has no bound."));
}

TEST_CASE("a Parallel takes its longest branch") {
  auto machine = parse_machine(R"({"StartAt": "Both", "States": {"Both": {"Type": "Parallel",
    "End": true,
    "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 3, "MaxAttempts": 1}],
    "Branches": [
      {"StartAt": "Short", "States": {
        "Short": {"Type": "Wait", "Seconds": 30, "Next": "Call"},
        "Call": )" + queue_task(R"("TimeoutSeconds": 100, "End": true)") + R"(}},
      {"StartAt": "Long", "States": {"Long": {"Type": "Wait", "Seconds": 200, "End": true}}}]}}})");
  auto result = analyse(*machine);
  // Branches[0]: 30 + 100 = 130 s; Branches[1]: 200 s. One retry after 3 s.
  CHECK(bound_of(result, "Call").seconds == 100);
  CHECK(bound_of(result, "Call").depth == 1);
  CHECK(bound_of(result, "Both").seconds == 200 + 3 + 200);
  CHECK(result.total_seconds == 200 + 3 + 200);
  CHECK(printed(result.path) ==
        std::vector<std::string>{
            "Both: 2 branches run at once; the longest is Branches[1] (200 s): (0)",
            "Long: waits 200 s (Seconds) and the branch ends (200)",
            "Both: then attempt 1 of 2 fails with States.TaskFailed (0)",
            "Both: backoff before retry 1 (IntervalSeconds 3) (3)",
            "Both: attempt 2 of 2 takes as long again (200 s) and succeeds and the execution "
            "ends (200)",
        });
}

TEST_CASE("a Choice follows its longest branch") {
  auto machine = parse_machine(R"({"StartAt": "Pick", "States": {
    "Pick": {"Type": "Choice", "Choices": [
        {"Variable": "$.n", "NumericLessThan": 3, "Next": "A"},
        {"And": [{"Variable": "$.n", "NumericGreaterThanEquals": 3},
                 {"Variable": "$.kind", "StringEquals": "big"}], "Next": "B"}],
      "Default": "C"},
    "A": {"Type": "Wait", "Seconds": 10, "End": true},
    "B": {"Type": "Wait", "Seconds": 50, "End": true},
    "C": {"Type": "Wait", "Seconds": 20, "End": true}}})");
  auto result = analyse(*machine);
  CHECK(result.total_seconds == 50);
  CHECK(printed(result.path)[0] ==
        "Pick: Choice: ($.n >= 3) and ($.kind == \"big\") → B (0)");
}

TEST_CASE("a Wait counts its Seconds, and a wait read at run time counts as 0 and is said") {
  auto machine = parse_machine(R"({"StartAt": "Fixed", "States": {
    "Fixed": {"Type": "Wait", "Seconds": 42, "Next": "Given"},
    "Given": {"Type": "Wait", "SecondsPath": "$.delay", "End": true}}})");
  auto result = analyse(*machine);
  CHECK(bound_of(result, "Fixed").seconds == 42);
  CHECK_FALSE(bound_of(result, "Given").seconds);
  CHECK(bound_of(result, "Given").unknown);
  CHECK(result.total_seconds == 42);
  CHECK(mentions(result.assumptions, "Given: how long it waits depends on SecondsPath $.delay at "
                                     "run time, so the total counts it as 0 s."));
}

TEST_CASE("the execution's TimeoutSeconds caps the total and cuts the path") {
  auto machine = parse_machine(R"({"StartAt": "A", "TimeoutSeconds": 100, "States": {
    "A": {"Type": "Wait", "Seconds": 60, "Next": "B"},
    "B": {"Type": "Wait", "Seconds": 60, "End": true}}})");
  auto result = analyse(*machine);
  CHECK(result.total_seconds == 100);
  CHECK(printed(result.path) ==
        std::vector<std::string>{
            "A: waits 60 s (Seconds) → B (60)",
            "B: waits 60 s (Seconds) and the execution ends — cut short: the execution's "
            "TimeoutSeconds (100 s) stops it with States.Timeout (40)",
        });
  CHECK(mentions(result.assumptions, "The execution's TimeoutSeconds (100 s) caps the total: the "
                                     "longest path takes 120 s"));
}

}  // namespace conflictctl::budget

namespace conflictctl::budget {
namespace {

TEST_CASE("MaxAttempts 99999999 is summed in closed form, not one step per attempt") {
  // IntervalSeconds 1, BackoffRate 2, capped at 60: 1 + 2 + 4 + 8 + 16 + 32, then 60 each.
  auto machine = parse_machine(R"({"StartAt": "T", "States": {"T": )" + queue_task(R"(
    "TimeoutSeconds": 10, "End": true,
    "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "BackoffRate": 2,
               "MaxAttempts": 99999999, "MaxDelaySeconds": 60}])") + "}}");
  auto result = analyse(*machine);
  CHECK(bound_of(result, "T").max_attempts == 100000000);
  CHECK(result.total_seconds == 100000000.0 * 10 + 63 + 60.0 * (99999999 - 6));
  CHECK(result.path.size() < 40);
  CHECK(bound_of(result, "T").reason ==
        "10 s per attempt (TimeoutSeconds 10) × 100,000,000 attempts + backoff 1 + 2 + 4 + 8 + 16 "
        "+ 32 + 60 + 60 + 60 + 60 + 99,999,989 more totalling 5,999,999,340 s = "
        "6,999,999,643 s");
  CHECK(path_sum(result) == result.total_seconds);
  CHECK(mentions(printed(result.path),
                 "T: attempts 11 to 99999999 of 100000000: each runs to its limit (10 s) and "
                 "fails with States.TaskFailed; the backoffs before retries 11 to 99999999 (from "
                 "IntervalSeconds 1 × BackoffRate 2^10 = 1,024, capped by MaxDelaySeconds 60) add "
                 "5,999,999,340 s"));
}

TEST_CASE("total_backoff_seconds matches the sum of every backoff") {
  const auto brute = [](const asl::Retrier& retrier, long long retries) {
    double total = 0;
    for (long long n = 0; n < retries; ++n)
      total += engine::backoff_seconds(retrier, static_cast<int>(n));
    return total;
  };
  asl::Retrier slow;  // reaches the cap only after ~1.7 million retries
  slow.interval_seconds = 1;
  slow.backoff_rate = 1.00001;
  slow.max_delay_seconds = 31622401;
  for (long long retries : {0LL, 1LL, 4096LL, 4097LL, 3000000LL}) {
    INFO(retries);
    CHECK(total_backoff_seconds(slow, retries) ==
          Approx(brute(slow, retries)).epsilon(1e-6));
  }
  asl::Retrier huge;  // BackoffRate 1e300 and no MaxDelaySeconds: saturates, never wraps
  huge.interval_seconds = 5;
  huge.backoff_rate = 1e300;
  CHECK(total_backoff_seconds(huge, 99999999) == 5 + 31622401.0 * 99999998);
}

}  // namespace
}  // namespace conflictctl::budget

// Which executions can be redriven, and what a plan holds. (Redriven runs themselves are
// golden tests: test/golden/redrive_*.json.)
#include "engine/redrive.h"

#include <catch2/catch.hpp>

#include "asl/parser.h"
#include "engine/executor.h"

namespace conflictctl::engine {
namespace {

const Timestamp kStart = *parse_timestamp("2024-01-01T00:00:00Z");

Timestamp days_later(Timestamp t, std::int64_t days) {
  return t + Millis{days * 24 * 3600 * 1000};
}

std::string refusal(std::string_view status, WorkflowType type, Timestamp now,
                    std::size_t events = 10, int redrives = 0) {
  auto checked = check_redrivable(status, type, kStart, kStart, now, events, redrives);
  if (checked) return "";
  CHECK(checked.error().name == kExecutionNotRedrivable);
  return checked.error().cause;
}

std::shared_ptr<const asl::StateMachine> machine(const std::string& text) {
  auto loaded = asl::parse_definition(text, "test.asl.json");
  for (const auto& diagnostic : loaded.diagnostics) FAIL(diagnostic.to_string());
  return loaded.machine;
}

class Fails final : public TaskRunner {
 public:
  TaskOutcome invoke(const TaskInvocation&, TaskContext&) override {
    return TaskOutcome::failure("Boom", "always");
  }
};

TEST_CASE("only a failed, timed-out or aborted Standard execution within AWS's limits redrives") {
  const Timestamp soon = days_later(kStart, 1);
  CHECK(refusal("FAILED", WorkflowType::kStandard, soon) == "");
  CHECK(refusal("TIMED_OUT", WorkflowType::kStandard, soon) == "");
  CHECK(refusal("ABORTED", WorkflowType::kStandard, soon) == "");
  CHECK(refusal("SUCCEEDED", WorkflowType::kStandard, soon) ==
        "Execution is SUCCEEDED and cannot be redriven.");
  CHECK(refusal("INCOMPLETE", WorkflowType::kStandard, soon) ==
        "Execution is INCOMPLETE and cannot be redriven.");
  CHECK(refusal("FAILED", WorkflowType::kExpress, soon) ==
        "RedriveExecution is not supported by EXPRESS state machines.");
  // 14 days after it stopped, to the millisecond.
  CHECK(refusal("FAILED", WorkflowType::kStandard, days_later(kStart, 14)) == "");
  CHECK(refusal("FAILED", WorkflowType::kStandard, days_later(kStart, 14) + Millis{1}) ==
        "Execution redrivable period exceeded.");
  CHECK(refusal("FAILED", WorkflowType::kStandard, soon, 24'998) == "");
  CHECK(refusal("FAILED", WorkflowType::kStandard, soon, 24'999) ==
        "Execution history event limit exceeded.");
  CHECK(refusal("FAILED", WorkflowType::kStandard, soon, 10, 999) == "");
  CHECK(refusal("FAILED", WorkflowType::kStandard, soon, 10, 1000) ==
        "Execution was redriven 1000 times, the most allowed.");
}

TEST_CASE("a plan starts again at the failed state, with its input and the variables before it") {
  auto definition = machine(R"json({"StartAt": "Set", "States": {
      "Set": {"Type": "Pass", "Assign": {"limit": 3}, "Result": {"x": 1}, "Next": "Work"},
      "Work": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:w",
               "End": true}}})json");
  Fails runner;
  VirtualClock clock(kStart);
  NullLogger log;
  ExecutionOptions options;
  auto result = execute(*definition, options, {runner, clock, log});
  REQUIRE(result.status == ExecutionStatus::kFailed);
  auto plan = plan_redrive(*definition, result.history.to_json(), options.input);
  REQUIRE(plan.ok());
  CHECK(plan->resume.state == "Work");
  CHECK(plan->resume.input == Json::parse(R"({"x": 1})"));
  CHECK(plan->resume.variables == Json::parse(R"({"limit": 3})"));
  CHECK(plan->redrive_count == 1);
  CHECK(plan->last_event == static_cast<std::int64_t>(result.history.events().size()));
  CHECK(plan->started == kStart);
}

TEST_CASE("a Distributed Map whose Map Run failed is not redriven, and the plan says why") {
  auto definition = machine(R"json({"StartAt": "Each", "States": {"Each": {"Type": "Map",
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "Work", "States": {"Work": {"Type": "Task",
          "Resource": "arn:aws:lambda:us-east-1:1:function:w", "End": true}}},
      "End": true}}})json");
  Fails runner;
  VirtualClock clock(kStart);
  NullLogger log;
  ExecutionOptions options;
  options.input = Json::parse("[1, 2]");
  auto result = execute(*definition, options, {runner, clock, log});
  REQUIRE(result.status == ExecutionStatus::kFailed);
  auto plan = plan_redrive(*definition, result.history.to_json(), options.input);
  REQUIRE(!plan.ok());
  CHECK(plan.error().name == kExecutionNotRedrivable);
  CHECK(plan.error().cause ==
        "the Distributed Map state 'Each' failed in its Map Run, whose child executions the "
        "run's history does not keep; conflictctl cannot redrive a Map Run");
}

TEST_CASE("a history without its data cannot be redriven, and the plan names the event") {
  auto definition = machine(R"json({"StartAt": "Work", "States": {"Work": {"Type": "Task",
      "Resource": "arn:aws:lambda:us-east-1:1:function:w", "End": true}}})json");
  Fails runner;
  VirtualClock clock(kStart);
  NullLogger log;
  ExecutionOptions options;
  options.event_data = false;
  auto result = execute(*definition, options, {runner, clock, log});
  auto plan = plan_redrive(*definition, result.history.to_json(), options.input);
  REQUIRE(!plan.ok());
  CHECK(plan.error().cause ==
        "event 2 (TaskStateEntered) keeps no input: the run was recorded without its data, so "
        "there is nothing to start again from");
}

}  // namespace
}  // namespace conflictctl::engine

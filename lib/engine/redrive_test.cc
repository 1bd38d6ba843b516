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

TEST_CASE("a failed Map Run is redriven from what the run kept of its child executions") {
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
  options.keep_map_runs = true;
  auto result = execute(*definition, options, {runner, clock, log});
  REQUIRE(result.status == ExecutionStatus::kFailed);
  REQUIRE(result.map_runs.size() == 1);
  const MapRunRecord& run = result.map_runs.front();
  // Both child executions started (40 at once) and failed; each keeps its own history.
  REQUIRE(run.children.size() == 2);
  CHECK(run.children[0].execution.status == "FAILED");
  CHECK(run.children[0].history.at("events").back().at("type") == "ExecutionFailed");

  // Without the run's account of its Map Run, which child executions succeeded is unknown.
  auto refused = plan_redrive(*definition, result.history.to_json(), options.input);
  REQUIRE(!refused.ok());
  CHECK(refused.error().name == kExecutionNotRedrivable);
  CHECK(refused.error().cause ==
        "the Distributed Map state 'Each' failed in its Map Run " + run.arn +
            ", and the run's record keeps no account of that Map Run's child executions (a "
            "run recorded before conflictctl kept them), so which of them succeeded is not "
            "known");

  auto plan = plan_redrive(*definition, result.history.to_json(), options.input,
                           result.map_runs);
  REQUIRE(plan.ok());
  CHECK(plan->resume.state == "Each");
  CHECK(plan->resume.map_run_arn == run.arn);
  CHECK(plan->resume.kept_children.empty());
  REQUIRE(plan->resume.redriven_children.size() == 2);
  const ChildRedrive& first = *plan->resume.redriven_children.at(0);
  CHECK(first.child.execution.name == run.children[0].execution.name);
  CHECK(first.plan.resume.state == "Work");  // the child goes on from its failed state
  CHECK(first.plan.redrive_count == 1);
}

// Item 2 fails; the others return {"v": item × 10}, after 10 s.
class FailsOnTwo final : public TaskRunner {
 public:
  TaskOutcome invoke(const TaskInvocation& invocation, TaskContext&) override {
    if (invocation.payload == 2) return TaskOutcome::failure("Boom", "two", 10);
    return TaskOutcome::success(Json{{"v", invocation.payload.get<int>() * 10}}, 10);
  }
};

TEST_CASE("a Map Run's record keeps a succeeded child's output, not its input, however it ends") {
  const std::string map = R"json("Each": {"Type": "Map", "MaxConcurrency": 1,
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "Work", "States": {"Work": {"Type": "Task",
          "Resource": "arn:aws:lambda:us-east-1:1:function:w", "End": true}}},
      "End": true})json";
  auto run = [](const std::string& definition) {
    FailsOnTwo runner;
    VirtualClock clock(kStart);
    NullLogger log;
    ExecutionOptions options;
    options.input = Json::parse("[1, 2, 3]");
    options.keep_map_runs = true;
    return execute(*machine(definition), options, {runner, clock, log});
  };
  // The Map Run fails at item 2; then the execution times out while item 2 runs.
  for (const std::string& definition :
       {R"({"StartAt": "Each", "States": {)" + map + "}}",
        R"({"StartAt": "Each", "TimeoutSeconds": 15, "States": {)" + map + "}}"}) {
    const ExecutionResult result = run(definition);
    REQUIRE(result.map_runs.size() == 1);
    const std::vector<MapRunChild>& children = result.map_runs.front().children;
    REQUIRE(children.size() == 2);
    CHECK(children[0].execution.status == "SUCCEEDED");
    CHECK(children[0].execution.output == std::optional<std::string>(R"({"v":10})"));
    CHECK(children[0].execution.input.empty());  // a redrive does not run it again
    CHECK(children[1].execution.status != "SUCCEEDED");
    CHECK(children[1].execution.input == "2");
  }
  CHECK(run(R"({"StartAt": "Each", "TimeoutSeconds": 15, "States": {)" + map + "}}")
            .map_runs.front()
            .children[1]
            .execution.status == "ABORTED");
}

TEST_CASE("Map Run records read back as they were written, and name a malformed field") {
  MapRunChild child;
  child.index = 3;
  child.items = 2;
  child.execution.name = "c";
  child.execution.arn = "arn:aws:states:us-east-1:1:execution:M/Each:c";
  child.execution.state_machine_arn = "arn:aws:states:us-east-1:1:stateMachine:M/Each";
  child.execution.status = "FAILED";
  child.execution.input = R"({"Items":[1,2]})";
  child.execution.error = Error{"Boom", "always"};
  child.execution.start = kStart;
  child.execution.stop = kStart + Millis{1500};
  child.history = Json{{"events", Json::array()}};
  const std::vector<MapRunRecord> runs{{"arn:aws:states:us-east-1:1:mapRun:M/Each:x", {child}}};
  auto back = map_runs_from_json(to_json(runs), "/map_runs");
  REQUIRE(back.ok());
  CHECK(to_json(*back) == to_json(runs));
  Json broken = to_json(runs);
  broken[0]["children"][0]["items"] = "two";
  auto refused = map_runs_from_json(broken, "/map_runs");
  REQUIRE(!refused.ok());
  CHECK(refused.error().cause == "/map_runs/0/children/0/items: must be a whole number");
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

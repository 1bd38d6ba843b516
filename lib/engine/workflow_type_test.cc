// STANDARD against EXPRESS on the virtual clock, and an inline Map at scale.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "asl/parser.h"
#include "engine/executor.h"

namespace conflictctl::engine {
namespace {

const Timestamp kStart = *parse_timestamp("2024-01-01T00:00:00Z");

// No Task in these machines calls it.
class NoTasks final : public engine::TaskRunner {
 public:
  engine::TaskOutcome invoke(const engine::TaskInvocation&, engine::TaskContext&) override {
    return engine::TaskOutcome::failure("Test.Unexpected", "no task was expected");
  }
};

ExecutionResult run(const std::string& text, WorkflowType type, Json input = Json::object(),
                    std::size_t max_history_events = 0) {
  auto loaded = asl::parse_definition(text, "test.asl.json");
  for (const auto& diagnostic : loaded.diagnostics) FAIL(diagnostic.to_string());
  NoTasks runner;
  VirtualClock clock(kStart);
  NullLogger log;
  ExecutionOptions options;
  options.input = std::move(input);
  options.execution_name = "run";
  options.state_machine_name = "Machine";
  options.type = type;
  options.max_history_events = max_history_events;
  return execute(*loaded.machine, options, {runner, clock, log});
}

// Counts to `limit` through a Pass and a Choice: two states and four events per round.
const char* kLoop = R"json({"StartAt": "Increment", "States": {
  "Increment": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, 1)", "limit.$": "$.limit"},
                "Next": "Again"},
  "Again": {"Type": "Choice", "Default": "Done",
            "Choices": [{"Variable": "$.n", "NumericLessThanPath": "$.limit", "Next": "Increment"}]},
  "Done": {"Type": "Succeed"}}})json";

double seconds_run(const ExecutionResult& result) {
  return millis_to_seconds(result.stopped - result.started);
}

}  // namespace

TEST_CASE("a STANDARD execution fails past 25,000 history events, an EXPRESS one has no such quota") {
  Json input{{"n", 0}, {"limit", 10000}};  // 40,000 events
  auto standard = run(kLoop, WorkflowType::kStandard, input);
  CHECK(to_string(standard.status) == "FAILED");
  REQUIRE(standard.error);
  CHECK(standard.error->name == "States.Runtime");
  CHECK(standard.error->cause == "The execution reached the limit of 25000 history events.");
  CHECK(standard.history.events().size() > 25000);  // the event past the quota, then the failure
  CHECK(standard.history.events().size() < 25010);

  auto express = run(kLoop, WorkflowType::kExpress, input);
  CHECK(to_string(express.status) == "SUCCEEDED");
  CHECK(express.output == Json{{"n", 10000}, {"limit", 10000}});
  CHECK(express.history.events().size() > 40000);
}

TEST_CASE("max_history_events caps either type's history below its quota, failing as the quota does") {
  Json input{{"n", 0}, {"limit", 10000}};
  for (WorkflowType type : {WorkflowType::kStandard, WorkflowType::kExpress}) {
    auto capped = run(kLoop, type, input, 100);
    CHECK(to_string(capped.status) == "FAILED");
    REQUIRE(capped.error);
    CHECK(capped.error->cause == "The execution reached the limit of 100 history events.");
    CHECK(capped.history.events().size() < 110);
  }
  // A cap above the STANDARD quota leaves the quota in force.
  auto standard = run(kLoop, WorkflowType::kStandard, input, 30000);
  CHECK(standard.error->cause == "The execution reached the limit of 25000 history events.");
}

TEST_CASE("an EXPRESS execution times out after five minutes, a STANDARD one runs on") {
  const char* waits = R"json({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 400, "End": true}}})json";
  auto express = run(waits, WorkflowType::kExpress);
  CHECK(to_string(express.status) == "TIMED_OUT");
  REQUIRE(express.error);
  CHECK(express.error->name == "States.Timeout");
  CHECK(express.error->cause == "The execution exceeded the 300 s that an Express workflow may run.");
  CHECK(seconds_run(express) == 300);
  CHECK(express.history.events().back().type == "ExecutionTimedOut");

  auto standard = run(waits, WorkflowType::kStandard);
  CHECK(to_string(standard.status) == "SUCCEEDED");
  CHECK(seconds_run(standard) == 400);
}

TEST_CASE("an EXPRESS execution's own TimeoutSeconds wins when it is shorter than five minutes") {
  const char* waits = R"json({"TimeoutSeconds": 60, "StartAt": "W",
                          "States": {"W": {"Type": "Wait", "Seconds": 400, "End": true}}})json";
  auto express = run(waits, WorkflowType::kExpress);
  CHECK(to_string(express.status) == "TIMED_OUT");
  CHECK(express.error->cause == "The execution exceeded its TimeoutSeconds (60 s).");
  CHECK(seconds_run(express) == 60);
}

TEST_CASE("a STANDARD execution times out after one year, as AWS's quota says") {
  // 400 days of Wait: AWS fails the execution with States.Timeout at its one-year maximum.
  const char* waits = R"json({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 34560000, "End": true}}})json";
  auto standard = run(waits, WorkflowType::kStandard);
  CHECK(to_string(standard.status) == "TIMED_OUT");
  REQUIRE(standard.error);
  CHECK(standard.error->name == "States.Timeout");
  CHECK(standard.error->cause ==
        "The execution exceeded the one year (31536000 s) that a Standard workflow may run.");
  CHECK(seconds_run(standard) == 365.0 * 24 * 3600);
  CHECK(standard.history.events().back().type == "ExecutionTimedOut");

  // Its own TimeoutSeconds (the largest a definition may give, about 3.2 years) cannot
  // extend the year.
  const char* longer = R"json({"TimeoutSeconds": 99999999, "StartAt": "W",
                          "States": {"W": {"Type": "Wait", "Seconds": 34560000, "End": true}}})json";
  auto capped = run(longer, WorkflowType::kStandard);
  CHECK(to_string(capped.status) == "TIMED_OUT");
  CHECK(seconds_run(capped) == 365.0 * 24 * 3600);

  // A shorter one still wins, with its own cause; a Wait inside the year succeeds.
  const char* shorter = R"json({"TimeoutSeconds": 86400, "StartAt": "W",
                          "States": {"W": {"Type": "Wait", "Seconds": 34560000, "End": true}}})json";
  auto own = run(shorter, WorkflowType::kStandard);
  CHECK(own.error->cause == "The execution exceeded its TimeoutSeconds (86400 s).");
  const char* within = R"json({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 31535999, "End": true}}})json";
  CHECK(to_string(run(within, WorkflowType::kStandard).status) == "SUCCEEDED");
}

TEST_CASE("an EXPRESS execution's ARN names it an express execution") {
  const char* context = R"json({"StartAt": "P", "States": {"P": {"Type": "Pass",
                            "Parameters": {"id.$": "$$.Execution.Id"}, "End": true}}})json";
  auto express = run(context, WorkflowType::kExpress);
  std::string id = express.output.at("id");
  CHECK(id.starts_with("arn:aws:states:us-east-1:123456789012:express:Machine:run:"));
  CHECK(id.size() > std::string("arn:aws:states:us-east-1:123456789012:express:Machine:run:").size());
  auto standard = run(context, WorkflowType::kStandard);
  CHECK(standard.output.at("id") == "arn:aws:states:us-east-1:123456789012:execution:Machine:run");
}

// The golden Map at scale: every one of 10,000 results is checked, and so are the events
// (the Map used to copy the whole input for every state of every iteration). The results
// are short strings, so the Map's output stays under the 256 KiB a state may return.
TEST_CASE("an inline Map over 10,000 items returns every item's result in order") {
  const char* definition = R"json({"StartAt": "M", "States": {"M": {"Type": "Map",
    "ItemsPath": "$.items", "MaxConcurrency": 0, "ResultPath": "$.results", "End": true,
    "ItemSelector": {"v.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},
    "ItemProcessor": {"StartAt": "Double", "States": {
      "Double": {"Type": "Pass", "Parameters": {"d.$": "States.MathAdd($.v, $.v)", "index.$": "$.index"},
                 "Next": "Size"},
      "Size": {"Type": "Choice", "Default": "Small",
               "Choices": [{"Variable": "$.d", "NumericGreaterThan": 1000, "Next": "Big"}]},
      "Big": {"Type": "Pass", "Parameters": {"r.$": "States.Format('{}:{}:big', $.index, $.d)"},
              "OutputPath": "$.r", "End": true},
      "Small": {"Type": "Pass", "Parameters": {"r.$": "States.Format('{}:{}', $.index, $.d)"},
                "OutputPath": "$.r", "End": true}}}}}})json";
  constexpr int kItems = 10000;
  Json items = Json::array();
  for (int i = 0; i < kItems; ++i) items.push_back(i % 997);
  auto result = run(definition, WorkflowType::kExpress, Json{{"items", items}});
  REQUIRE(to_string(result.status) == "SUCCEEDED");
  const Json& results = result.output.at("results");
  REQUIRE(results.size() == kItems);
  for (int i = 0; i < kItems; ++i) {
    int d = 2 * (i % 997);
    Json expected = fmt::format("{}:{}{}", i, d, d > 1000 ? ":big" : "");
    if (results[static_cast<std::size_t>(i)] != expected) {
      FAIL_CHECK("item " << i << ": " << results[static_cast<std::size_t>(i)].dump()
                         << " instead of " << expected.dump());
      break;
    }
  }
  CHECK(result.output.at("items") == items);
  // Started, Map entered and started; per item: iteration started, three states entered and
  // exited, iteration succeeded; Map succeeded and exited, execution succeeded.
  CHECK(result.history.events().size() == 3 + kItems * 8 + 3);
}

}  // namespace conflictctl::engine

namespace conflictctl::engine {

TEST_CASE("an EXPRESS child execution of a Distributed Map times out after five minutes") {
  auto loaded = asl::parse_definition(R"json({"StartAt": "Each", "States": {"Each": {
      "Type": "Map", "End": true, "ToleratedFailureCount": 1,
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
        "StartAt": "Pause", "States": {"Pause": {"Type": "Wait", "SecondsPath": "$", "End": true}}}}}})json",
                                      "test.asl.json");
  REQUIRE(loaded.machine);
  NoTasks runner;
  VirtualClock clock(kStart);
  NullLogger log;
  ExecutionOptions options;
  options.input = Json::array({10, 400});
  options.keep_child_histories = true;
  auto result = execute(*loaded.machine, options, {runner, clock, log});
  CHECK(to_string(result.status) == "SUCCEEDED");
  CHECK(seconds_run(result) == 300);
  REQUIRE(result.child_histories.size() == 2);
  auto types = [](const History& history) {
    std::vector<std::string> out;
    for (const HistoryEvent& event : history.events()) out.emplace_back(event.type);
    return out;
  };
  CHECK(types(result.child_histories[0]) ==
        std::vector<std::string>{"ExecutionStarted", "WaitStateEntered", "WaitStateExited",
                                 "ExecutionSucceeded"});
  CHECK(types(result.child_histories[1]) ==
        std::vector<std::string>{"ExecutionStarted", "WaitStateEntered", "WaitStateAborted",
                                 "ExecutionTimedOut"});
  const HistoryEvent& last = result.child_histories[1].events().back();
  CHECK(last.to_json()["executionTimedOutEventDetails"] ==
        Json{{"error", "States.Timeout"},
             {"cause", "The execution exceeded the 300 s that an Express workflow may run."}});
}

}  // namespace conflictctl::engine

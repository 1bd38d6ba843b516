#include "explore/run_trace.h"

#include <catch2/catch.hpp>

#include "asl/parser.h"
#include "core/logger.h"
#include "tasks/mock_config.h"
#include "tasks/mock_runner.h"

using namespace conflictctl;
using namespace conflictctl::explore;

namespace {

// A Catcher that leads where the state's Next does: only the failure tells them apart.
constexpr const char* kSameNext = R"({"StartAt": "Load", "States": {
  "Load": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
           "Catch": [{"ErrorEquals": ["Custom.Error"], "ResultPath": "$.error", "Next": "Done"},
                     {"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Done"}],
           "Next": "Done"},
  "Done": {"Type": "Succeed"}}})";

RunTrace run(const std::string& definition, const std::string& responses) {
  auto loaded = asl::parse_definition(definition, "t.asl.json");
  REQUIRE(loaded.machine);
  auto mocks = tasks::parse_mock_config(
      R"({"StateMachines": {"SM": {"TestCases": {"Case": {"Load": "Load"}}}},
          "MockedResponses": {"Load": )" + responses + "}}",
      "m.json");
  REQUIRE(mocks.config);
  tasks::MockRunner runner(*mocks.config->test_case("SM", "Case"), nullptr);
  VirtualClock clock(*parse_timestamp("2024-01-01T00:00:00Z"));
  NullLogger log;
  auto result = engine::execute(*loaded.machine, {}, {runner, clock, log});
  return trace_run(*loaded.machine, result);
}

}  // namespace

TEST_CASE("a success that goes to the state's Next takes no Catcher") {
  auto trace = run(kSameNext, R"({"0": {"Return": {"ok": true}, "DurationSeconds": 3}})");
  CHECK(trace.outcome == Outcome{"Done", "SUCCEEDED", ""});
  CHECK(to_string(trace.outcome) == "SUCCEEDED at Done");
  CHECK(trace.caught.empty());
  CHECK(trace.seconds == 3);
  CHECK(trace.entered == std::set<std::string>{"Load", "Done"});
  CHECK(trace.first_input.at("Load") == "{}");
}

TEST_CASE("a failure to the same Next takes the first Catcher that matches its error") {
  auto other = run(kSameNext, R"({"0": {"Throw": {"Error": "Other", "Cause": "c"}}})");
  CHECK(other.caught == std::set<std::pair<std::string, int>>{{"Load", 1}});
  auto custom = run(kSameNext, R"({"0": {"Throw": {"Error": "Custom.Error", "Cause": "c"}}})");
  CHECK(custom.caught == std::set<std::pair<std::string, int>>{{"Load", 0}});
}

TEST_CASE("an error no Catcher takes ends the execution at the state it escaped") {
  auto trace = run(R"({"StartAt": "Load", "States": {
    "Load": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
             "End": true}}})",
                   R"({"0": {"Throw": {"Error": "Boom", "Cause": "it broke"}}})");
  CHECK(trace.outcome == Outcome{"Load", "FAILED", "Boom"});
  CHECK(to_string(trace.outcome) == "FAILED at Load: Boom");
  CHECK(trace.cause == "it broke");
}

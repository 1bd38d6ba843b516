#include "explore/scenarios.h"

#include <catch2/catch.hpp>

#include "asl/parser.h"

using namespace conflictctl;
using namespace conflictctl::explore;

namespace {

std::vector<std::string> described(const ScenarioSet& set) {
  std::vector<std::string> lines;
  for (const auto& scenario : set.scenarios) lines.push_back(describe(scenario));
  return lines;
}

constexpr const char* kLoad = R"({"StartAt": "Load", "States": {
  "Load": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
           "TimeoutSeconds": 60,
           "Retry": [{"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 2}],
           "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "TimedOut"},
                     {"ErrorEquals": ["States.ALL"], "Next": "Failed"}],
           "End": true},
  "TimedOut": {"Type": "Fail", "Error": "T"},
  "Failed": {"Type": "Fail", "Error": "F"}}})";

}  // namespace

TEST_CASE("each error at each attempt, then the durations at each limit") {
  auto loaded = asl::parse_definition(kLoad, "t.asl.json");
  REQUIRE(loaded.machine);
  ScenarioOptions options;
  options.function_timeout = [](const std::string&) { return std::optional<double>(900); };
  auto set = make_scenarios(*loaded.machine, {{"Load", 1}}, options);
  CHECK(described(set) == std::vector<std::string>{
      "Load: States.TaskFailed on the first attempt",
      "Load: States.TaskFailed on the first 2 attempts",
      "Load: States.TaskFailed on every attempt",
      "Load: States.Timeout on every attempt",
      "Load: Lambda.ServiceException on the first attempt",
      "Load: Lambda.ServiceException on the first 2 attempts",
      "Load: Lambda.ServiceException on every attempt",
      "Load: Lambda.TooManyRequestsException on the first attempt",
      "Load: Lambda.TooManyRequestsException on the first 2 attempts",
      "Load: Lambda.TooManyRequestsException on every attempt",
      "Load: Explore.UnnamedError on the first attempt",
      "Load: Explore.UnnamedError on the first 2 attempts",
      "Load: Explore.UnnamedError on every attempt",
      "Load: takes 59 s on every attempt",
      "Load: takes 61 s on the first attempt",
      "Load: takes 61 s on every attempt",
      "Load: takes 899 s on every attempt",
      "Load: takes 901 s on the first attempt",
      "Load: takes 901 s on every attempt"});
  CHECK(set.skipped == 0);
  // The exhausted ones aim at the Catcher their error meets first.
  CHECK(set.scenarios[2].aim == std::pair<std::string, int>{"Load", 1});
  CHECK(set.scenarios[3].aim == std::pair<std::string, int>{"Load", 0});
}

TEST_CASE("a Map's iterations fail around its tolerated count, then all") {
  auto loaded = asl::parse_definition(R"({"StartAt": "Each", "States": {
    "Each": {"Type": "Map", "ToleratedFailureCount": 3,
             "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED",
                                                   "ExecutionType": "STANDARD"},
               "StartAt": "Send", "States": {
                 "Send": {"Type": "Task", "End": true,
                          "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f"}}},
             "End": true}}})",
                                      "t.asl.json");
  REQUIRE(loaded.machine);
  auto set = make_scenarios(*loaded.machine, {{"Send", 10}}, {});
  auto lines = described(set);
  CHECK(std::vector<std::string>(lines.begin() + 5, lines.end()) == std::vector<std::string>{
      "Send: States.TaskFailed in iterations 1-2, on every attempt",
      "Send: States.TaskFailed in iterations 1-3, on every attempt",
      "Send: States.TaskFailed in iterations 1-4, on every attempt",
      "Send: States.TaskFailed in every iteration, on every attempt"});
}

TEST_CASE("the budget keeps the first scenarios made, pairs join faults on two states") {
  auto loaded = asl::parse_definition(R"({"StartAt": "A", "States": {
    "A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
          "Next": "B"},
    "B": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
          "End": true}}})",
                                      "t.asl.json");
  REQUIRE(loaded.machine);
  ScenarioOptions options;
  auto singles = make_scenarios(*loaded.machine, {{"A", 1}, {"B", 1}}, options);
  CHECK(singles.scenarios.size() == 10);  // five errors on each, no limits
  options.pairs = true;
  auto pairs = make_scenarios(*loaded.machine, {{"A", 1}, {"B", 1}}, options);
  CHECK(pairs.scenarios.size() == 10 + 25);
  CHECK(describe(pairs.scenarios[10]) ==
        "A: States.Timeout on every attempt; B: States.Timeout on every attempt");
  options.max_scenarios = 10;
  auto bounded = make_scenarios(*loaded.machine, {{"A", 1}, {"B", 1}}, options);
  CHECK(bounded.scenarios.size() == 10);
  CHECK(bounded.skipped == 25);
}

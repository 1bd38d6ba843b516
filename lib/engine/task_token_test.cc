// Task tokens: a .waitForTaskToken Task's attempt gets one in $$.Task.Token, an activity's
// worker gets one with its task; other tasks get none. Tokens come from the run's seeded
// randomness, so a run on the virtual clock is reproducible.
#include <catch2/catch.hpp>

#include "asl/parser.h"
#include "core/base64.h"
#include "engine/executor.h"

namespace conflictctl::engine {
namespace {

std::shared_ptr<const asl::StateMachine> machine(const std::string& text) {
  auto loaded = asl::parse_definition(text, "test.asl.json");
  for (const auto& diagnostic : loaded.diagnostics) FAIL(diagnostic.to_string());
  return loaded.machine;
}

// Keeps every invocation; fails the first `failures` calls with "Busy", then answers {}.
class Recorder final : public TaskRunner {
 public:
  explicit Recorder(int failures = 0) : failures_(failures) {}
  TaskOutcome invoke(const TaskInvocation& invocation, TaskContext&) override {
    calls.push_back(invocation);
    if (static_cast<int>(calls.size()) <= failures_) return TaskOutcome::failure("Busy", "b");
    return TaskOutcome::success(Json::object());
  }
  std::vector<TaskInvocation> calls;

 private:
  int failures_;
};

ExecutionResult run(const asl::StateMachine& definition, TaskRunner& runner,
                    std::uint64_t seed = 7) {
  VirtualClock clock(*parse_timestamp("2024-01-01T00:00:00Z"));
  NullLogger log;
  ExecutionOptions options;
  options.seed = seed;
  return execute(definition, options, {runner, clock, log});
}

const char* kCallback = R"({"StartAt": "Ask", "States": {"Ask": {"Type": "Task",
    "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
    "Parameters": {"MessageBody": {"TaskToken.$": "$$.Task.Token"}},
    "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 1}], "End": true}}})";

}  // namespace

TEST_CASE("each attempt of a callback task has its own token, in $$.Task.Token") {
  auto definition = machine(kCallback);
  Recorder runner(1);
  auto result = run(*definition, runner);
  CHECK(result.status == ExecutionStatus::kSucceeded);
  REQUIRE(runner.calls.size() == 2);
  for (const TaskInvocation& call : runner.calls) {
    CHECK(call.waits_for_answer);
    CHECK(call.task_token.size() == 88);  // 64 random bytes in base64
    CHECK(base64_decode(call.task_token).value_or("").size() == 64);
    CHECK(call.payload.at("MessageBody").at("TaskToken") == call.task_token);
  }
  CHECK(runner.calls[0].task_token != runner.calls[1].task_token);
}

TEST_CASE("task tokens are reproducible from the seed of the run") {
  auto definition = machine(kCallback);
  Recorder first, again, other;
  run(*definition, first, 7);
  run(*definition, again, 7);
  run(*definition, other, 8);
  CHECK(first.calls.at(0).task_token == again.calls.at(0).task_token);
  CHECK(first.calls.at(0).task_token != other.calls.at(0).task_token);
}

TEST_CASE("the worker of an activity gets a token, which the context object does not hold") {
  Recorder runner;
  auto activity = machine(R"({"StartAt": "A", "States": {"A": {"Type": "Task",
      "Resource": "arn:aws:states:us-east-1:1:activity:approve", "End": true}}})");
  CHECK(run(*activity, runner).status == ExecutionStatus::kSucceeded);
  REQUIRE(runner.calls.size() == 1);
  CHECK(runner.calls[0].waits_for_answer);
  CHECK(runner.calls[0].task_token.size() == 88);

  auto reads = machine(R"({"StartAt": "A", "States": {"A": {"Type": "Task",
      "Resource": "arn:aws:states:us-east-1:1:activity:approve",
      "Parameters": {"t.$": "$$.Task.Token"}, "End": true}}})");
  auto result = run(*reads, runner);
  CHECK(result.status == ExecutionStatus::kFailed);
  REQUIRE(result.error);
  CHECK(result.error->name == "States.Runtime");
}

TEST_CASE("other tasks get no token, and $$.Task.Token is not there for them") {
  Recorder runner;
  auto plain = machine(R"({"StartAt": "A", "States": {
      "A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "Next": "B"},
      "B": {"Type": "Pass", "Parameters": {"t.$": "$$.Task.Token"}, "End": true}}})");
  auto result = run(*plain, runner);
  REQUIRE(runner.calls.size() == 1);
  CHECK_FALSE(runner.calls[0].waits_for_answer);
  CHECK(runner.calls[0].task_token.empty());
  CHECK(result.status == ExecutionStatus::kFailed);
  REQUIRE(result.error);
  CHECK(result.error->name == "States.Runtime");
}

TEST_CASE("the token of a callback is gone from $$ once the flow enters the next state") {
  Recorder runner;
  auto definition = machine(R"({"StartAt": "Ask", "States": {
      "Ask": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish.waitForTaskToken",
              "Parameters": {"Message.$": "$$.Task.Token"}, "Next": "After"},
      "After": {"Type": "Pass", "Parameters": {"t.$": "$$.Task.Token"}, "End": true}}})");
  auto result = run(*definition, runner);
  CHECK(result.status == ExecutionStatus::kFailed);
  REQUIRE(result.error);
  CHECK(result.error->cause.find("$$.Task.Token") != std::string::npos);
}

}  // namespace conflictctl::engine

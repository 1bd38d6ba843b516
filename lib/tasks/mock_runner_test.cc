#include "tasks/mock_runner.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <thread>

#include "tasks/task_testing.h"
#include "source_tree.h"

using namespace conflictctl;
using namespace conflictctl::tasks;
using namespace conflictctl::tasks::testing;

namespace {

MockTestCase load_case(const std::string& text, const std::string& test_case = "Case") {
  LoadedMockConfig loaded = parse_mock_config(text, "m.json");
  REQUIRE(loaded.diagnostics.empty());
  Result<MockTestCase> found = loaded.config->test_case("SM", test_case);
  REQUIRE(found.ok());
  return *found;
}

// The AWS example's RetryPath: LambdaState fails once as not ready, twice timed out, then
// returns the Invoke response.
constexpr const char* kRetryPath = R"({
  "StateMachines": {"SM": {"TestCases": {"Case": {"LambdaState": "MockedLambdaRetry"}}}},
  "MockedResponses": {
    "MockedLambdaRetry": {
      "0": {"Throw": {"Error": "Lambda.ResourceNotReadyException",
                      "Cause": "Lambda resource is not ready."}},
      "1-2": {"Throw": {"Error": "Lambda.TimeoutException", "Cause": "Lambda timed out."}},
      "3": {"Return": {"StatusCode": 200,
                       "Payload": {"StatusCode": 200, "body": "Hello from Lambda!"}}}}}})";

engine::TaskOutcome call(MockRunner& runner, FakeContext& fake, const std::string& state) {
  return runner.invoke(invocation("arn:aws:states:::lambda:invoke", Json::object(), state),
                       fake.context);
}

}  // namespace

TEST_CASE("the n-th call of a state gets the response for invocation n", "[mock_runner]") {
  FakeContext fake;
  MockRunner runner(load_case(kRetryPath), nullptr);

  engine::TaskOutcome first = call(runner, fake, "LambdaState");
  REQUIRE_FALSE(first.result.ok());
  CHECK(first.result.error() ==
        Error{"Lambda.ResourceNotReadyException", "Lambda resource is not ready."});
  for (int retry = 1; retry <= 2; ++retry) {
    engine::TaskOutcome outcome = call(runner, fake, "LambdaState");
    REQUIRE_FALSE(outcome.result.ok());
    CHECK(outcome.result.error() == Error{"Lambda.TimeoutException", "Lambda timed out."});
  }
  engine::TaskOutcome fourth = call(runner, fake, "LambdaState");
  REQUIRE(fourth.result.ok());
  CHECK(*fourth.result ==
        Json::parse(R"({"StatusCode": 200,
                        "Payload": {"StatusCode": 200, "body": "Hello from Lambda!"}})"));
  CHECK_FALSE(fourth.simulated_seconds);
}

TEST_CASE("a call past the last defined invocation fails the execution", "[mock_runner]") {
  FakeContext fake;
  MockRunner runner(load_case(kRetryPath), nullptr);
  for (int i = 0; i < 4; ++i) (void)call(runner, fake, "LambdaState");
  engine::TaskOutcome fifth = call(runner, fake, "LambdaState");
  REQUIRE_FALSE(fifth.result.ok());
  CHECK(fifth.result.error() ==
        Error{"States.Runtime",
              "mocked response 'MockedLambdaRetry' has no entry for invocation 4 of state "
              "'LambdaState' (it defines invocations 0-3)"});
}

TEST_CASE("DurationSeconds becomes the simulated duration, for Throw too", "[mock_runner]") {
  FakeContext fake;
  MockRunner runner(load_case(R"({
    "StateMachines": {"SM": {"TestCases": {"Case": {"Load": "Slow"}}}},
    "MockedResponses": {"Slow": {
      "0": {"Throw": {"Error": "States.Timeout", "Cause": "took too long"},
            "DurationSeconds": 900},
      "1": {"Return": {"rows": 5}, "DurationSeconds": 410.5}}}})"),
                    nullptr);
  engine::TaskOutcome timeout = call(runner, fake, "Load");
  REQUIRE_FALSE(timeout.result.ok());
  CHECK(timeout.result.error() == Error{"States.Timeout", "took too long"});
  CHECK(timeout.simulated_seconds == 900.0);

  engine::TaskOutcome done = call(runner, fake, "Load");
  REQUIRE(done.result.ok());
  CHECK(*done.result == Json{{"rows", 5}});
  CHECK(done.simulated_seconds == 410.5);
}

TEST_CASE("calls are counted per state name", "[mock_runner]") {
  FakeContext fake;
  MockRunner runner(load_case(R"({
    "StateMachines": {"SM": {"TestCases": {"Case": {"A": "Two", "B": "Two"}}}},
    "MockedResponses": {"Two": {"0": {"Return": "first"}, "1": {"Return": "second"}}}})"),
                    nullptr);
  CHECK(*call(runner, fake, "A").result == "first");
  CHECK(*call(runner, fake, "B").result == "first");
  CHECK(*call(runner, fake, "A").result == "second");
  CHECK(*call(runner, fake, "B").result == "second");
}

TEST_CASE("states the test case does not mock go to the inner runner", "[mock_runner]") {
  FakeContext fake;
  auto inner = std::make_shared<FakeRunner>(engine::TaskOutcome::success(Json{{"real", true}}, 7.0));
  MockRunner runner(load_case(kRetryPath), inner);
  engine::TaskOutcome outcome = call(runner, fake, "SQSState");
  REQUIRE(outcome.result.ok());
  CHECK(*outcome.result == Json{{"real", true}});
  CHECK(outcome.simulated_seconds == 7.0);
  REQUIRE(inner->calls().size() == 1);
  CHECK(inner->calls()[0].state_name == "SQSState");
}

TEST_CASE("without an inner runner an unmocked state fails clearly", "[mock_runner]") {
  FakeContext fake;
  MockRunner runner(load_case(kRetryPath), nullptr);
  engine::TaskOutcome outcome = call(runner, fake, "SQSState");
  REQUIRE_FALSE(outcome.result.ok());
  CHECK(outcome.result.error() ==
        Error{"States.Runtime",
              "state 'SQSState' is not mocked in test case 'Case' and there is no task runner "
              "to run it"});
}

namespace {
// Declares heartbeats, as a plugin that sends them does.
class Beats final : public engine::TaskRunner {
 public:
  engine::TaskOutcome invoke(const engine::TaskInvocation&, engine::TaskContext&) override {
    return engine::TaskOutcome::success(1);
  }
  bool sends_heartbeats(const engine::TaskInvocation&) const override { return true; }
};
}  // namespace

TEST_CASE("NoAnswer plays back a callback that never answers, with its heartbeats",
          "[mock_runner]") {
  FakeContext fake;
  MockRunner runner(load_case(R"({
    "StateMachines": {"SM": {"TestCases": {"Case": {"Ask": "Silent"}}}},
    "MockedResponses": {"Silent": {"0": {"NoAnswer": true, "Heartbeats": [5, 9]}}}})"),
                    nullptr);
  engine::TaskOutcome outcome = runner.invoke(
      invocation("arn:aws:states:::sqs:sendMessage.waitForTaskToken", Json::object(), "Ask"),
      fake.context);
  CHECK(outcome.unanswered);
  CHECK(outcome.heartbeats == std::vector<double>{5, 9});
}

TEST_CASE("a mocked state sends no heartbeats, an unmocked one as its runner says",
          "[mock_runner]") {
  MockRunner runner(load_case(kRetryPath), std::make_shared<Beats>());
  CHECK_FALSE(runner.sends_heartbeats(
      invocation("arn:aws:states:::lambda:invoke", Json::object(), "LambdaState")));
  CHECK(runner.sends_heartbeats(
      invocation("arn:aws:states:::lambda:invoke", Json::object(), "SQSState")));
  MockRunner alone(load_case(kRetryPath), nullptr);
  CHECK_FALSE(alone.sends_heartbeats(
      invocation("arn:aws:states:::lambda:invoke", Json::object(), "SQSState")));
}

TEST_CASE("concurrent calls of one state each get a distinct invocation", "[mock_runner]") {
  MockRunner runner(load_case(R"({
    "StateMachines": {"SM": {"TestCases": {"Case": {"Chunk": "Half"}}}},
    "MockedResponses": {"Half": {"0-49": {"Return": "a"}, "50-99": {"Return": "b"}}}})"),
                    nullptr);
  std::atomic<int> a = 0, b = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      FakeContext fake;
      for (int i = 0; i < 25; ++i) {
        engine::TaskOutcome outcome = call(runner, fake, "Chunk");
        if (outcome.result.ok() && *outcome.result == "a") ++a;
        if (outcome.result.ok() && *outcome.result == "b") ++b;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(a == 50);
  CHECK(b == 50);
}

TEST_CASE("the example of docs/mock-config.md fails ExecuteTask02 twice, then succeeds",
          "[mock_runner]") {
  std::ifstream in(test::source_path("docs/mock-config.md"));
  std::stringstream doc;
  doc << in.rdbuf();
  std::string text = doc.str();
  std::size_t start = text.rfind("```json\n");
  REQUIRE(start != std::string::npos);
  start += 8;
  std::string example = text.substr(start, text.find("```", start) - start);

  LoadedMockConfig loaded = parse_mock_config(example, "docs/mock-config.md");
  REQUIRE(loaded.diagnostics.empty());
  Result<MockTestCase> test_case = loaded.config->test_case("conflict_report", "Task02FailsTwice");
  REQUIRE(test_case.ok());
  auto inner = std::make_shared<FakeRunner>(engine::TaskOutcome::success(Json::object()));
  MockRunner runner(*test_case, inner);
  FakeContext fake;

  CHECK(call(runner, fake, "ExecuteTask01").result.ok());
  for (int attempt = 0; attempt < 2; ++attempt) {
    engine::TaskOutcome failed = call(runner, fake, "ExecuteTask02");
    REQUIRE_FALSE(failed.result.ok());
    CHECK(failed.result.error().name == "States.TaskFailed");
    CHECK(failed.simulated_seconds == 30.0);
  }
  engine::TaskOutcome succeeded = call(runner, fake, "ExecuteTask02");
  REQUIRE(succeeded.result.ok());
  CHECK((*succeeded.result)["body"]["result"]["updated_rows"] == 8432);
  CHECK(succeeded.simulated_seconds == 410.0);
  CHECK(inner->calls().size() == 1);
}

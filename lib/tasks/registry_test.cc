#include "tasks/registry.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "tasks/task_testing.h"

using namespace conflictctl;
using namespace conflictctl::tasks;
using namespace conflictctl::tasks::testing;

namespace {
const std::string kFunctionArn =
    "arn:aws:lambda:REGION:ACCOUNT_ID:function:etl-pipeline-function";
}  // namespace

TEST_CASE("a function ARN runs the bound runner with the state's input", "[registry]") {
  FakeContext fake;
  auto runner = std::make_shared<FakeRunner>(engine::TaskOutcome::success(Json{{"rows", 3}}, 95.0));
  Registry registry;
  registry.bind("etl-pipeline-function", runner);

  engine::TaskOutcome outcome =
      registry.invoke(invocation(kFunctionArn, Json{{"action", "task_01"}}), fake.context);
  REQUIRE(outcome.result.ok());
  CHECK(*outcome.result == Json{{"rows", 3}});
  CHECK(outcome.simulated_seconds == 95.0);

  REQUIRE(runner->calls().size() == 1);
  const engine::TaskInvocation call = runner->calls()[0];
  CHECK(call.function == "etl-pipeline-function");
  CHECK(call.payload == Json{{"action", "task_01"}});
  CHECK(call.resource == kFunctionArn);
  CHECK(call.state_name == "Task");
}

TEST_CASE("a qualified function ARN runs the runner bound to the bare name", "[registry]") {
  FakeContext fake;
  auto runner = std::make_shared<FakeRunner>(engine::TaskOutcome::success(1));
  Registry registry;
  registry.bind("F", runner);
  engine::TaskOutcome outcome = registry.invoke(
      invocation("arn:aws:lambda:us-east-1:123456789012:function:F:prod", Json::object()),
      fake.context);
  CHECK(outcome.result.ok());
  CHECK(runner->calls().at(0).function == "F");
}

TEST_CASE("lambda:invoke passes Parameters.Payload and wraps the result", "[registry]") {
  FakeContext fake;
  auto runner = std::make_shared<FakeRunner>(
      engine::TaskOutcome::success(Json{{"statusCode", 200}, {"body", "done"}}, 30.0));
  Registry registry;
  registry.bind("MyFunction", runner);

  Json parameters = Json{{"FunctionName", "arn:aws:lambda:us-east-1:123456789012:function:"
                                          "MyFunction"},
                         {"Payload", Json{{"action", "task_02"}}}};
  engine::TaskOutcome outcome =
      registry.invoke(invocation("arn:aws:states:::lambda:invoke", parameters), fake.context);
  REQUIRE(outcome.result.ok());
  CHECK(runner->calls().at(0).payload == Json{{"action", "task_02"}});
  CHECK(runner->calls().at(0).function == "MyFunction");

  const Json& response = *outcome.result;
  CHECK(response["Payload"] == Json{{"statusCode", 200}, {"body", "done"}});
  CHECK(response["ExecutedVersion"] == "$LATEST");
  CHECK(response["StatusCode"] == 200);
  CHECK(response["SdkHttpMetadata"]["HttpStatusCode"] == 200);
  // The response is dated when the function returns: 30 s after 2024-01-01T00:00:00Z.
  CHECK(response["SdkHttpMetadata"]["HttpHeaders"]["Date"] == "Mon, 01 Jan 2024 00:00:30 GMT");
  CHECK(response["SdkResponseMetadata"]["RequestId"] ==
        response["SdkHttpMetadata"]["HttpHeaders"]["x-amzn-RequestId"]);
  CHECK(outcome.simulated_seconds == 30.0);
}

TEST_CASE("lambda:invoke reports a numeric Qualifier as ExecutedVersion", "[registry]") {
  FakeContext fake;
  Registry registry;
  registry.bind("F", std::make_shared<FakeRunner>(engine::TaskOutcome::success(1)));
  engine::TaskOutcome outcome = registry.invoke(
      invocation("arn:aws:states:::lambda:invoke",
                 Json{{"FunctionName", "F"}, {"Qualifier", "4"}}),
      fake.context);
  REQUIRE(outcome.result.ok());
  CHECK((*outcome.result)["ExecutedVersion"] == "4");
}

TEST_CASE("a failing function's error passes through lambda:invoke unwrapped", "[registry]") {
  FakeContext fake;
  Registry registry;
  registry.bind("F", std::make_shared<FakeRunner>(
                         engine::TaskOutcome::failure("Task02TimeoutError", "took too long", 12.0)));
  engine::TaskOutcome outcome = registry.invoke(
      invocation("arn:aws:states:::lambda:invoke", Json{{"FunctionName", "F"}}), fake.context);
  REQUIRE_FALSE(outcome.result.ok());
  CHECK(outcome.result.error() == Error{"Task02TimeoutError", "took too long"});
  CHECK(outcome.simulated_seconds == 12.0);
}

TEST_CASE("an unbound function fails with Lambda.ResourceNotFoundException", "[registry]") {
  FakeContext fake;
  Registry registry;
  engine::TaskOutcome outcome = registry.invoke(invocation(kFunctionArn, Json::object()), fake.context);
  REQUIRE_FALSE(outcome.result.ok());
  CHECK(outcome.result.error().name == "Lambda.ResourceNotFoundException");
  CHECK(outcome.result.error().cause ==
        "Function not found: no handler is bound to Lambda function 'etl-pipeline-function'; "
        "bind it under 'functions:' in the pipeline's bindings file (pipelines/<name>.yaml)");
}

TEST_CASE("integrations that cannot run locally say to mock them", "[registry]") {
  FakeContext fake;
  Registry registry;
  registry.bind("F", std::make_shared<FakeRunner>(engine::TaskOutcome::success(1)));

  engine::TaskOutcome sqs = registry.invoke(
      invocation("arn:aws:states:::sqs:sendMessage", Json::object(), "Notify"), fake.context);
  REQUIRE_FALSE(sqs.result.ok());
  CHECK(sqs.result.error() ==
        Error{"States.Runtime",
              "state 'Notify' cannot run locally: service integration 'sqs:sendMessage' has no "
              "local runner; mock it in a mock config file (docs/mock-config.md)"});

  engine::TaskOutcome callback = registry.invoke(
      invocation("arn:aws:states:::lambda:invoke.waitForTaskToken", Json{{"FunctionName", "F"}},
                 "Review"),
      fake.context);
  REQUIRE_FALSE(callback.result.ok());
  CHECK(callback.result.error() ==
        Error{"States.Runtime",
              "state 'Review' cannot run locally: the .waitForTaskToken pattern needs a task "
              "token callback; mock it in a mock config file (docs/mock-config.md)"});
}

TEST_CASE("an activity has no worker here and says to mock it", "[registry]") {
  FakeContext fake;
  Registry registry;
  engine::TaskOutcome activity = registry.invoke(
      invocation("arn:aws:states:us-east-1:123456789012:activity:approve", Json::object(),
                 "Approve"),
      fake.context);
  REQUIRE_FALSE(activity.result.ok());
  CHECK(activity.result.error() ==
        Error{"States.Runtime",
              "state 'Approve' cannot run locally: no worker polls activity 'approve' here; mock "
              "it in a mock config file (docs/mock-config.md)"});
}

namespace {
class Beats final : public engine::TaskRunner {
 public:
  engine::TaskOutcome invoke(const engine::TaskInvocation&, engine::TaskContext&) override {
    return engine::TaskOutcome::success(1);
  }
  bool sends_heartbeats(const engine::TaskInvocation& call) const override {
    return call.function == "beats" && call.payload == Json{{"n", 1}};
  }
};
}  // namespace

TEST_CASE("whether a call sends heartbeats is what its bound runner answers", "[registry]") {
  Registry registry;
  registry.bind("beats", std::make_shared<Beats>());
  registry.bind("quiet", std::make_shared<FakeRunner>(engine::TaskOutcome::success(1)));
  // The bound runner sees the call as it would run it: the function's name and event.
  CHECK(registry.sends_heartbeats(
      invocation("arn:aws:lambda:us-east-1:1:function:beats", Json{{"n", 1}})));
  CHECK(registry.sends_heartbeats(invocation(
      "arn:aws:states:::lambda:invoke", Json{{"FunctionName", "beats"}, {"Payload", {{"n", 1}}}})));
  CHECK_FALSE(registry.sends_heartbeats(invocation("quiet", Json{{"n", 1}})));
  CHECK_FALSE(registry.sends_heartbeats(invocation("unbound", Json{{"n", 1}})));
  CHECK_FALSE(registry.sends_heartbeats(
      invocation("arn:aws:states:::sqs:sendMessage.waitForTaskToken", Json::object())));
}

TEST_CASE("bad resources and parameters fail with States.Runtime", "[registry]") {
  FakeContext fake;
  Registry registry;
  engine::TaskOutcome outcome = registry.invoke(
      invocation("arn:aws:states:::lambda:invoke", Json{{"Payload", 1}}), fake.context);
  REQUIRE_FALSE(outcome.result.ok());
  CHECK(outcome.result.error() ==
        Error{"States.Runtime", "lambda:invoke Parameters need a FunctionName string"});
}

TEST_CASE("binding again replaces the runner, functions() lists the names", "[registry]") {
  FakeContext fake;
  Registry registry;
  registry.bind("b", std::make_shared<FakeRunner>(engine::TaskOutcome::success(1)));
  registry.bind("a", std::make_shared<FakeRunner>(engine::TaskOutcome::success(1)));
  registry.bind("a", std::make_shared<FakeRunner>(engine::TaskOutcome::success(2)));
  CHECK(registry.functions() == std::vector<std::string>{"a", "b"});
  engine::TaskOutcome outcome = registry.invoke(invocation("a", Json::object()), fake.context);
  CHECK(*outcome.result == 2);
}

TEST_CASE("concurrent invocations are dispatched safely", "[registry]") {
  auto runner = std::make_shared<FakeRunner>(engine::TaskOutcome::success(1));
  Registry registry;
  registry.bind("F", runner);
  constexpr int kThreads = 4, kCalls = 50;
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&registry, &failures, t] {
      FakeContext fake;
      for (int i = 0; i < kCalls; ++i) {
        registry.bind("G" + std::to_string(t),
                      std::make_shared<FakeRunner>(engine::TaskOutcome::success(0)));
        engine::TaskOutcome outcome = registry.invoke(
            invocation("arn:aws:states:::lambda:invoke", Json{{"FunctionName", "F"}}),
            fake.context);
        if (!outcome.result.ok()) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(failures == 0);
  CHECK(runner->calls().size() == kThreads * kCalls);
  CHECK(registry.functions().size() == 1 + kThreads);
}

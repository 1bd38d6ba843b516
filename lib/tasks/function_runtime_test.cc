#include "tasks/function_runtime.h"

#include <catch2/catch.hpp>

#include <condition_variable>
#include <deque>
#include <mutex>

#include "aws/fake_http.h"
#include "tasks/task_testing.h"

namespace conflictctl::tasks {
namespace {

constexpr const char* kApi = "http://127.0.0.1:9001/2018-06-01";

// The Runtime API side of Lambda in memory: hands out queued events, keeps what was posted.
struct FakeLambda {
  struct Posted {
    std::string path;
    std::string body;
    std::string error_type;  // Lambda-Runtime-Function-Error-Type
  };

  explicit FakeLambda(Timestamp deadline) : deadline(deadline) {
    http->set_handler([this](const aws::HttpRequest& request, const aws::HttpLimits&) {
      return answer(request);
    });
  }

  Result<aws::HttpResponse> answer(const aws::HttpRequest& request) {
    std::lock_guard lock(mutex);
    if (request.method == "GET") {
      if (events.empty()) return Error{"Http.ConnectionFailed", "no more events"};
      std::string id = "request-" + std::to_string(++served);
      aws::HeaderList headers{
          {"Lambda-Runtime-Aws-Request-Id", id},
          {"Lambda-Runtime-Deadline-Ms",
           std::to_string(deadline.time_since_epoch().count())},
          {"Lambda-Runtime-Invoked-Function-Arn",
           "arn:aws:lambda:us-east-1:123456789012:function:etl-pipeline-function"}};
      std::string event = std::move(events.front());
      events.pop_front();
      return aws::HttpResponse{200, std::move(headers), std::move(event)};
    }
    std::string path = request.url.substr(std::string(kApi).size());
    std::string type;
    for (const auto& [name, value] : request.headers)
      if (name == "Lambda-Runtime-Function-Error-Type") type = value;
    posted.push_back({path, request.body, type});
    return aws::HttpResponse{202, {}, R"({"status":"OK"})"};
  }

  Timestamp deadline;
  std::shared_ptr<aws::FakeHttpClient> http = std::make_shared<aws::FakeHttpClient>();
  std::mutex mutex;
  std::deque<std::string> events;
  std::vector<Posted> posted;
  int served = 0;
};

// Works until its invocation is cancelled, then reports the timeout as a database task does.
class UntilCancelled final : public engine::TaskRunner {
 public:
  engine::TaskOutcome invoke(const engine::TaskInvocation&, engine::TaskContext& context) override {
    seen_deadline = context.deadline;
    std::mutex mutex;
    std::condition_variable cancelled;
    bool done = false;
    context.cancel.on_cancel([&] {
      std::lock_guard lock(mutex);
      done = true;
      cancelled.notify_all();
    });
    std::unique_lock lock(mutex);
    cancelled.wait(lock, [&] { return done; });
    return engine::TaskOutcome::failure("States.Timeout", "cancelled at the deadline; rolled back");
  }
  std::optional<Timestamp> seen_deadline;
};

RuntimeOptions options(int invocations) {
  RuntimeOptions options;
  options.function_name = "etl-pipeline-function";
  options.max_invocations = invocations;
  return options;
}

}  // namespace

TEST_CASE("the runtime serves several invocations in one process", "[runtime]") {
  testing::FakeContext fake;
  FakeLambda lambda(fake.clock.now() + Millis(900'000));
  lambda.events = {R"({"action":"task_01"})", R"({"action":"task_02"})", R"({"action":"task_03"})"};
  testing::FakeRunner runner(engine::TaskOutcome::success(Json{{"status", "ok"}}));
  aws::RuntimeApi api(*lambda.http, "127.0.0.1:9001");
  auto served = serve_invocations(api, runner, fake.clock, fake.log, options(3));
  REQUIRE(served);
  auto calls = runner.calls();
  REQUIRE(calls.size() == 3);
  CHECK(calls[1].payload == Json{{"action", "task_02"}});
  CHECK(calls[1].function == "etl-pipeline-function");
  CHECK(calls[1].resource ==
        "arn:aws:lambda:us-east-1:123456789012:function:etl-pipeline-function");
  REQUIRE(lambda.posted.size() == 3);
  CHECK(lambda.posted[2].path == "/runtime/invocation/request-3/response");
  CHECK(lambda.posted[2].body == R"({"status":"ok"})");
}

TEST_CASE("a task error is posted with its name as errorType", "[runtime]") {
  testing::FakeContext fake;
  FakeLambda lambda(fake.clock.now() + Millis(900'000));
  lambda.events = {R"({"action":"nope"})"};
  testing::FakeRunner runner(engine::TaskOutcome::failure("UnknownAction", "no action 'nope'"));
  aws::RuntimeApi api(*lambda.http, "127.0.0.1:9001");
  REQUIRE(serve_invocations(api, runner, fake.clock, fake.log, options(1)));
  REQUIRE(lambda.posted.size() == 1);
  CHECK(lambda.posted[0].path == "/runtime/invocation/request-1/error");
  CHECK(lambda.posted[0].error_type == "UnknownAction");
  Json body = Json::parse(lambda.posted[0].body);
  CHECK(body["errorType"] == "UnknownAction");
  CHECK(body["errorMessage"] == "no action 'nope'");
}

TEST_CASE("an event that is not JSON is an unmarshal error, and the loop goes on",
          "[runtime]") {
  testing::FakeContext fake;
  FakeLambda lambda(fake.clock.now() + Millis(900'000));
  lambda.events = {"{not json", R"({"action":"task_01"})"};
  testing::FakeRunner runner(engine::TaskOutcome::success(Json::object()));
  aws::RuntimeApi api(*lambda.http, "127.0.0.1:9001");
  REQUIRE(serve_invocations(api, runner, fake.clock, fake.log, options(2)));
  REQUIRE(lambda.posted.size() == 2);
  CHECK(lambda.posted[0].error_type == "Runtime.UnmarshalError");
  CHECK(lambda.posted[1].path == "/runtime/invocation/request-2/response");
  CHECK(runner.calls().size() == 1);
}

TEST_CASE("an event nested 100,000 deep is an unmarshal error, not a stack overflow",
          "[runtime]") {
  testing::FakeContext fake;
  FakeLambda lambda(fake.clock.now() + Millis(900'000));
  lambda.events = {std::string(100000, '[') + std::string(100000, ']'), "1e400"};
  testing::FakeRunner runner(engine::TaskOutcome::success(Json::object()));
  aws::RuntimeApi api(*lambda.http, "127.0.0.1:9001");
  REQUIRE(serve_invocations(api, runner, fake.clock, fake.log, options(2)));
  REQUIRE(lambda.posted.size() == 2);
  CHECK(lambda.posted[0].error_type == "Runtime.UnmarshalError");
  CHECK(Json::parse(lambda.posted[0].body)["errorMessage"] ==
        "the event is JSON nested more than 512 levels deep");
  CHECK(lambda.posted[1].error_type == "Runtime.UnmarshalError");
  CHECK(runner.calls().empty());
}

TEST_CASE("the task is cancelled before Lambda's deadline and its timeout reported",
          "[runtime]") {
  testing::FakeContext fake;
  Timestamp deadline = fake.clock.now() + Millis(3'000);
  FakeLambda lambda(deadline);
  lambda.events = {R"({"action":"task_02"})"};
  UntilCancelled runner;
  aws::RuntimeApi api(*lambda.http, "127.0.0.1:9001");
  REQUIRE(serve_invocations(api, runner, fake.clock, fake.log, options(1)));
  REQUIRE(runner.seen_deadline);
  CHECK(*runner.seen_deadline == deadline - Millis(1'000));
  CHECK(fake.clock.now() == deadline - Millis(1'000));  // the virtual clock jumped there
  REQUIRE(lambda.posted.size() == 1);
  CHECK(lambda.posted[0].error_type == "States.Timeout");
}

TEST_CASE("the loop ends with the Runtime API's error", "[runtime]") {
  testing::FakeContext fake;
  FakeLambda lambda(fake.clock.now());
  testing::FakeRunner runner(engine::TaskOutcome::success(Json::object()));
  aws::RuntimeApi api(*lambda.http, "127.0.0.1:9001");
  auto served = serve_invocations(api, runner, fake.clock, fake.log, RuntimeOptions{});
  REQUIRE_FALSE(served);
  CHECK(served.error().name == "Http.ConnectionFailed");
}

}  // namespace conflictctl::tasks

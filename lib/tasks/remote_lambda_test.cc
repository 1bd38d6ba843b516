#include "tasks/remote_lambda.h"

#include <catch2/catch.hpp>

#include "aws/fake_http.h"
#include "tasks/task_testing.h"

namespace conflictctl::tasks {
namespace {

using testing::FakeContext;
using testing::invocation;

constexpr const char* kReferenceArn = "arn:aws:lambda:REGION:ACCOUNT_ID:function:etl-pipeline-function";

RemoteSettings settings_with(std::shared_ptr<aws::FakeHttpClient> http,
                             std::string account = "123456789012") {
  RemoteSettings settings;
  settings.lambda.credentials = aws::Credentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG", "", "test"};
  settings.lambda.region = "eu-west-1";
  settings.lambda.endpoint = "http://127.0.0.1:9001";
  settings.account_id = std::move(account);
  settings.http = std::move(http);
  return settings;
}

aws::HttpResponse ok(std::string body, aws::HeaderList headers = {}) {
  headers.emplace_back("X-Amz-Executed-Version", "$LATEST");
  headers.emplace_back("x-amzn-RequestId", "5f4a3b2c-0000-4000-8000-000000000001");
  return aws::HttpResponse{200, std::move(headers), std::move(body)};
}

std::string path_of(const aws::HttpRequest& request) {
  auto start = request.url.find("/2015-03-31/");
  return request.url.substr(start);
}

}  // namespace

TEST_CASE("placeholders in a function ARN are filled from the settings", "[remote]") {
  RemoteSettings settings = settings_with(nullptr);
  CHECK(remote_function_name(kReferenceArn, settings) ==
        "arn:aws:lambda:eu-west-1:123456789012:function:etl-pipeline-function");
  CHECK(remote_function_name("arn:aws:lambda:us-east-2:210987654321:function:f:prod", settings) ==
        "arn:aws:lambda:us-east-2:210987654321:function:f");
  CHECK(remote_function_name("ACCOUNT_ID:function:f", settings) == "123456789012:function:f");
  CHECK(remote_function_name("f:live", settings) == "f");
  settings.account_id.clear();
  CHECK(remote_function_name(kReferenceArn, settings) == "etl-pipeline-function");
}

TEST_CASE("a function ARN resource sends the state input and returns the function's result",
          "[remote]") {
  auto http = std::make_shared<aws::FakeHttpClient>();
  http->queue(ok(R"({"status":"ok","rows":3})"));
  RemoteLambda remote(settings_with(http));
  FakeContext fake;
  auto outcome = remote.invoke(invocation(kReferenceArn, Json{{"action", "task_01"}}), fake.context);
  REQUIRE(outcome.result);
  CHECK(*outcome.result == Json{{"status", "ok"}, {"rows", 3}});
  auto requests = http->requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].method == "POST");
  CHECK(path_of(requests[0]) ==
        "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3A"
        "etl-pipeline-function/invocations");
  CHECK(requests[0].body == R"({"action":"task_01"})");
}

TEST_CASE("lambda:invoke takes FunctionName, Qualifier and Payload and returns the Invoke "
          "response",
          "[remote]") {
  auto http = std::make_shared<aws::FakeHttpClient>();
  http->queue(ok(R"({"chunks":[1,2]})", {{"X-Amz-Executed-Version", "7"}}));
  RemoteLambda remote(settings_with(http, ""));
  FakeContext fake;
  Json parameters{{"FunctionName", "cm-task-ag-test01:live"},
                  {"Payload", Json{{"action", "get_task02_chunks"}}}};
  auto outcome =
      remote.invoke(invocation("arn:aws:states:::lambda:invoke", parameters), fake.context);
  REQUIRE(outcome.result);
  CHECK((*outcome.result)["Payload"] == Json{{"chunks", {1, 2}}});
  CHECK((*outcome.result)["StatusCode"] == 200);
  CHECK((*outcome.result)["ExecutedVersion"] == "7");
  CHECK((*outcome.result)["SdkResponseMetadata"]["RequestId"] ==
        "5f4a3b2c-0000-4000-8000-000000000001");
  auto requests = http->requests();
  REQUIRE(requests.size() == 1);
  CHECK(path_of(requests[0]) ==
        "/2015-03-31/functions/cm-task-ag-test01/invocations?Qualifier=live");
  CHECK(requests[0].body == R"({"action":"get_task02_chunks"})");
}

TEST_CASE("a function error keeps its errorType as the state error and logs the tail",
          "[remote]") {
  auto http = std::make_shared<aws::FakeHttpClient>();
  // "START …\nboom\n" base64-encoded, as X-Amz-Log-Result carries it.
  http->queue(ok(R"({"errorType":"Task02Error","errorMessage":"rule 3 failed"})",
                 {{"X-Amz-Function-Error", "Unhandled"},
                  {"X-Amz-Log-Result", "U1RBUlQgUmVxdWVzdElkOiAxCmJvb20K"}}));
  RemoteLambda remote(settings_with(http));
  FakeContext fake;
  auto outcome = remote.invoke(invocation(kReferenceArn, Json::object(), "ExecuteTask02"),
                               fake.context);
  REQUIRE_FALSE(outcome.result);
  CHECK(outcome.result.error() == Error{"Task02Error", "rule 3 failed"});
  auto lines = fake.log.lines();
  REQUIRE(lines.size() == 1);
  CHECK_THAT(lines[0], Catch::Contains("ExecuteTask02") && Catch::Contains("boom"));
}

TEST_CASE("throttling and unreachable endpoints become Lambda.* errors", "[remote]") {
  auto http = std::make_shared<aws::FakeHttpClient>();
  http->queue(aws::HttpResponse{429, {{"x-amzn-ErrorType", "TooManyRequestsException"}},
                                R"({"Type":"User","message":"Rate exceeded"})"});
  http->queue(Error{"Http.ConnectionFailed", "127.0.0.1:9001: connection refused"});
  RemoteLambda remote(settings_with(http));
  FakeContext fake;
  auto first = remote.invoke(invocation(kReferenceArn, Json::object()), fake.context);
  REQUIRE_FALSE(first.result);
  CHECK(first.result.error().name == "Lambda.TooManyRequestsException");
  auto second = remote.invoke(invocation(kReferenceArn, Json::object()), fake.context);
  REQUIRE_FALSE(second.result);
  CHECK(second.result.error().name == "Lambda.SdkClientException");
}

// Regression: with the call's timeout exactly the remaining time, the client's timeout and
// the state's deadline fired together, and under load the client's won: the state failed
// with Lambda.ClientExecutionTimeoutException instead of States.Timeout.
TEST_CASE("the call's timeout is the context's remaining time plus 1 s, after the deadline",
          "[remote]") {
  auto http = std::make_shared<aws::FakeHttpClient>();
  std::optional<double> timeout;
  http->set_handler([&](const aws::HttpRequest&, const aws::HttpLimits& limits) {
    timeout = limits.timeout_seconds;
    return Result<aws::HttpResponse>(ok("null"));
  });
  RemoteLambda remote(settings_with(http));
  FakeContext fake;
  fake.context.deadline = fake.clock.now() + Millis(42'500);
  auto outcome = remote.invoke(invocation(kReferenceArn, Json::object()), fake.context);
  REQUIRE(outcome.result);
  CHECK(*outcome.result == nullptr);
  REQUIRE(timeout);
  CHECK(*timeout == Approx(43.5));
}

// Regression (issue 14): a Task without TimeoutSeconds sent its request with no timeout at
// all, and a response of any size was read into memory.
TEST_CASE("without a deadline the call still ends: Lambda's 900 s plus 30 s, the body is capped",
          "[remote]") {
  auto http = std::make_shared<aws::FakeHttpClient>();
  std::optional<aws::HttpLimits> seen;
  http->set_handler([&](const aws::HttpRequest&, const aws::HttpLimits& limits) {
    seen = limits;
    return Result<aws::HttpResponse>(ok("null"));
  });
  RemoteLambda remote(settings_with(http));
  FakeContext fake;
  REQUIRE_FALSE(fake.context.deadline);
  auto outcome = remote.invoke(invocation(kReferenceArn, Json::object()), fake.context);
  REQUIRE(outcome.result);
  REQUIRE(seen);
  REQUIRE(seen->timeout_seconds);
  CHECK(*seen->timeout_seconds == Approx(930.0));
  CHECK(seen->max_body_bytes == std::optional<std::size_t>(7 * 1024 * 1024));

  http->set_handler([&](const aws::HttpRequest&, const aws::HttpLimits&) {
    return Result<aws::HttpResponse>(
        Error{"Http.ResponseTooLarge", "the response from 127.0.0.1:9001 exceeds 7340032 bytes"});
  });
  auto too_large = remote.invoke(invocation(kReferenceArn, Json::object()), fake.context);
  REQUIRE_FALSE(too_large.result);
  CHECK(too_large.result.error() ==
        Error{"Lambda.SdkClientException",
              "invoking arn:aws:lambda:eu-west-1:123456789012:function:etl-pipeline-function: the "
              "response from 127.0.0.1:9001 exceeds 7340032 bytes, more than Lambda's 6291456 "
              "byte limit on a synchronous response allows"});
}

TEST_CASE("other service integrations cannot run remotely either", "[remote]") {
  auto http = std::make_shared<aws::FakeHttpClient>();
  RemoteLambda remote(settings_with(http));
  FakeContext fake;
  auto outcome = remote.invoke(
      invocation("arn:aws:states:::sqs:sendMessage", Json::object(), "Notify"), fake.context);
  REQUIRE_FALSE(outcome.result);
  CHECK(outcome.result.error().name == "States.Runtime");
  CHECK_THAT(outcome.result.error().cause, Catch::Contains("state 'Notify' cannot run"));
  CHECK(http->requests().empty());
}

}  // namespace conflictctl::tasks

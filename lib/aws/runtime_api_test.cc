#include "aws/runtime_api.h"

#include <catch2/catch.hpp>

#include "aws/fake_http.h"
#include "core/json.h"

namespace conflictctl::aws {
namespace {

const char* kNext = "http://127.0.0.1:9001/2018-06-01/runtime/invocation/next";

HttpResponse next_response(HeaderList headers, std::string body = R"({"chunk":3})") {
  return HttpResponse{200, std::move(headers), std::move(body)};
}

TEST_CASE("RuntimeApi::next long-polls for the next event and reads its headers") {
  FakeHttpClient http;
  const RuntimeApi api(http, "127.0.0.1:9001");
  http.queue(next_response({{"Lambda-Runtime-Aws-Request-Id", "8f5"},
                            {"lambda-runtime-deadline-ms", "1709618828123"},
                            {"Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:1:function:f"},
                            {"Lambda-Runtime-Trace-Id", "Root=1-65e6"}}));
  const Result<RuntimeInvocation> next = api.next();
  REQUIRE(next);
  CHECK(next->request_id == "8f5");
  CHECK(format_timestamp(next->deadline) == "2024-03-05T06:07:08.123Z");
  CHECK(next->function_arn == "arn:aws:lambda:us-east-1:1:function:f");
  CHECK(next->trace_id == "Root=1-65e6");
  CHECK(next->event == R"({"chunk":3})");

  const HttpRequest sent = http.requests().at(0);
  CHECK(sent.method == "GET");
  CHECK(sent.url == kNext);

  SECTION("the optional headers may be absent") {
    http.queue(next_response({{"Lambda-Runtime-Aws-Request-Id", "9"}, {"Lambda-Runtime-Deadline-Ms", "0"}}, ""));
    const Result<RuntimeInvocation> minimal = api.next();
    REQUIRE(minimal);
    CHECK(minimal->function_arn == "");
    CHECK(minimal->trace_id == "");
    CHECK(minimal->event == "");
  }
}

// Regression (issue 14): a response body of any size was read into memory.
TEST_CASE("RuntimeApi caps the body it reads at 7 MiB") {
  FakeHttpClient http;
  const RuntimeApi api(http, "127.0.0.1:9001");
  std::optional<std::size_t> cap;
  http.set_handler([&](const HttpRequest&, const HttpLimits& limits) {
    cap = limits.max_body_bytes;
    return Result<HttpResponse>(
        Error{"Http.ResponseTooLarge", "the response from 127.0.0.1:9001 exceeds 7340032 bytes"});
  });
  const Result<RuntimeInvocation> next = api.next();
  REQUIRE_FALSE(next);
  CHECK(next.error().name == "Http.ResponseTooLarge");
  CHECK(cap == std::optional<std::size_t>(7 * 1024 * 1024));
}

TEST_CASE("RuntimeApi::next refuses an event it could not answer or time") {
  FakeHttpClient http;
  const RuntimeApi api(http, "127.0.0.1:9001");
  const std::pair<HeaderList, const char*> cases[] = {
      {{{"Lambda-Runtime-Deadline-Ms", "1709618828123"}}, "no Lambda-Runtime-Aws-Request-Id header"},
      {{{"Lambda-Runtime-Aws-Request-Id", "8f5"}}, "no Lambda-Runtime-Deadline-Ms header"},
      {{{"Lambda-Runtime-Aws-Request-Id", "8f5"}, {"Lambda-Runtime-Deadline-Ms", "17096188281.5"}},
       "Lambda-Runtime-Deadline-Ms is not a whole number of milliseconds"},
      // Found by runtime_event_fuzz: the runtime's deadline arithmetic overflowed on these.
      {{{"Lambda-Runtime-Aws-Request-Id", "8f5"}, {"Lambda-Runtime-Deadline-Ms", "-9223372036854775808"}},
       "Lambda-Runtime-Deadline-Ms is out of range (0 to 100000000000000 ms since 1970)"},
      {{{"Lambda-Runtime-Aws-Request-Id", "8f5"}, {"Lambda-Runtime-Deadline-Ms", "9223372036854775807"}},
       "Lambda-Runtime-Deadline-Ms is out of range (0 to 100000000000000 ms since 1970)"},
  };
  for (const auto& [headers, why] : cases) {
    http.queue(next_response(headers));
    const Result<RuntimeInvocation> next = api.next();
    REQUIRE_FALSE(next);
    CHECK(next.error() == Error{"Runtime.ApiError", std::string("/2018-06-01/runtime/invocation/next: ") + why});
  }
}

TEST_CASE("RuntimeApi::respond posts the result for the request id") {
  FakeHttpClient http;
  const RuntimeApi api(http, "localhost:9001");
  http.queue(HttpResponse{202, {}, R"({"status":"OK"})"});
  REQUIRE(api.respond("8f5-a", R"({"rows":42})"));
  const HttpRequest sent = http.requests().at(0);
  CHECK(sent.method == "POST");
  CHECK(sent.url == "http://localhost:9001/2018-06-01/runtime/invocation/8f5-a/response");
  CHECK(sent.body == R"({"rows":42})");
  CHECK(sent.headers == HeaderList{{"Content-Type", "application/json"}});
}

TEST_CASE("RuntimeApi::fail and init_error post an error document and its type header") {
  FakeHttpClient http;
  const RuntimeApi api(http, "localhost:9001");
  http.queue(HttpResponse{202, {}, ""});
  http.queue(HttpResponse{202, {}, ""});
  REQUIRE(api.fail("8f5", "ChunkEmpty", "no rows in \"chunk 3\""));
  REQUIRE(api.init_error("Runtime.ConfigError", "DATABASE_URL is not set"));

  const std::vector<HttpRequest> sent = http.requests();
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].url == "http://localhost:9001/2018-06-01/runtime/invocation/8f5/error");
  CHECK(sent[0].body == R"({"errorMessage":"no rows in \"chunk 3\"","errorType":"ChunkEmpty","stackTrace":[]})");
  CHECK(sent[0].headers ==
        HeaderList{{"Content-Type", "application/json"}, {"Lambda-Runtime-Function-Error-Type", "ChunkEmpty"}});
  CHECK(sent[1].method == "POST");
  CHECK(sent[1].url == "http://localhost:9001/2018-06-01/runtime/init/error");
  CHECK(sent[1].body ==
        R"({"errorMessage":"DATABASE_URL is not set","errorType":"Runtime.ConfigError","stackTrace":[]})");
  CHECK(HttpResponse{0, sent[1].headers, ""}.header("Lambda-Runtime-Function-Error-Type") == "Runtime.ConfigError");
}

TEST_CASE("RuntimeApi reports a refused call with its path, status and the start of the body") {
  FakeHttpClient http;
  const RuntimeApi api(http, "localhost:9001");

  http.queue(HttpResponse{400, {}, R"({"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"})"});
  Result<void> r = api.respond("gone", "{}");
  REQUIRE_FALSE(r);
  CHECK(r.error() == Error{"Runtime.ApiError",
                           "/2018-06-01/runtime/invocation/gone/response: HTTP 400: "
                           R"({"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"})"});

  http.queue(HttpResponse{413, {}, std::string(1000, 'x')});
  r = api.fail("8f5", "E", "m");
  REQUIRE_FALSE(r);
  CHECK(r.error().cause == "/2018-06-01/runtime/invocation/8f5/error: HTTP 413: " + std::string(200, 'x'));

  http.queue(HttpResponse{500, {}, "Container error"});
  r = api.init_error("E", "m");
  REQUIRE_FALSE(r);
  CHECK(r.error() == Error{"Runtime.ApiError", "/2018-06-01/runtime/init/error: HTTP 500: Container error"});

  http.queue(HttpResponse{500, {}, ""});
  const Result<RuntimeInvocation> next = api.next();
  REQUIRE_FALSE(next);
  CHECK(next.error() == Error{"Runtime.ApiError", "/2018-06-01/runtime/invocation/next: HTTP 500: "});
}

TEST_CASE("RuntimeApi keeps the name of a transport failure") {
  FakeHttpClient http;  // no handler: every request fails with Http.ConnectionFailed
  const RuntimeApi api(http, "localhost:9001");
  const Result<RuntimeInvocation> next = api.next();
  REQUIRE_FALSE(next);
  CHECK(next.error().name == "Http.ConnectionFailed");

  http.queue(Error{"Http.Timeout", "no complete response from localhost:9001 within 1 s"});
  const Result<void> r = api.respond("8f5", "{}");
  REQUIRE_FALSE(r);
  CHECK(r.error() == Error{"Http.Timeout", "no complete response from localhost:9001 within 1 s"});
}

}  // namespace
}  // namespace conflictctl::aws

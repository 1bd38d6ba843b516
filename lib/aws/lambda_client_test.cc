#include "aws/lambda_client.h"

#include <catch2/catch.hpp>

#include <map>

#include "aws/fake_http.h"
#include "aws/sigv4.h"

namespace conflictctl::aws {
namespace {

const Credentials kCredentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "", "test"};
const char* kToken = "FwoGZXIvYXdzEXAMPLE+/token==";
const Timestamp kNow = *parse_timestamp("2024-03-05T06:07:08Z");
const char* kPayload = R"({"chunk":3})";

HttpResponse response(int status, HeaderList headers, std::string body) {
  return HttpResponse{status, std::move(headers), std::move(body)};
}

struct Fixture {
  FakeHttpClient http;
  LambdaConfig config{kCredentials, "us-east-1", ""};

  Result<InvokeResponse> invoke(const std::string& function, const std::string& qualifier = "") {
    const LambdaClient client(http, config);
    return client.invoke(InvokeCall{function, qualifier, kPayload, std::nullopt, {}}, kNow);
  }
  HttpRequest only_request() const {
    const std::vector<HttpRequest> sent = http.requests();
    REQUIRE(sent.size() == 1);
    return sent.front();
  }
};

std::string header(const HttpRequest& request, const std::string& name) {
  return HttpResponse{0, request.headers, ""}.header(name).value_or("<absent>");
}

std::string percent_decode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// Signs the recorded request again, independently of the client's own steps, and compares.
void check_signature(const HttpRequest& sent, const Credentials& credentials, const std::string& region) {
  const std::string_view url = sent.url;
  const size_t path_start = url.find('/', url.find("://") + 3);
  const size_t query_start = url.find('?');
  Request request{sent.method, std::string(url.substr(path_start, query_start - path_start)), {}, {}, sent.body};
  if (query_start != std::string_view::npos) {
    const std::string_view query = url.substr(query_start + 1);
    const size_t equals = query.find('=');
    request.query.emplace_back(percent_decode(query.substr(0, equals)), percent_decode(query.substr(equals + 1)));
  }
  for (const auto& [name, value] : sent.headers)
    if (name != "Authorization" && !name.starts_with("x-amz-")) request.headers.emplace_back(name, value);
  Result<Signature> expected = sign(request, credentials, {region, "lambda"}, kNow);
  REQUIRE(expected);
  CHECK(header(sent, "Authorization") == expected->authorization);
}

TEST_CASE("LambdaClient sends a signed RequestResponse invoke with the log tail requested") {
  Fixture f;
  std::optional<double> seen_timeout;
  std::optional<CancellationToken> seen_cancel;
  f.http.set_handler([&](const HttpRequest&, const HttpLimits& limits) -> Result<HttpResponse> {
    seen_timeout = limits.timeout_seconds;
    seen_cancel = limits.cancel;
    return response(200, {}, "null");
  });
  CancellationSource cancel;
  const LambdaClient client(f.http, f.config);
  REQUIRE(client.invoke(InvokeCall{"conflict-report:live", "", kPayload, 12.5, cancel.token()}, kNow));

  const HttpRequest sent = f.only_request();
  CHECK(sent.method == "POST");
  CHECK(sent.url == "https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/conflict-report%3Alive/invocations");
  CHECK(sent.body == kPayload);
  std::vector<std::string> names;
  for (const auto& [name, value] : sent.headers) names.push_back(name);
  CHECK(names == std::vector<std::string>{"Host", "Content-Type", "X-Amz-Invocation-Type", "X-Amz-Log-Type",
                                          "x-amz-date", "x-amz-content-sha256", "Authorization"});
  CHECK(header(sent, "Host") == "lambda.us-east-1.amazonaws.com");
  CHECK(header(sent, "Content-Type") == "application/json");
  CHECK(header(sent, "X-Amz-Invocation-Type") == "RequestResponse");
  CHECK(header(sent, "X-Amz-Log-Type") == "Tail");
  CHECK(header(sent, "x-amz-date") == "20240305T060708Z");
  CHECK(header(sent, "x-amz-content-sha256") == sha256_hex(kPayload));
  CHECK(header(sent, "Authorization")
            .starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240305/us-east-1/lambda/aws4_request, "
                         "SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;"
                         "x-amz-invocation-type;x-amz-log-type, Signature="));
  check_signature(sent, kCredentials, "us-east-1");

  CHECK(seen_timeout == 12.5);
  REQUIRE(seen_cancel);
  CHECK_FALSE(seen_cancel->cancelled());
  cancel.cancel();
  CHECK(seen_cancel->cancelled());  // the caller's token reached the transport
}

TEST_CASE("LambdaClient sends the Qualifier as a query parameter and signs it") {
  Fixture f;
  f.http.queue(response(200, {}, "{}"));
  REQUIRE(f.invoke("conflict-report", "$LATEST"));
  const HttpRequest sent = f.only_request();
  CHECK(sent.url ==
        "https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/conflict-report/invocations?Qualifier=%24LATEST");
  check_signature(sent, kCredentials, "us-east-1");
}

TEST_CASE("LambdaClient sends a full ARN to the ARN's region and signs for it") {
  Fixture f;
  f.http.queue(response(200, {}, "{}"));
  REQUIRE(f.invoke("arn:aws:lambda:eu-west-1:123456789012:function:conflict-report:live"));
  const HttpRequest sent = f.only_request();
  CHECK(sent.url ==
        "https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/"
        "arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Aconflict-report%3Alive/invocations");
  CHECK(header(sent, "Host") == "lambda.eu-west-1.amazonaws.com");
  CHECK(header(sent, "Authorization").find("/20240305/eu-west-1/lambda/aws4_request,") != std::string::npos);
  check_signature(sent, kCredentials, "eu-west-1");

  SECTION("a region is needed only for the shorter forms") {
    Fixture none;
    none.config.region = "";
    none.http.queue(response(200, {}, "{}"));
    CHECK(none.invoke("arn:aws:lambda:ap-south-1:123456789012:function:f"));
    const Result<InvokeResponse> r = none.invoke("123456789012:function:f");
    REQUIRE_FALSE(r);
    CHECK(r.error() ==
          Error{"Aws.ConfigError", "no AWS region: set AWS_REGION or give the function as a full ARN"});
    CHECK(none.http.requests().size() == 1);
  }
}

TEST_CASE("LambdaClient sends to an endpoint override with its port in the Host header") {
  Fixture f;
  f.config.endpoint = "http://127.0.0.1:9001/";
  f.http.queue(response(200, {}, "{}"));
  REQUIRE(f.invoke("f"));
  const HttpRequest sent = f.only_request();
  CHECK(sent.url == "http://127.0.0.1:9001/2015-03-31/functions/f/invocations");
  CHECK(header(sent, "Host") == "127.0.0.1:9001");
  check_signature(sent, kCredentials, "us-east-1");

  f.config.endpoint = "localhost:9001";
  const Result<InvokeResponse> r = f.invoke("f");
  REQUIRE_FALSE(r);
  CHECK(r.error() == Error{"Aws.ConfigError", "the Lambda endpoint: \"localhost:9001\" is not a usable "
                                              "http(s) URL: no scheme (\"http://\" or \"https://\")"});
}

TEST_CASE("LambdaClient sends the session token of temporary credentials, signed") {
  Fixture f;
  f.config.credentials.session_token = kToken;
  f.http.queue(response(200, {}, "{}"));
  REQUIRE(f.invoke("f"));
  const HttpRequest sent = f.only_request();
  CHECK(header(sent, "x-amz-security-token") == kToken);
  CHECK(header(sent, "Authorization").find(";x-amz-security-token,") != std::string::npos);
  check_signature(sent, f.config.credentials, "us-east-1");
}

TEST_CASE("LambdaClient returns the payload, the response headers and the decoded log tail") {
  Fixture f;
  f.http.queue(response(200,
                        {{"X-Amz-Executed-Version", "7"},
                         {"x-amzn-RequestId", "8f5"},
                         {"X-Amz-Log-Result",
                          "U1RBUlQgUmVxdWVzdElkOiA4ZjUgVmVyc2lvbjogJExBVEVTVApsb2FkaW5nIGNodW5rIDMKRU5EIFJlcXVlc3RJZDogOGY1Cg=="}},
                        R"({"rows":42})"));
  const Result<InvokeResponse> r = f.invoke("f");
  REQUIRE(r);
  CHECK(r->status_code == 200);
  CHECK(r->function_error == "");
  CHECK(r->payload == R"({"rows":42})");
  CHECK(r->executed_version == "7");
  CHECK(r->request_id == "8f5");
  CHECK(r->log_tail == "START RequestId: 8f5 Version: $LATEST\nloading chunk 3\nEND RequestId: 8f5\n");
  CHECK(r->headers.size() == 3);

  // One, two or no padding characters decode to exactly the bytes sent (padding is optional);
  // text that is not base64, or a character left over, to nothing.
  const std::map<std::string, std::string> tails{{"YQ==", "a"}, {"YWI=", "ab"}, {"YWJj", "abc"}, {"!!!!", ""}, {"YW", "a"}, {"Y", ""}};
  for (const auto& [encoded, decoded] : tails) {
    f.http.queue(response(200, {{"x-amz-log-result", encoded}}, ""));
    const Result<InvokeResponse> tail = f.invoke("f");
    REQUIRE(tail);
    CHECK(tail->log_tail == decoded);
  }
}

TEST_CASE("LambdaClient returns a function error as a response, for function_result to name") {
  Fixture f;
  f.http.queue(response(200, {{"X-Amz-Function-Error", "Unhandled"}},
                        R"({"errorType":"Task02TimeoutError","errorMessage":"chunk 3 too slow"})"));
  const Result<InvokeResponse> r = f.invoke("f");
  REQUIRE(r);
  CHECK(r->function_error == "Unhandled");
  const Result<Json> result = function_result(*r);
  REQUIRE_FALSE(result);
  CHECK(result.error() == Error{"Task02TimeoutError", "chunk 3 too slow"});
}

TEST_CASE("LambdaClient names every refusal and transport failure as Step Functions does") {
  struct Case {
    const char* label;
    Result<HttpResponse> answer;
    Error expected;
  };
  const std::string token_in_message =
      std::string(R"({"message":"The request signature we calculated does not match. x-amz-security-token:)") +
      kToken + " secret " + kCredentials.secret_access_key + R"("})";
  const Case cases[] = {
      {"x-amzn-ErrorType with a suffix",
       response(429,
                {{"x-amzn-RequestId", "r1"},
                 {"x-amzn-ErrorType", "TooManyRequestsException:http://internal.amazon.com/coral/com.amazonaws.lambda/"}},
                R"({"Reason":"ReservedFunctionConcurrentInvocationLimitExceeded","Type":"User","message":"Rate Exceeded."})"),
       {"Lambda.TooManyRequestsException", "Rate Exceeded. (HTTP 429, request id r1)"}},
      {"body __type", response(400, {}, R"({"__type":"com.amazon.coral#InvalidRequestContentException","Message":"bad json"})"),
       {"Lambda.InvalidRequestContentException", "bad json (HTTP 400)"}},
      {"body Type", response(502, {}, R"({"Type":"EC2ThrottledException","message":"throttled"})"),
       {"Lambda.EC2ThrottledException", "throttled (HTTP 502)"}},
      {"500 without a type", response(500, {}, "<html>oops</html>"),
       {"Lambda.ServiceException", "the Lambda service refused the call (HTTP 500)"}},
      {"503 with only the blamed side", response(503, {}, R"({"Type":"Service","message":"unavailable"})"),
       {"Lambda.ServiceException", "unavailable (HTTP 503)"}},
      {"429 without a type", response(429, {}, ""),
       {"Lambda.TooManyRequestsException", "the Lambda service refused the call (HTTP 429)"}},
      {"404", response(404, {{"x-amzn-ErrorType", "ResourceNotFoundException"}},
                       R"({"Type":"User","message":"Function not found: arn:aws:lambda:us-east-1:1:function:f"})"),
       {"Lambda.ResourceNotFoundException", "Function not found: arn:aws:lambda:us-east-1:1:function:f (HTTP 404)"}},
      {"403 without a type", response(403, {}, "{}"),
       {"Lambda.AWSLambdaException", "the Lambda service refused the call (HTTP 403)"}},
      {"403 quoting the token", response(403, {{"x-amzn-ErrorType", "InvalidSignatureException"}}, token_in_message),
       {"Lambda.InvalidSignatureException",
        "The request signature we calculated does not match. x-amz-security-token:**** secret **** (HTTP 403)"}},
      {"connection refused", Error{"Http.ConnectionFailed", "lambda.us-east-1.amazonaws.com:443: Couldn't connect to server"},
       {"Lambda.SdkClientException",
        "invoking f: no response (Http.ConnectionFailed: lambda.us-east-1.amazonaws.com:443: Couldn't connect to server)"}},
      {"timeout", Error{"Http.Timeout", "no complete response from lambda.us-east-1.amazonaws.com:443 within 3 s"},
       {"Lambda.ClientExecutionTimeoutException",
        "invoking f: no complete response from lambda.us-east-1.amazonaws.com:443 within 3 s"}},
      {"cancelled", Error{"Http.Cancelled", "the request to lambda.us-east-1.amazonaws.com:443 was cancelled"},
       {"Lambda.SdkClientException",
        "invoking f was cancelled before the response: the request to lambda.us-east-1.amazonaws.com:443 was cancelled"}},
  };
  for (const Case& c : cases) {
    INFO(c.label);
    Fixture f;
    f.config.credentials.session_token = kToken;
    f.http.queue(c.answer);
    const Result<InvokeResponse> r = f.invoke("f");
    REQUIRE_FALSE(r);
    CHECK(r.error() == c.expected);
    CHECK(r.error().cause.find(kToken) == std::string::npos);
    CHECK(r.error().cause.find(kCredentials.secret_access_key) == std::string::npos);
    CHECK(r.error().cause.find("Signature=") == std::string::npos);
  }
}

InvokeResponse function_returned(std::string function_error, std::string payload) {
  InvokeResponse out;
  out.status_code = 200;
  out.function_error = std::move(function_error);
  out.payload = std::move(payload);
  return out;
}

TEST_CASE("function_result gives the function's result or its error under the name it threw") {
  Result<Json> r = function_result(function_returned("", R"({"rows":42,"chunks":[1,2]})"));
  REQUIRE(r);
  CHECK(*r == Json::parse(R"({"rows":42,"chunks":[1,2]})"));
  CHECK(r->begin().key() == "rows");  // order kept

  r = function_result(function_returned("", ""));
  REQUIRE(r);
  CHECK(r->is_null());

  r = function_result(function_returned("", "rows: 42"));
  REQUIRE_FALSE(r);
  CHECK(r.error() == Error{"Lambda.SdkClientException", "the function returned a payload that is not JSON (8 bytes)"});

  r = function_result(function_returned(
      "Handled", R"({"errorMessage":"no rows","errorType":"ChunkEmpty","stackTrace":["a.py:3"]})"));
  REQUIRE_FALSE(r);
  CHECK(r.error() == Error{"ChunkEmpty", "no rows"});

  const char* crash = R"({"errorMessage":"RequestId: 8f5 Error: Runtime exited with error: signal: killed"})";
  r = function_result(function_returned("Unhandled", crash));
  REQUIRE_FALSE(r);
  CHECK(r.error() == Error{"Lambda.Unknown", crash});

  r = function_result(function_returned("Unhandled", "Segmentation fault"));
  REQUIRE_FALSE(r);
  CHECK(r.error() == Error{"Lambda.Unknown", "Segmentation fault"});
}

std::string nested_arrays(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

TEST_CASE("a payload nested 100,000 deep is an error, not a value that overflows the stack") {
  const std::string deep = nested_arrays(100000);
  Result<Json> r = function_result(function_returned("", deep));
  REQUIRE_FALSE(r);
  CHECK(r.error() == Error{"Lambda.SdkClientException",
                           "the function returned a payload nested more than 512 levels deep "
                           "(200000 bytes)"});

  // An error document that deep names no errorType: Lambda.Unknown with the payload as cause.
  r = function_result(function_returned("Unhandled", deep));
  REQUIRE_FALSE(r);
  CHECK(r.error().name == "Lambda.Unknown");

  // A number out of a double's range is not JSON here either (it used to be nlohmann's to say).
  r = function_result(function_returned("", "[1e400]"));
  REQUIRE_FALSE(r);
  CHECK(r.error() == Error{"Lambda.SdkClientException",
                           "the function returned a payload that is not JSON (7 bytes)"});
}

TEST_CASE("decode_invoke_response reads a 2xx answer and names a refusal, whatever its body") {
  HttpResponse ok{200, {{"X-Amz-Function-Error", "Unhandled"}, {"x-amzn-RequestId", "r-1"}}, "{}"};
  Result<InvokeResponse> r = decode_invoke_response(ok, Credentials{});
  REQUIRE(r);
  CHECK(r->function_error == "Unhandled");
  CHECK(r->request_id == "r-1");
  CHECK(r->payload == "{}");

  // A refusal whose body nests 100,000 deep: the default message, no crash.
  HttpResponse refused{500, {}, nested_arrays(100000)};
  r = decode_invoke_response(refused, Credentials{});
  REQUIRE_FALSE(r);
  CHECK(r.error() == Error{"Lambda.ServiceException",
                           "the Lambda service refused the call (HTTP 500)"});
}

TEST_CASE("endpoint_from_environment prefers AWS_ENDPOINT_URL_LAMBDA to AWS_ENDPOINT_URL") {
  std::map<std::string, std::string> variables;
  const AwsEnvironment env{[&](const std::string& name) -> std::optional<std::string> {
                             auto it = variables.find(name);
                             if (it == variables.end()) return std::nullopt;
                             return it->second;
                           },
                           [](const std::string&) { return std::optional<std::string>(); }};
  CHECK(endpoint_from_environment(env) == "");
  variables["AWS_ENDPOINT_URL"] = "http://localhost:4566";
  CHECK(endpoint_from_environment(env) == "http://localhost:4566");
  variables["AWS_ENDPOINT_URL_LAMBDA"] = "http://127.0.0.1:9001";
  CHECK(endpoint_from_environment(env) == "http://127.0.0.1:9001");
  variables["AWS_ENDPOINT_URL_LAMBDA"] = "";  // set but empty counts as unset
  CHECK(endpoint_from_environment(env) == "http://localhost:4566");
}

}  // namespace
}  // namespace conflictctl::aws

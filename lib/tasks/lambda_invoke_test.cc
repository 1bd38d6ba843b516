#include "tasks/lambda_invoke.h"

#include <catch2/catch.hpp>

using namespace conflictctl;
using namespace conflictctl::tasks;

TEST_CASE("lambda:invoke Parameters give the function and its event", "[lambda_invoke]") {
  // AWS example: the callback pattern's Parameters.
  Json parameters = Json::parse(R"({
    "FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:get-model-review-decision",
    "Payload": {"model": "m-1", "token": "t"},
    "Qualifier": "prod-v1"})");
  Result<InvokeRequest> request = parse_invoke_parameters(parameters);
  REQUIRE(request.ok());
  CHECK(request->function == asl::FunctionRef{"get-model-review-decision", "prod-v1"});
  CHECK(request->payload == Json::parse(R"({"model": "m-1", "token": "t"})"));
}

TEST_CASE("lambda:invoke without Payload sends an empty object", "[lambda_invoke]") {
  Result<InvokeRequest> request = parse_invoke_parameters(Json{{"FunctionName", "MyFunction"}});
  REQUIRE(request.ok());
  CHECK(request->function == asl::FunctionRef{"MyFunction", ""});
  CHECK(request->payload == Json::object());
}

TEST_CASE("a Payload of any JSON type is passed as is", "[lambda_invoke]") {
  Result<InvokeRequest> request =
      parse_invoke_parameters(Json{{"FunctionName", "F"}, {"Payload", 42}});
  REQUIRE(request.ok());
  CHECK(request->payload == 42);
}

TEST_CASE("bad lambda:invoke Parameters are States.Runtime errors", "[lambda_invoke]") {
  auto cause = [](const Json& parameters) {
    Result<InvokeRequest> request = parse_invoke_parameters(parameters);
    REQUIRE_FALSE(request.ok());
    CHECK(request.error().name == "States.Runtime");
    return request.error().cause;
  };
  CHECK(cause(Json::array()) == "lambda:invoke needs Parameters: an object with a FunctionName");
  CHECK(cause(Json{{"Payload", 1}}) == "lambda:invoke Parameters need a FunctionName string");
  CHECK(cause(Json{{"FunctionName", "F:live"}, {"Qualifier", "prod"}}) ==
        "lambda:invoke Qualifier 'prod' contradicts the qualifier 'live' in FunctionName");
  CHECK(cause(Json{{"FunctionName", "F"}, {"InvocationType", "Event"}}) ==
        "lambda:invoke InvocationType \"Event\" is not supported locally; only RequestResponse "
        "runs the function and waits for its result");
  CHECK(parse_invoke_parameters(Json{{"FunctionName", "F"}, {"InvocationType", "RequestResponse"}})
            .ok());
}

TEST_CASE("the Invoke response nests the function output in AWS's metadata",
          "[lambda_invoke]") {
  // From an AWS lambda:invoke result: Payload {"statusCode":200,"body":"{\"randomNumber\":579}"}
  // returned with "Content-Length": "50" and "Date": "Tue, 23 Jul 2024 04:09:56 GMT".
  Json payload = Json::parse(R"({"statusCode": 200, "body": "{\"randomNumber\":579}"})");
  InvokeMetadata metadata{"$LATEST", "b37f1999-9659-4b55-abe3-83fd6d2862b2",
                          *parse_timestamp("2024-07-23T04:09:56Z")};
  Json response = make_invoke_response(payload, metadata);

  std::vector<std::string> keys;
  for (const auto& [key, value] : response.items()) keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"ExecutedVersion", "Payload", "SdkHttpMetadata",
                                         "SdkResponseMetadata", "StatusCode"});
  CHECK(response["ExecutedVersion"] == "$LATEST");
  CHECK(response["Payload"] == payload);
  CHECK(response["StatusCode"] == 200);
  CHECK(response["SdkResponseMetadata"] ==
        Json{{"RequestId", "b37f1999-9659-4b55-abe3-83fd6d2862b2"}});

  const Json& http = response["SdkHttpMetadata"];
  CHECK(http["HttpStatusCode"] == 200);
  CHECK(http["HttpHeaders"] == Json::parse(R"({
    "Connection": "keep-alive",
    "Content-Length": "50",
    "Content-Type": "application/json",
    "Date": "Tue, 23 Jul 2024 04:09:56 GMT",
    "X-Amz-Executed-Version": "$LATEST",
    "x-amzn-Remapped-Content-Length": "0",
    "x-amzn-RequestId": "b37f1999-9659-4b55-abe3-83fd6d2862b2"})"));
  CHECK(http["AllHttpHeaders"]["Content-Length"] == Json::array({"50"}));
  CHECK(http["AllHttpHeaders"]["Date"] == Json::array({"Tue, 23 Jul 2024 04:09:56 GMT"}));
  CHECK(http["AllHttpHeaders"]["x-amzn-RequestId"] ==
        Json::array({"b37f1999-9659-4b55-abe3-83fd6d2862b2"}));
}

TEST_CASE("HTTP dates use the IMF-fixdate form", "[lambda_invoke]") {
  // Dates as they appear in AWS Invoke responses.
  CHECK(http_date(*parse_timestamp("2024-06-09T23:52:46Z")) == "Sun, 09 Jun 2024 23:52:46 GMT");
  CHECK(http_date(*parse_timestamp("2022-03-07T04:55:07.900Z")) ==
        "Mon, 07 Mar 2022 04:55:07 GMT");
  CHECK(http_date(*parse_timestamp("2024-02-29T00:00:00Z")) == "Thu, 29 Feb 2024 00:00:00 GMT");
}

TEST_CASE("ExecutedVersion is a numeric qualifier, else $LATEST", "[lambda_invoke]") {
  CHECK(executed_version(asl::FunctionRef{"F", ""}) == "$LATEST");
  CHECK(executed_version(asl::FunctionRef{"F", "7"}) == "7");
  CHECK(executed_version(asl::FunctionRef{"F", "prod"}) == "$LATEST");
  CHECK(executed_version(asl::FunctionRef{"F", "$LATEST"}) == "$LATEST");
}

TEST_CASE("request ids are UUID-shaped and reproducible", "[lambda_invoke]") {
  std::string id = make_request_id("execution-1|Load|0");
  // 8-4-4-4-12 lower-case hex digits.
  REQUIRE(id.size() == 36);
  for (std::size_t i = 0; i < id.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    char c = id[i];
    CHECK((dash ? c == '-' : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')));
  }
  CHECK(make_request_id("execution-1|Load|0") == id);
  CHECK(make_request_id("execution-1|Load|1") != id);
}

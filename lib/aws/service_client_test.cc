#include "aws/service_client.h"

#include <catch2/catch.hpp>

#include <map>

#include "aws/endpoints.h"
#include "aws/execution_wait.h"
#include "aws/fake_http.h"
#include "aws/lambda_functions.h"
#include "aws/step_functions.h"

namespace conflictctl::aws {
namespace {

const Credentials kCredentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                               "", "test"};
const StateMachineSettings kMachine{"m", "{}", "r", "STANDARD", std::nullopt};
const Timestamp kStart = *parse_timestamp("2026-12-06T05:00:00Z");

AwsEnvironment environment(std::map<std::string, std::string> variables) {
  return AwsEnvironment{
      [variables](const std::string& name) -> std::optional<std::string> {
        auto it = variables.find(name);
        if (it == variables.end()) return std::nullopt;
        return it->second;
      },
      [](const std::string&) -> std::optional<std::string> { return std::nullopt; }};
}

std::string header(const HttpRequest& request, const std::string& name) {
  return HttpResponse{0, request.headers, ""}.header(name).value_or("<absent>");
}

struct Fixture {
  FakeHttpClient http;
  VirtualClock clock{kStart};

  ServiceClient client(Service service) {
    return ServiceClient(http, clock, service,
                         ServiceConfig{kCredentials, "eu-west-1", "http://127.0.0.1:4566", {}});
  }
};

TEST_CASE("service endpoints are found as the AWS CLI finds them") {
  const auto endpoint = [](std::map<std::string, std::string> variables, Service service) {
    Result<std::string> found = service_endpoint(environment(variables), service, "eu-west-1");
    return found ? *found : found.error().cause;
  };
  CHECK(endpoint({}, Service::kLambda) == "https://lambda.eu-west-1.amazonaws.com");
  CHECK(endpoint({}, Service::kStepFunctions) == "https://states.eu-west-1.amazonaws.com");
  CHECK(endpoint({}, Service::kSecretsManager) ==
        "https://secretsmanager.eu-west-1.amazonaws.com");
  CHECK(endpoint({}, Service::kScheduler) == "https://scheduler.eu-west-1.amazonaws.com");

  const std::map<std::string, std::string> all{
      {"AWS_ENDPOINT_URL", "http://localhost:4566"},
      {"AWS_ENDPOINT_URL_LAMBDA", "http://localhost:9001"},
      {"AWS_ENDPOINT_URL_SFN", "http://localhost:8083"},
      {"AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://localhost:9002"},
      {"AWS_ENDPOINT_URL_SCHEDULER", ""}};
  CHECK(endpoint(all, Service::kLambda) == "http://localhost:9001");
  CHECK(endpoint(all, Service::kStepFunctions) == "http://localhost:8083");
  CHECK(endpoint(all, Service::kSecretsManager) == "http://localhost:9002");
  // An empty service variable counts as unset: the global one applies.
  CHECK(endpoint(all, Service::kScheduler) == "http://localhost:4566");

  auto ignored = all;
  ignored["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true";
  CHECK(endpoint(ignored, Service::kStepFunctions) == "https://states.eu-west-1.amazonaws.com");

  const Result<std::string> none = service_endpoint(environment({}), Service::kStepFunctions, "");
  REQUIRE_FALSE(none);
  CHECK(none.error() == Error{"Aws.ConfigError",
                              "no AWS region for Step Functions: set AWS_REGION (or "
                              "AWS_DEFAULT_REGION, or region in the profile)"});
}

TEST_CASE("a Step Functions call is awsJson1_0 with X-Amz-Target, signed for states") {
  Fixture f;
  f.http.queue(HttpResponse{200, {}, R"({
    "stateMachineArn": "arn:aws:states:eu-west-1:1:stateMachine:m",
    "name": "m", "definition": "{}", "roleArn": "r", "type": "EXPRESS"})"});
  const ServiceClient client = f.client(Service::kStepFunctions);
  Result<std::optional<DeployedStateMachine>> found =
      StepFunctions(client).describe("arn:aws:states:eu-west-1:1:stateMachine:m");
  REQUIRE(found);
  REQUIRE(found->has_value());
  CHECK((*found)->settings.type == "EXPRESS");
  const HttpRequest sent = f.http.requests().at(0);
  CHECK(sent.method == "POST");
  CHECK(sent.url == "http://127.0.0.1:4566/");
  CHECK(header(sent, "X-Amz-Target") == "AWSStepFunctions.DescribeStateMachine");
  CHECK(header(sent, "Content-Type") == "application/x-amz-json-1.0");
  CHECK(header(sent, "Host") == "127.0.0.1:4566");
  CHECK(header(sent, "Authorization").find("/eu-west-1/states/aws4_request") !=
        std::string::npos);
  CHECK(sent.body == R"({"stateMachineArn":"arn:aws:states:eu-west-1:1:stateMachine:m"})");
}

TEST_CASE("a missing state machine or function is nullopt, not an error") {
  Fixture f;
  f.http.queue(HttpResponse{400, {}, R"({
    "__type": "com.amazonaws.swf.service.v2.model#StateMachineDoesNotExist",
    "message": "State Machine Does Not Exist"})"});
  f.http.queue(HttpResponse{404, {{"x-amzn-ErrorType", "ResourceNotFoundException"}},
                            R"({"Type": "User", "message": "Function not found"})"});
  const ServiceClient sfn = f.client(Service::kStepFunctions);
  const ServiceClient lambda = f.client(Service::kLambda);
  Result<std::optional<DeployedStateMachine>> machine = StepFunctions(sfn).describe("arn:x");
  REQUIRE(machine);
  CHECK_FALSE(machine->has_value());
  Result<std::optional<DeployedFunction>> function = LambdaFunctions(lambda).get("my-fn");
  REQUIRE(function);
  CHECK_FALSE(function->has_value());
  CHECK(f.http.requests().at(1).url ==
        "http://127.0.0.1:4566/2015-03-31/functions/my-fn/configuration");
  CHECK(f.http.requests().at(1).method == "GET");
}

TEST_CASE("AWS's error names reach the user as clear messages, secrets redacted") {
  Fixture f;
  const ServiceClient lambda = f.client(Service::kLambda);
  f.http.queue(HttpResponse{403, {{"x-amzn-ErrorType", "AccessDeniedException"},
                                  {"x-amzn-RequestId", "req-1"}},
                            R"({"Message": "User is not authorized"})"});
  Result<std::optional<DeployedFunction>> denied = LambdaFunctions(lambda).get("f");
  REQUIRE_FALSE(denied);
  CHECK(denied.error() ==
        Error{"Aws.AccessDeniedException",
              "Lambda GetFunctionConfiguration: User is not authorized (HTTP 403, request id "
              "req-1); the credentials need the IAM permission lambda:GetFunctionConfiguration "
              "(`conflictctl deploy --print-policy` prints the policies)"});

  f.http.queue(HttpResponse{409, {{"x-amzn-ErrorType", "ResourceConflictException"}},
                            R"({"Type": "User", "message": "An update is in progress"})"});
  Result<DeployedFunction> conflict =
      LambdaFunctions(lambda).update_configuration(FunctionSettings{
          "f", "r", "provided.al2023", "h", 900, 128, "x86_64", std::nullopt});
  REQUIRE_FALSE(conflict);
  CHECK(conflict.error() ==
        Error{"Aws.ResourceConflictException",
              "Lambda UpdateFunctionConfiguration: An update is in progress (HTTP 409); another "
              "change to the function is still in progress: run the command again"});

  f.http.queue(HttpResponse{403, {}, std::string(R"({"__type": "InvalidSignatureException", )") +
                                         R"("message": "expected secret )" +
                                         kCredentials.secret_access_key + R"("})"});
  const ServiceClient sfn = f.client(Service::kStepFunctions);
  Result<std::string> bad = StepFunctions(sfn).create(kMachine);
  REQUIRE_FALSE(bad);
  CHECK(bad.error() ==
        Error{"Aws.InvalidSignatureException",
              "Step Functions CreateStateMachine: expected secret **** (HTTP 403); check the "
              "credentials (AWS_ACCESS_KEY_ID, AWS_PROFILE) and the machine's clock"});
}

TEST_CASE("throttling is retried with doubling backoff on the clock, then reported") {
  Fixture f;
  const ServiceClient sfn = f.client(Service::kStepFunctions);
  const HttpResponse throttled{
      400, {}, R"({"__type": "ThrottlingException", "message": "Rate exceeded"})"};
  f.http.queue(throttled);
  f.http.queue(HttpResponse{503, {}, ""});
  f.http.queue(HttpResponse{200, {}, R"({"stateMachineArn": "arn:new"})"});
  Result<std::string> created = StepFunctions(sfn).create(kMachine);
  REQUIRE(created);
  CHECK(*created == "arn:new");
  CHECK(f.http.requests().size() == 3);
  CHECK(f.clock.now() - kStart == Millis{500 + 1000});  // 0.5 s, then 1 s

  // Every attempt throttled: five in all (0.5 + 1 + 2 + 4 s of waits), then the error.
  Fixture g;
  const ServiceClient lambda = g.client(Service::kLambda);
  g.http.set_handler([](const HttpRequest&, const HttpLimits&) -> Result<HttpResponse> {
    return HttpResponse{429, {{"x-amzn-ErrorType", "TooManyRequestsException"}},
                        R"({"message": "Rate exceeded"})"};
  });
  Result<std::optional<DeployedFunction>> gave_up = LambdaFunctions(lambda).get("f");
  REQUIRE_FALSE(gave_up);
  CHECK(gave_up.error() == Error{"Aws.TooManyRequestsException",
                                 "Lambda GetFunctionConfiguration: Rate exceeded (HTTP 429) "
                                 "after 5 attempts"});
  CHECK(g.http.requests().size() == 5);
  CHECK(g.clock.now() - kStart == Millis{7500});
}

TEST_CASE("a client error is not retried, a transport failure is, then reported") {
  Fixture f;
  const ServiceClient lambda = f.client(Service::kLambda);
  f.http.queue(HttpResponse{400, {{"x-amzn-ErrorType", "InvalidParameterValueException"}},
                            R"({"message": "Timeout must be between 1 and 900 seconds."})"});
  Result<DeployedFunction> bad = LambdaFunctions(lambda).update_configuration(
      FunctionSettings{"f", "r", "provided.al2023", "h", 901, 128, "x86_64", std::nullopt});
  REQUIRE_FALSE(bad);
  CHECK(bad.error().name == "Aws.InvalidParameterValueException");
  CHECK(f.http.requests().size() == 1);

  Fixture g;  // no handler: every request fails with Http.ConnectionFailed
  const ServiceClient sfn = g.client(Service::kStepFunctions);
  Result<std::string> none = StepFunctions(sfn).create(kMachine);
  REQUIRE_FALSE(none);
  CHECK(none.error().name == "Aws.NoResponse");
  CHECK(none.error().cause.rfind("Step Functions CreateStateMachine: ", 0) == 0);
  CHECK(g.http.requests().size() == 5);
}

TEST_CASE("CreateFunction sends the zip base64-encoded and the settings Lambda names") {
  Fixture f;
  f.http.queue(HttpResponse{201, {}, R"({"FunctionName": "fn", "FunctionArn": "arn:fn",
    "Role": "r", "Runtime": "provided.al2023", "Handler": "conflict-report", "Timeout": 900,
    "MemorySize": 2048, "Architectures": ["arm64"], "CodeSha256": "x", "State": "Active"})"});
  const ServiceClient lambda = f.client(Service::kLambda);
  Result<DeployedFunction> created = LambdaFunctions(lambda).create(
      FunctionSettings{"fn", "r", "provided.al2023", "conflict-report", 900, 2048, "arm64",
                       std::nullopt},
      "PK zip");
  REQUIRE(created);
  CHECK(created->settings.architecture == "arm64");
  CHECK(created->settings.memory_mb == 2048);
  const HttpRequest sent = f.http.requests().at(0);
  CHECK(sent.url == "http://127.0.0.1:4566/2015-03-31/functions");
  CHECK(Json::parse(sent.body) ==
        Json::parse(R"({"Role": "r", "Runtime": "provided.al2023", "Handler": "conflict-report",
          "Timeout": 900, "MemorySize": 2048, "FunctionName": "fn", "Architectures": ["arm64"],
          "PackageType": "Zip", "Code": {"ZipFile": "UEsgemlw"}})"));
  CHECK(code_sha256("") == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
}

TEST_CASE("GetExecutionHistory follows nextToken to the last page") {
  Fixture f;
  f.http.queue(HttpResponse{200, {}, R"({"events": [{"id": 1}, {"id": 2}], "nextToken": "t2"})"});
  f.http.queue(HttpResponse{200, {}, R"({"events": [{"id": 3}], "nextToken": "t3"})"});
  f.http.queue(HttpResponse{200, {}, R"({"events": []})"});
  const ServiceClient sfn = f.client(Service::kStepFunctions);
  Result<Json> history = StepFunctions(sfn).execution_history("arn:e", 2);
  REQUIRE(history);
  CHECK(history->dump() == R"({"events":[{"id":1},{"id":2},{"id":3}]})");
  std::vector<HttpRequest> sent = f.http.requests();
  REQUIRE(sent.size() == 3);
  CHECK(Json::parse(sent[0].body) == Json::parse(R"({"executionArn":"arn:e","maxResults":2})"));
  CHECK(Json::parse(sent[1].body) ==
        Json::parse(R"({"executionArn":"arn:e","maxResults":2,"nextToken":"t2"})"));
  CHECK(Json::parse(sent[2].body) ==
        Json::parse(R"({"executionArn":"arn:e","maxResults":2,"nextToken":"t3"})"));
}

TEST_CASE("GetExecutionHistory refuses a token that repeats, and a page without events") {
  Fixture f;
  f.http.queue(HttpResponse{200, {}, R"({"events": [], "nextToken": "same"})"});
  f.http.queue(HttpResponse{200, {}, R"({"events": [], "nextToken": "same"})"});
  f.http.queue(HttpResponse{200, {}, R"({"nextToken": "x"})"});
  const ServiceClient sfn = f.client(Service::kStepFunctions);
  Result<Json> looping = StepFunctions(sfn).execution_history("arn:e");
  REQUIRE(!looping);
  CHECK(looping.error().cause ==
        "Step Functions GetExecutionHistory: the same nextToken twice");
  Result<Json> empty = StepFunctions(sfn).execution_history("arn:e");
  REQUIRE(!empty);
  CHECK(empty.error().cause ==
        "Step Functions GetExecutionHistory: no events array in the answer");
}

TEST_CASE("StartExecution and DescribeExecution") {
  Fixture f;
  f.http.queue(HttpResponse{200, {}, R"({"executionArn": "arn:e", "startDate": 1.5})"});
  f.http.queue(HttpResponse{200, {}, R"({"executionArn": "arn:e", "stateMachineArn": "arn:m",
      "name": "e", "status": "FAILED", "error": "Task.Failed", "cause": "boom",
      "startDate": 1.5, "stopDate": 2})"});
  const ServiceClient sfn = f.client(Service::kStepFunctions);
  Result<std::string> started = StepFunctions(sfn).start_execution("arn:m", R"({"a":1})");
  REQUIRE(started);
  CHECK(*started == "arn:e");
  CHECK(Json::parse(f.http.requests()[0].body) ==
        Json::parse(R"({"stateMachineArn":"arn:m","input":"{\"a\":1}"})"));
  CHECK(header(f.http.requests()[0], "X-Amz-Target") == "AWSStepFunctions.StartExecution");
  Result<ExecutionDescription> described = StepFunctions(sfn).describe_execution("arn:e");
  REQUIRE(described);
  CHECK(described->status == "FAILED");
  CHECK(described->error == "Task.Failed");
  CHECK(described->cause == "boom");
  CHECK(described->state_machine_arn == "arn:m");
}

TEST_CASE("RedriveExecution sends the execution's ARN, and AWS's refusal is its error") {
  Fixture f;
  f.http.queue(HttpResponse{200, {}, R"({"redriveDate": 1765000000.5})"});
  f.http.queue(HttpResponse{400, {}, R"({"__type":
      "com.amazonaws.swf.service.v2.model#ExecutionNotRedrivable",
      "message": "Execution is SUCCEEDED and cannot be redriven."})"});
  const ServiceClient sfn = f.client(Service::kStepFunctions);
  REQUIRE(StepFunctions(sfn).redrive_execution("arn:aws:states:eu-west-1:1:execution:m:e1"));
  CHECK(header(f.http.requests()[0], "X-Amz-Target") == "AWSStepFunctions.RedriveExecution");
  CHECK(Json::parse(f.http.requests()[0].body) ==
        Json{{"executionArn", "arn:aws:states:eu-west-1:1:execution:m:e1"}});
  Result<void> refused = StepFunctions(sfn).redrive_execution("arn:e");
  REQUIRE(!refused);
  CHECK(refused.error().name == "Aws.ExecutionNotRedrivable");
  CHECK(refused.error().cause ==
        "Step Functions RedriveExecution: Execution is SUCCEEDED and cannot be redriven. (HTTP "
        "400)");
  CHECK(f.http.requests().size() == 2);  // a refusal is not retried
}

struct RecordedSteps final : StepObserver {
  std::vector<std::string> seen;
  void started(std::string_view step) override { seen.push_back("started " + std::string(step)); }
  void finished(std::string_view step, std::string_view result) override {
    seen.push_back("finished " + std::string(step) + ": " + std::string(result));
  }
};

TEST_CASE("waiting for an execution polls DescribeExecution through the Clock") {
  Fixture f;
  const std::string running = R"({"executionArn": "arn:aws:states:eu-west-1:1:execution:m:e1",
      "status": "RUNNING"})";
  f.http.queue(HttpResponse{200, {}, running});
  f.http.queue(HttpResponse{200, {}, running});
  f.http.queue(HttpResponse{200, {}, R"({"status": "TIMED_OUT"})"});
  const ServiceClient sfn = f.client(Service::kStepFunctions);
  RecordedSteps steps;
  Result<ExecutionDescription> ended = wait_for_execution(
      StepFunctions(sfn), "arn:aws:states:eu-west-1:1:execution:m:e1", f.clock, Millis{2000},
      &steps);
  REQUIRE(ended);
  CHECK(ended->status == "TIMED_OUT");
  CHECK(f.http.requests().size() == 3);
  CHECK(f.clock.now() - kStart == Millis{4000});
  CHECK(steps.seen == std::vector<std::string>{
                          "started e1 on AWS Step Functions",
                          "finished e1 on AWS Step Functions: TIMED_OUT"});
}

TEST_CASE("waiting ends with the error of a refused DescribeExecution") {
  Fixture f;
  f.http.queue(HttpResponse{400, {}, R"({"__type":
      "com.amazonaws.swf.service.v2.model#ExecutionDoesNotExist", 
      "message": "Execution Does Not Exist: 'arn:x'"})"});
  const ServiceClient sfn = f.client(Service::kStepFunctions);
  Result<ExecutionDescription> ended = wait_for_execution(StepFunctions(sfn), "arn:x", f.clock);
  REQUIRE(!ended);
  CHECK(ended.error().name == "Aws.ExecutionDoesNotExist");
  CHECK(f.clock.now() == kStart);
}

}  // namespace
}  // namespace conflictctl::aws

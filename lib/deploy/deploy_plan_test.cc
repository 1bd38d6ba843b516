#include "deploy/deploy_plan.h"

#include <catch2/catch.hpp>

#include "aws/fake_http.h"

namespace conflictctl::deploy {
namespace {

const aws::Credentials kCredentials{"AKIDEXAMPLE", "secret/EXAMPLEKEY", "", "test"};

TEST_CASE("fill_arns fills REGION and ACCOUNT_ID in Lambda ARNs, nothing else") {
  const std::string definition = R"({"StartAt": "A", "States": {
    "A": {"Type": "Task", "Resource": "arn:aws:lambda:REGION:ACCOUNT_ID:function:f", "Next": "B"},
    "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "arn:aws:lambda:eu-west-1:ACCOUNT_ID:function:g:live",
                         "Payload.$": "$"}, "Next": "C"},
    "C": {"Type": "Pass", "Result": "REGION", "End": true}}})";
  Result<std::string> filled = fill_arns(definition, "us-east-1", "123456789012");
  REQUIRE(filled);
  const Json document = Json::parse(*filled);
  CHECK(document["States"]["A"]["Resource"] ==
        "arn:aws:lambda:us-east-1:123456789012:function:f");
  CHECK(document["States"]["B"]["Resource"] == "arn:aws:states:::lambda:invoke");
  CHECK(document["States"]["B"]["Parameters"]["FunctionName"] ==
        "arn:aws:lambda:eu-west-1:123456789012:function:g:live");
  CHECK(document["States"]["C"]["Result"] == "REGION");
  CHECK(fill_arns("[1]", "us-east-1", "1").error() ==
        Error{"Deploy.InvalidDefinition", "the definition is not a JSON object"});
}

struct Fixture {
  aws::FakeHttpClient http;
  VirtualClock clock{Timestamp{}};
  aws::ServiceClient lambda_client{http, clock, aws::Service::kLambda,
                                   {kCredentials, "us-east-1", "http://127.0.0.1:1", {}}};
  aws::ServiceClient sfn_client{http, clock, aws::Service::kStepFunctions,
                                {kCredentials, "us-east-1", "http://127.0.0.1:1", {}}};
  LocalPipeline local{
      {aws::FunctionSettings{"fn", "", "provided.al2023", "conflict-report", 600, 2048,
                             "x86_64", std::nullopt}},
      "NEW=",
      aws::StateMachineSettings{"daily", R"({"StartAt":"A","States":{"A":{"Type":"Pass",)"
                                         R"("End":true,"Comment":"new"}}})",
                                "", "STANDARD", std::nullopt},
      "arn:aws:states:us-east-1:123456789012:stateMachine:daily"};
};

TEST_CASE("the plan lists each drifted field, the definition's by JSON Pointer") {
  Fixture f;
  f.http.queue(aws::HttpResponse{200, {}, R"({"FunctionName": "fn", "Role": "arn:role/fn",
    "Runtime": "provided.al2023", "Handler": "conflict-report", "Timeout": 900,
    "MemorySize": 2048, "Architectures": ["x86_64"], "CodeSha256": "OLD=",
    "LastUpdateStatus": "Successful"})"});
  f.http.queue(aws::HttpResponse{200, {}, R"({"name": "daily", "type": "STANDARD",
    "roleArn": "arn:role/sm", "stateMachineArn": "arn:sm",
    "definition": "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}"})"});
  Result<DeployPlan> plan = plan_deploy(f.local, aws::LambdaFunctions(f.lambda_client),
                                        aws::StepFunctions(f.sfn_client));
  REQUIRE(plan);
  CHECK(format_plan(*plan) == "function fn: update\n"
                              "  Timeout     900 -> 600\n"
                              "  CodeSha256  OLD= -> NEW=\n"
                              "state machine daily: update\n"
                              "  definition /States/A/Comment  (absent) -> new\n"
                              "plan: 0 to create, 2 to update, 0 up to date\n");
  CHECK(drift_lines(*plan) == std::vector<std::string>{
                                  "function fn: Timeout is 900 on AWS, 600 here",
                                  "function fn: CodeSha256 is OLD= on AWS, NEW= here",
                                  "state machine daily: definition /States/A/Comment is absent "
                                  "on AWS, new here"});

  // Applying: new code, then (once Lambda reports the update done) the configuration with the
  // deployed role, then the state machine with its deployed role.
  f.http.queue(aws::HttpResponse{200, {}, R"({"FunctionName": "fn"})"});  // UpdateFunctionCode
  f.http.queue(aws::HttpResponse{200, {}, R"({"LastUpdateStatus": "InProgress"})"});
  f.http.queue(aws::HttpResponse{200, {}, R"({"Role": "arn:role/fn",
    "LastUpdateStatus": "Successful"})"});
  f.http.queue(aws::HttpResponse{200, {}, R"({"Role": "arn:role/fn"})"});  // the role to keep
  f.http.queue(aws::HttpResponse{200, {}, R"({"FunctionName": "fn"})"});  // configuration
  f.http.queue(aws::HttpResponse{200, {}, R"({"roleArn": "arn:role/sm", "name": "daily"})"});
  f.http.queue(aws::HttpResponse{200, {}, R"({"updateDate": 1})"});
  const std::size_t before = f.http.requests().size();
  Result<void> applied = apply_deploy(*plan, f.local, "PK", aws::LambdaFunctions(f.lambda_client),
                                      aws::StepFunctions(f.sfn_client), f.clock);
  REQUIRE(applied);
  const std::vector<aws::HttpRequest> sent = f.http.requests();
  REQUIRE(sent.size() - before == 7);
  CHECK(sent[before].url == "http://127.0.0.1:1/2015-03-31/functions/fn/code");
  CHECK(f.clock.now() == Timestamp{Millis{1000}});  // one wait for the update in progress
  CHECK(Json::parse(sent[before + 4].body)["Role"] == "arn:role/fn");
  CHECK(Json::parse(sent[before + 4].body)["Timeout"] == 600);
  CHECK(Json::parse(sent[before + 6].body)["roleArn"] == "arn:role/sm");
}

TEST_CASE("creating without a role is refused before any write") {
  Fixture f;
  f.http.queue(aws::HttpResponse{404, {{"x-amzn-ErrorType", "ResourceNotFoundException"}}, "{}"});
  f.http.queue(aws::HttpResponse{
      400, {}, R"({"__type": "com.amazonaws.swf.service.v2.model#StateMachineDoesNotExist"})"});
  Result<DeployPlan> plan = plan_deploy(f.local, aws::LambdaFunctions(f.lambda_client),
                                        aws::StepFunctions(f.sfn_client));
  REQUIRE(plan);
  CHECK(drift_lines(*plan) == std::vector<std::string>{"function fn: not deployed",
                                                       "state machine daily: not deployed"});
  Result<void> applied = apply_deploy(*plan, f.local, "PK", aws::LambdaFunctions(f.lambda_client),
                                      aws::StepFunctions(f.sfn_client), f.clock);
  REQUIRE_FALSE(applied);
  CHECK(applied.error() == Error{"Deploy.NeedsRole", "the function fn does not exist yet: give "
                                                     "--function-role-arn to create it"});
  CHECK(f.http.requests().size() == 2);  // the two reads only
}

TEST_CASE("the environment drifts per variable with a secret's value hidden, logging per field") {
  Fixture f;
  f.local.code_sha256 = "OLD=";
  f.local.functions[0].environment =
      std::map<std::string, std::string>{{"LOG_LEVEL", "INFO"}, {"POSTGRES_SECRET_ID", "prod/db"}};
  const std::string group = "arn:aws:logs:us-east-1:123456789012:log-group:/states/daily:*";
  f.local.machine.logging = aws::StateMachineLogging{"ERROR", false, group};
  const std::string deployed_function = R"({"FunctionName": "fn", "Role": "arn:role/fn",
    "Runtime": "provided.al2023", "Handler": "conflict-report", "Timeout": 600,
    "MemorySize": 2048, "Architectures": ["x86_64"], "CodeSha256": "OLD=",
    "Environment": {"Variables": {"LOG_LEVEL": "DEBUG", "POSTGRES_PASSWORD": "hunter2"}},
    "LastUpdateStatus": "Successful"})";
  const std::string deployed_machine = R"({"name": "daily", "type": "STANDARD",
    "roleArn": "arn:role/sm", "stateMachineArn": "arn:sm",
    "loggingConfiguration": {"level": "OFF", "includeExecutionData": false},
    "definition": "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true,)"
                                      R"(\"Comment\":\"new\"}}}"})";
  f.http.queue(aws::HttpResponse{200, {}, deployed_function});
  f.http.queue(aws::HttpResponse{200, {}, deployed_machine});
  Result<DeployPlan> plan = plan_deploy(f.local, aws::LambdaFunctions(f.lambda_client),
                                        aws::StepFunctions(f.sfn_client));
  REQUIRE(plan);
  CHECK(format_plan(*plan) ==
        "function fn: update\n"
        "  Environment LOG_LEVEL           DEBUG -> INFO\n"
        "  Environment POSTGRES_PASSWORD   (hidden) -> (absent)\n"
        "  Environment POSTGRES_SECRET_ID  (absent) -> prod/db\n"
        "state machine daily: update\n"
        "  logging level        OFF -> ERROR\n"
        "  logging logGroupArn  (absent) -> " + group + "\n"
        "plan: 0 to create, 2 to update, 0 up to date\n");
  CHECK(drift_lines(*plan) ==
        std::vector<std::string>{
            "function fn: Environment LOG_LEVEL is DEBUG on AWS, INFO here",
            "function fn: Environment POSTGRES_PASSWORD is (hidden) on AWS, absent here",
            "function fn: Environment POSTGRES_SECRET_ID is absent on AWS, prod/db here",
            "state machine daily: logging level is OFF on AWS, ERROR here",
            "state machine daily: logging logGroupArn is absent on AWS, " + group + " here"});

  // Applying: the configuration with the whole environment (the password gone), then the
  // state machine with its logging.
  f.http.queue(aws::HttpResponse{200, {}, deployed_function});  // the role to keep
  f.http.queue(aws::HttpResponse{200, {}, R"({"FunctionName": "fn"})"});
  f.http.queue(aws::HttpResponse{200, {}, deployed_machine});  // the role to keep
  f.http.queue(aws::HttpResponse{200, {}, R"({"updateDate": 1})"});
  const std::size_t before = f.http.requests().size();
  REQUIRE(apply_deploy(*plan, f.local, "PK", aws::LambdaFunctions(f.lambda_client),
                       aws::StepFunctions(f.sfn_client), f.clock));
  const std::vector<aws::HttpRequest> sent = f.http.requests();
  REQUIRE(sent.size() - before == 4);
  CHECK(Json::parse(sent[before + 1].body)["Environment"] ==
        Json::parse(R"({"Variables": {"LOG_LEVEL": "INFO", "POSTGRES_SECRET_ID": "prod/db"}})"));
  CHECK(Json::parse(sent[before + 3].body)["loggingConfiguration"] ==
        Json{{"level", "ERROR"},
             {"includeExecutionData", false},
             {"destinations", Json::array({Json{{"cloudWatchLogsLogGroup",
                                                 Json{{"logGroupArn", group}}}}})}});

  // Deployed as here: nothing to change.
  f.http.queue(aws::HttpResponse{200, {}, R"({"FunctionName": "fn", "Role": "arn:role/fn",
    "Runtime": "provided.al2023", "Handler": "conflict-report", "Timeout": 600,
    "MemorySize": 2048, "Architectures": ["x86_64"], "CodeSha256": "OLD=",
    "Environment": {"Variables": {"LOG_LEVEL": "INFO", "POSTGRES_SECRET_ID": "prod/db"}}})"});
  Json machine = Json::parse(deployed_machine);
  machine["loggingConfiguration"] = Json::parse(sent[before + 3].body)["loggingConfiguration"];
  f.http.queue(aws::HttpResponse{200, {}, machine.dump()});
  Result<DeployPlan> again = plan_deploy(f.local, aws::LambdaFunctions(f.lambda_client),
                                         aws::StepFunctions(f.sfn_client));
  REQUIRE(again);
  CHECK_FALSE(again->changes_anything());
}

}  // namespace
}  // namespace conflictctl::deploy

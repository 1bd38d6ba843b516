#include "asl/resource.h"

#include <catch2/catch.hpp>

using namespace conflictctl;
using namespace conflictctl::asl;

namespace {
Resource parsed(std::string_view text) {
  Result<Resource> resource = parse_resource(text);
  INFO(text);
  REQUIRE(resource.ok());
  return *resource;
}
FunctionRef function(std::string_view text) {
  Result<FunctionRef> ref = parse_function_name(text);
  INFO(text);
  REQUIRE(ref.ok());
  return *ref;
}
}  // namespace

TEST_CASE("a Lambda function ARN as the Resource is a LambdaFunction task", "[resource]") {
  Resource r = parsed("arn:aws:lambda:us-east-1:123456789012:function:HelloFunction");
  CHECK(r.kind == ResourceKind::kLambdaFunction);
  CHECK(r.function == FunctionRef{"HelloFunction", ""});
  CHECK_FALSE(r.is_lambda_invoke());
}

TEST_CASE("the reference definitions' placeholder ARNs are accepted", "[resource]") {
  Resource r = parsed("arn:aws:lambda:REGION:ACCOUNT_ID:function:etl-pipeline-function");
  CHECK(r.kind == ResourceKind::kLambdaFunction);
  CHECK(r.function.name == "etl-pipeline-function");
  CHECK(parsed("arn:aws:lambda:REGION:ACCOUNT_ID:function:cm-task-ag-test01").function.name ==
        "cm-task-ag-test01");
}

TEST_CASE("a qualifier in a function ARN is kept apart from the name", "[resource]") {
  CHECK(parsed("arn:aws:lambda:us-east-1:123456789012:function:HelloFunction:prod").function ==
        FunctionRef{"HelloFunction", "prod"});
  CHECK(parsed("arn:aws:lambda:us-east-1:123456789012:function:HelloFunction:3").function ==
        FunctionRef{"HelloFunction", "3"});
  CHECK(parsed("arn:aws-cn:lambda:cn-north-1:123456789012:function:F:$LATEST").function ==
        FunctionRef{"F", "$LATEST"});
}

TEST_CASE("a bare function name is a LambdaFunction task", "[resource]") {
  Resource r = parsed("etl-pipeline-function");
  CHECK(r.kind == ResourceKind::kLambdaFunction);
  CHECK(r.function == FunctionRef{"etl-pipeline-function", ""});
  CHECK(parsed("etl-pipeline-function:live").function ==
        FunctionRef{"etl-pipeline-function", "live"});
}

TEST_CASE("lambda:invoke is the optimized Lambda service integration", "[resource]") {
  Resource r = parsed("arn:aws:states:::lambda:invoke");
  CHECK(r.kind == ResourceKind::kServiceIntegration);
  CHECK(r.service == "lambda");
  CHECK(r.action == "invoke");
  CHECK(r.suffix.empty());
  CHECK(r.pattern == IntegrationPattern::kRequestResponse);
  CHECK(r.is_lambda_invoke());
  CHECK(r.history_resource() == "invoke");
}

TEST_CASE("integration pattern suffixes are classified", "[resource]") {
  Resource wait = parsed("arn:aws:states:::lambda:invoke.waitForTaskToken");
  CHECK(wait.is_lambda_invoke());
  CHECK(wait.pattern == IntegrationPattern::kWaitForTaskToken);
  CHECK(wait.history_resource() == "invoke.waitForTaskToken");

  Resource sync = parsed("arn:aws:states:::states:startExecution.sync:2");
  CHECK(sync.service == "states");
  CHECK(sync.action == "startExecution");
  CHECK(sync.suffix == ".sync:2");
  CHECK(sync.pattern == IntegrationPattern::kSync);

  CHECK(parsed("arn:aws:states:::batch:submitJob.sync").pattern == IntegrationPattern::kSync);
}

TEST_CASE("other service integrations keep their service and action", "[resource]") {
  Resource sqs = parsed("arn:aws:states:::sqs:sendMessage");
  CHECK(sqs.kind == ResourceKind::kServiceIntegration);
  CHECK(sqs.service == "sqs");
  CHECK(sqs.action == "sendMessage");
  CHECK_FALSE(sqs.is_lambda_invoke());

  Resource sdk = parsed("arn:aws:states:::aws-sdk:s3:getObject");
  CHECK(sdk.service == "aws-sdk:s3");
  CHECK(sdk.action == "getObject");
}

TEST_CASE("unsupported or malformed resources are States.Runtime errors", "[resource]") {
  Result<Resource> machine =
      parse_resource("arn:aws:states:us-east-1:123456789012:stateMachine:Review");
  REQUIRE_FALSE(machine.ok());
  CHECK(machine.error().name == "States.Runtime");
  CHECK(machine.error().cause ==
        "'arn:aws:states:us-east-1:123456789012:stateMachine:Review' is not an activity ARN "
        "(arn:aws:states:REGION:ACCOUNT:activity:NAME)");

  Result<Resource> s3 = parse_resource("arn:aws:s3:::bucket");
  REQUIRE_FALSE(s3.ok());
  CHECK(s3.error().cause ==
        "unsupported Resource 'arn:aws:s3:::bucket': expected a Lambda function ARN, a service "
        "integration (arn:aws:states:::SERVICE:ACTION) or an activity ARN");

  Result<Resource> layer = parse_resource("arn:aws:lambda:us-east-1:123456789012:layer:x:1");
  REQUIRE_FALSE(layer.ok());
  CHECK(layer.error().cause ==
        "'arn:aws:lambda:us-east-1:123456789012:layer:x:1' is not a Lambda function ARN "
        "(arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER])");

  Result<Resource> no_action = parse_resource("arn:aws:states:::lambda");
  REQUIRE_FALSE(no_action.ok());
  CHECK(no_action.error().cause ==
        "'arn:aws:states:::lambda' is not a service integration ARN "
        "(arn:aws:states:::SERVICE:ACTION)");

  Result<Resource> spaces = parse_resource("my function");
  REQUIRE_FALSE(spaces.ok());
  CHECK(spaces.error().cause ==
        "invalid Lambda function name 'my function' in 'my function': a name is 1 to 64 "
        "letters, digits, hyphens or underscores");
}

TEST_CASE("FunctionName accepts a name, name:alias, a partial ARN or a full ARN",
          "[resource]") {
  CHECK(function("MyFunction") == FunctionRef{"MyFunction", ""});
  CHECK(function("MyFunction:prod-v1") == FunctionRef{"MyFunction", "prod-v1"});
  CHECK(function("123456789012:function:MyFunction") == FunctionRef{"MyFunction", ""});
  CHECK(function("123456789012:function:MyFunction:7") == FunctionRef{"MyFunction", "7"});
  CHECK(function("arn:aws:lambda:us-east-1:123456789012:function:get-model-review-decision") ==
        FunctionRef{"get-model-review-decision", ""});
  CHECK(function("arn:aws:lambda:us-east-1:123456789012:function:MyFunction:$LATEST") ==
        FunctionRef{"MyFunction", "$LATEST"});
}

TEST_CASE("malformed FunctionName values are rejected", "[resource]") {
  Result<FunctionRef> three = parse_function_name("a:b:c");
  REQUIRE_FALSE(three.ok());
  CHECK(three.error().name == "States.Runtime");
  CHECK(three.error().cause ==
        "'a:b:c' is not a Lambda function name; expected NAME, NAME:QUALIFIER, "
        "ACCOUNT:function:NAME or a function ARN");

  CHECK_FALSE(parse_function_name("").ok());
  CHECK_FALSE(parse_function_name(std::string(65, 'f')).ok());
  CHECK(parse_function_name(std::string(64, 'f')).ok());

  Result<FunctionRef> qualifier = parse_function_name("MyFunction:bad qualifier");
  REQUIRE_FALSE(qualifier.ok());
  CHECK(qualifier.error().cause ==
        "invalid Lambda qualifier 'bad qualifier' in 'MyFunction:bad qualifier': expected a "
        "version or an alias");
}

TEST_CASE("an activity ARN names an activity that waits for its worker", "[resource]") {
  Resource activity = parsed("arn:aws:states:us-east-1:123456789012:activity:Review-1_a.b");
  CHECK(activity.kind == ResourceKind::kActivity);
  CHECK(activity.activity == "Review-1_a.b");
  CHECK(activity.waits_for_answer());
  CHECK(parsed("arn:aws:states:::sqs:sendMessage.waitForTaskToken").waits_for_answer());
  CHECK_FALSE(parsed("arn:aws:states:::sqs:sendMessage").waits_for_answer());
  CHECK_FALSE(parsed("arn:aws:states:::batch:submitJob.sync").waits_for_answer());
  CHECK_FALSE(parsed("MyFunction").waits_for_answer());
}

TEST_CASE("an activity name follows the rules of CreateActivity", "[resource]") {
  CHECK(activity_name_problem("approve") == "");
  CHECK(activity_name_problem(std::string(80, 'a')) == "");
  CHECK(activity_name_problem(std::string(81, 'a')) ==
        "an activity name is 1 to 80 characters long");
  CHECK(activity_name_problem("a b") ==
        "an activity name may not contain white space, control characters or any of < > { } "
        "[ ] ? * \" # % \\ ^ | ~ ` $ & , ; : / (found white space)");
  Result<Resource> bad = parse_resource("arn:aws:states:us-east-1:123456789012:activity:a*b");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().cause ==
        "invalid activity name in 'arn:aws:states:us-east-1:123456789012:activity:a*b': an "
        "activity name may not contain white space, control characters or any of < > { } [ ] "
        "? * \" # % \\ ^ | ~ ` $ & , ; : / (found '*')");
}

TEST_CASE("a state that cannot run without a mock says why", "[resource]") {
  CHECK(unsupported_integration("Approve",
                                parsed("arn:aws:states:us-east-1:123456789012:activity:approve"))
            .cause ==
        "state 'Approve' cannot run locally: no worker polls activity 'approve' here; mock it in "
        "a mock config file (docs/mock-config.md)");
}

#pragma once
// What a Task state's "Resource" names, and which Lambda function it ends up invoking.
//
// Step Functions accepts two ways to call a Lambda function (AWS, "Invoke Lambda with Step
// Functions"):
//   - the function's ARN as the Resource,
//     "arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]": "the state input is passed
//     to Lambda as the payload" and the history records LambdaFunction* events.
//     kind = kLambdaFunction.
//   - the optimized integration "arn:aws:states:::lambda:invoke": the function comes from
//     Parameters.FunctionName, its event from Parameters.Payload, and the result is the Invoke
//     response (tasks/lambda_invoke.h); the history records Task* events with resourceType
//     "lambda" and resource "invoke". kind = kServiceIntegration.
// Any other "arn:aws:states:::SERVICE:ACTION[.sync|.sync:2|.waitForTaskToken]" (including
// "aws-sdk:SERVICE:ACTION") is a service integration too; it runs locally only when a mock
// config gives its result (tasks/mock_runner.h).
//
// An activity, "arn:PARTITION:states:REGION:ACCOUNT:activity:NAME", is work done by a worker
// that polls GetActivityTask and answers with SendTaskSuccess or SendTaskFailure (AWS,
// "Learn about Activities in Step Functions"); the history records Activity* events.
// kind = kActivity. Locally the worker's answer comes from a mock config
// (docs/mock-config.md). An activity's name is 1 to 80 characters and, as AWS's
// CreateActivity says, "must not contain: white space, brackets < > { } [ ], wildcard
// characters ? *, special characters " # % \ ^ | ~ ` $ & , ; : /, control characters".
//
// For convenience a Resource may also be a bare function name ("etl-pipeline-function",
// "name:alias"), classified as kLambdaFunction. Region and account fields are not checked, so
// the placeholders of the reference definitions ("REGION", "ACCOUNT_ID") are fine.
//
// Errors carry the name "States.Runtime" (a malformed Resource or FunctionName is a definition
// problem that Retry and Catch must not handle) and a cause that quotes the value.
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/json.h"

namespace conflictctl::asl {

// A Lambda function as named in a Resource or a FunctionName parameter.
struct FunctionRef {
  std::string name;       // the function name alone, e.g. "etl-pipeline-function"
  std::string qualifier;  // alias or version ("prod", "3", "$LATEST"); empty for none

  friend bool operator==(const FunctionRef&, const FunctionRef&) = default;
};

enum class ResourceKind { kLambdaFunction, kServiceIntegration, kActivity };

// The service integration patterns ("Discover service integration patterns in Step Functions").
enum class IntegrationPattern {
  kRequestResponse,   // no suffix: call the API and go on
  kSync,              // ".sync" or ".sync:2": run a job and wait for it
  kWaitForTaskToken,  // ".waitForTaskToken": wait for SendTaskSuccess with the task token
};

struct Resource {
  ResourceKind kind = ResourceKind::kLambdaFunction;
  FunctionRef function;  // kLambdaFunction only
  // kServiceIntegration only:
  std::string service;  // "lambda", "sqs", "aws-sdk:s3", …
  std::string action;   // "invoke", "sendMessage", "getObject", … (without the suffix)
  std::string suffix;   // ".sync", ".sync:2", ".waitForTaskToken" or ""
  IntegrationPattern pattern = IntegrationPattern::kRequestResponse;
  std::string activity;  // kActivity only: the activity's name

  // True for "arn:aws:states:::lambda:invoke" with any suffix.
  bool is_lambda_invoke() const;
  // True when the task ends only when someone answers with its task token: a
  // .waitForTaskToken integration or an activity. Such a task is always held to its
  // HeartbeatSeconds (engine/heartbeat.h).
  bool waits_for_answer() const {
    return kind == ResourceKind::kActivity || pattern == IntegrationPattern::kWaitForTaskToken;
  }
  // What history events name the resource: "invoke", "invoke.waitForTaskToken"; for
  // kLambdaFunction, empty (LambdaFunction* events carry the Resource as written).
  std::string history_resource() const { return action + suffix; }
};

// Classifies a Resource as written in the definition.
Result<Resource> parse_resource(std::string_view resource);

// The States.Runtime error of a Task whose Resource cannot run without a mock: a service
// integration other than lambda:invoke, the .waitForTaskToken pattern (nothing local can
// call back with the token) or an activity (no worker polls for it here). `state` names the
// Task state in the cause, which says to mock it (docs/mock-config.md).
Error unsupported_integration(std::string_view state, const Resource& resource);

// Parses a Lambda FunctionName: "NAME", "NAME:QUALIFIER", the partial ARN
// "ACCOUNT:function:NAME[:QUALIFIER]" or the full ARN
// "arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]". A name is 1–64 letters, digits,
// hyphens or underscores; a qualifier is "$LATEST" or letters, digits, hyphens, underscores.
Result<FunctionRef> parse_function_name(std::string_view function_name);

// Why `name` is not a valid activity name (see above), or "" when it is.
std::string activity_name_problem(std::string_view name);

}  // namespace conflictctl::asl

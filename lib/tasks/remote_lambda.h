#pragma once
// RemoteLambda: the engine::TaskRunner of `--remote` runs. Instead of the in-process plugins it
// invokes the real AWS Lambda functions a definition names, through the Invoke API
// (aws/lambda_client.h), so that a local simulation measures the deployed code against the
// real database.
//
// Both Resource forms work as on Step Functions (asl/resource.h):
//   - a function ARN or name: the state's effective input is the event; the function's
//     result is the state's result;
//   - "arn:aws:states:::lambda:invoke": Parameters.FunctionName, .Qualifier and .Payload make
//     the call (tasks/lambda_invoke.h); the result is the Invoke response object
//     {"ExecutedVersion", "Payload", "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode"}
//     with the response's own version and request id.
// Other service integrations cannot run here: States.Runtime, as in-process.
//
// Placeholders. The reference definitions write ARNs as
// "arn:aws:lambda:REGION:ACCOUNT_ID:function:NAME". A region field that is not a region name
// ("us-east-1") is replaced by RemoteSettings::region; an account field that is not twelve
// digits by RemoteSettings::account_id. Without an account id the function is invoked by its
// name in the caller's own account (what Lambda does for a bare name).
//
// Errors are the names Step Functions reports (aws/lambda_client.h): the function's
// errorType, Lambda.Unknown, Lambda.ServiceException, Lambda.TooManyRequestsException, …
// context.cancel aborts the call, so the engine's deadline (States.Timeout) stops the HTTP
// request; the call's own timeout is the remaining time plus 1 s, a safety net that never
// races the deadline. A Task without a deadline (no TimeoutSeconds) still gets one: Lambda's
// 900 s limit plus 30 s. A response body over 7 MiB is refused (aws/lambda_client.h). A
// failed call logs the function's
// log tail at WARNING level (never credentials).
//
// Thread safety: invoke() may run concurrently (Map, Parallel); the HttpClient must allow it.
#include <memory>
#include <string>
#include <string_view>

#include "aws/http.h"
#include "aws/lambda_client.h"
#include "engine/task.h"

namespace conflictctl::tasks {

struct RemoteSettings {
  aws::LambdaConfig lambda;  // credentials, region, endpoint override
  std::string account_id;    // fills ACCOUNT_ID placeholders; "" = invoke by name
  std::shared_ptr<aws::HttpClient> http;  // Default (null): aws::make_curl_client()
};

// The FunctionName to invoke for a function written as `written` (a name, partial or full
// ARN, with or without qualifier), placeholders filled; the qualifier is left out (it goes in
// the Qualifier parameter).
std::string remote_function_name(std::string_view written, const RemoteSettings& settings);

class RemoteLambda final : public engine::TaskRunner {
 public:
  explicit RemoteLambda(RemoteSettings settings);

  engine::TaskOutcome invoke(const engine::TaskInvocation& invocation, engine::TaskContext& context) override;

 private:
  RemoteSettings settings_;
  aws::LambdaClient client_;
};

}  // namespace conflictctl::tasks

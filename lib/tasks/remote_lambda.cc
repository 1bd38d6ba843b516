#include "tasks/remote_lambda.h"

#include <fmt/format.h>

#include <vector>

#include "aws/arn.h"
#include "core/lambda_limits.h"
#include "core/split.h"
#include "tasks/bindings.h"
#include "tasks/lambda_invoke.h"
#include "asl/resource.h"

namespace conflictctl::tasks {

namespace {

constexpr double kClientTimeoutGraceSeconds = 1.0;
// What the service may take beyond the function's own 900 s (start-up, the response's way).
constexpr double kNoDeadlineGraceSeconds = 30.0;

}  // namespace

std::string remote_function_name(std::string_view written, const RemoteSettings& settings) {
  auto parts = split(written, ':');
  // "arn:aws:lambda:REGION:ACCOUNT:function:NAME[:Q]" or "ACCOUNT:function:NAME[:Q]".
  bool full = parts.size() >= 7 && parts[0] == "arn";
  bool partial = !full && parts.size() >= 3 && parts[1] == "function";
  if (!full && !partial) return std::string(parts[0]);
  std::string_view name = full ? parts[6] : parts[2];
  std::string_view account = full ? parts[4] : parts[0];
  std::string filled_account =
      aws::is_account_id(account) ? std::string(account) : settings.account_id;
  if (filled_account.empty()) return std::string(name);
  if (!full) return fmt::format("{}:function:{}", filled_account, name);
  std::string region =
      aws::is_region_name(parts[3]) ? std::string(parts[3]) : settings.lambda.region;
  return fmt::format("arn:{}:lambda:{}:{}:function:{}", parts[1], region, filled_account, name);
}

RemoteLambda::RemoteLambda(RemoteSettings settings)
    : settings_([&] {
        if (!settings.http) settings.http = aws::make_curl_client();
        return std::move(settings);
      }()),
      client_(*settings_.http, settings_.lambda) {}

engine::TaskOutcome RemoteLambda::invoke(const engine::TaskInvocation& invocation, engine::TaskContext& context) {
  Result<LambdaCall> lambda =
      read_lambda_call(invocation.resource, invocation.payload, invocation.state_name);
  if (!lambda) return {lambda.error(), std::nullopt};
  aws::InvokeCall call;
  call.function = remote_function_name(lambda->written, settings_);
  call.qualifier = lambda->function.qualifier;
  call.payload = to_compact(lambda->event);
  // The state's deadline cancels the call and reports States.Timeout. The client's own
  // timeout is only a safety net, a little later: at the same instant the two would race, and
  // under load the client could win with Lambda.ClientExecutionTimeoutException.
  // Without a deadline (no TimeoutSeconds: Step Functions sets none) the call is still bounded:
  // a Lambda function runs at most 900 s, and the service answers by then.
  if (std::optional<double> remaining = context.remaining_seconds())
    call.timeout_seconds = *remaining + kClientTimeoutGraceSeconds;
  else
    call.timeout_seconds = lambda::kMaxTimeoutSeconds + kNoDeadlineGraceSeconds;
  call.cancel = context.cancel;

  Result<aws::InvokeResponse> response = client_.invoke(call, context.clock.now());
  if (!response) return {response.error(), std::nullopt};
  Result<Json> result = aws::function_result(*response);
  if (!result) {
    if (!response->log_tail.empty())
      context.log.warning(fmt::format("{} ({}) failed; log tail:\n{}", invocation.state_name,
                                      call.function, response->log_tail));
    return {result.error(), std::nullopt};
  }
  if (!lambda->invoke_integration) return engine::TaskOutcome::success(std::move(*result));
  InvokeMetadata metadata{response->executed_version.empty() ? executed_version(lambda->function)
                                                             : response->executed_version,
                          response->request_id, context.clock.now()};
  return engine::TaskOutcome::success(make_invoke_response(std::move(*result), metadata));
}

}  // namespace conflictctl::tasks

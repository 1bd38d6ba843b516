#include "tasks/function_runtime.h"

#include <fmt/format.h>

#include <utility>
#include <variant>

#include "core/json_text.h"

#include "tasks/invoke_with_deadline.h"

namespace conflictctl::tasks {

namespace {

Result<void> serve_one(const aws::RuntimeApi& api, const aws::RuntimeInvocation& next,
                       engine::TaskRunner& runner, Clock& clock, Logger& log,
                       const RuntimeOptions& options) {
  std::variant<Json, JsonTextProblem> read = read_json_text(next.event);
  if (const JsonTextProblem* problem = std::get_if<JsonTextProblem>(&read)) {
    if (problem->too_deep)
      return api.fail(next.request_id, "Runtime.UnmarshalError",
                      fmt::format("the event is JSON nested more than {} levels deep",
                                  kMaxJsonDepth));
    return api.fail(next.request_id, "Runtime.UnmarshalError",
                    "the event is not JSON; the function expects a JSON object such as "
                    "{\"action\": \"task_02\"}");
  }
  Json event = std::get<Json>(std::move(read));

  engine::TaskInvocation invocation;
  invocation.resource = next.function_arn.empty() ? options.function_name : next.function_arn;
  invocation.function = options.function_name;
  invocation.payload = std::move(event);
  invocation.state_name = options.function_name;
  invocation.call_id = next.request_id;

  CancellationSource cancel;
  Timestamp deadline = next.deadline - seconds_to_millis(options.deadline_margin_seconds);
  engine::TaskContext context{clock, deadline, cancel.token(), log};
  Timestamp started = clock.now();
  engine::TaskOutcome outcome = invoke_with_deadline(runner, invocation, context, clock, cancel);
  double seconds = millis_to_seconds(clock.now() - started);
  if (outcome.result) {
    log.info(fmt::format("request {}: succeeded in {:.3f} s", next.request_id, seconds));
    return api.respond(next.request_id, to_compact(*outcome.result));
  }
  const Error& error = outcome.result.error();
  log.warning(fmt::format("request {}: {} after {:.3f} s: {}", next.request_id, error.name,
                          seconds, error.cause));
  return api.fail(next.request_id, error.name, error.cause);
}

}  // namespace

Result<void> serve_invocations(const aws::RuntimeApi& api, engine::TaskRunner& runner, Clock& clock,
                               Logger& log, const RuntimeOptions& options) {
  for (int served = 0; !options.max_invocations || served < *options.max_invocations;
       ++served) {
    Result<aws::RuntimeInvocation> next = api.next();
    if (!next) return next.error();
    if (auto posted = serve_one(api, *next, runner, clock, log, options); !posted)
      return posted.error();
  }
  return {};
}

}  // namespace conflictctl::tasks

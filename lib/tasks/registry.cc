#include "tasks/registry.h"

#include <fmt/format.h>

#include <mutex>

#include "tasks/lambda_invoke.h"
#include "asl/resource.h"

namespace conflictctl::tasks {

namespace {

constexpr std::string_view kNotFound = "Lambda.ResourceNotFoundException";

engine::TaskOutcome fail(std::string_view name, std::string cause) {
  return engine::TaskOutcome::failure(std::string(name), std::move(cause));
}

// Seeds the request id with what makes this call unique within a reproducible run.
std::string request_seed(const engine::TaskInvocation& invocation, const engine::TaskContext& context) {
  return fmt::format("{}|{}|{}|{}", invocation.call_id, invocation.state_name,
                     invocation.attempt, context.clock.now().time_since_epoch().count());
}

}  // namespace

void Registry::bind(std::string function, std::shared_ptr<engine::TaskRunner> runner) {
  std::unique_lock lock(mutex_);
  runners_[std::move(function)] = std::move(runner);
}

std::vector<std::string> Registry::functions() const {
  std::shared_lock lock(mutex_);
  std::vector<std::string> names;
  for (const auto& [name, runner] : runners_) names.push_back(name);
  return names;
}

std::shared_ptr<engine::TaskRunner> Registry::find(const std::string& function) const {
  std::shared_lock lock(mutex_);
  auto it = runners_.find(function);
  return it == runners_.end() ? nullptr : it->second;
}

engine::TaskOutcome Registry::invoke(const engine::TaskInvocation& invocation, engine::TaskContext& context) {
  Result<LambdaCall> lambda =
      read_lambda_call(invocation.resource, invocation.payload, invocation.state_name);
  if (!lambda) return {lambda.error(), std::nullopt};
  const asl::FunctionRef& function = lambda->function;
  engine::TaskInvocation call = invocation;
  call.payload = std::move(lambda->event);
  call.function = function.name;

  std::shared_ptr<engine::TaskRunner> runner = find(function.name);
  if (!runner)
    return fail(kNotFound,
                fmt::format("Function not found: no handler is bound to Lambda function '{}'; "
                            "bind it under 'functions:' in the pipeline's bindings file "
                            "(pipelines/<name>.yaml)",
                            function.name));

  engine::TaskOutcome outcome = runner->invoke(call, context);
  if (!lambda->invoke_integration || !outcome.result) return outcome;
  // The response is dated when the function returns: after its simulated duration when the
  // call is simulated (the real clock has already moved on by itself).
  InvokeMetadata metadata{executed_version(function),
                          make_request_id(request_seed(invocation, context)),
                          context.finished_at(outcome)};
  outcome.result = make_invoke_response(std::move(outcome.result.value()), metadata);
  return outcome;
}

bool Registry::sends_heartbeats(const engine::TaskInvocation& invocation) const {
  Result<LambdaCall> lambda =
      read_lambda_call(invocation.resource, invocation.payload, invocation.state_name);
  if (!lambda) return false;
  std::shared_ptr<engine::TaskRunner> runner = find(lambda->function.name);
  if (!runner) return false;
  engine::TaskInvocation call = invocation;
  call.payload = std::move(lambda->event);
  call.function = lambda->function.name;
  return runner->sends_heartbeats(call);
}

}  // namespace conflictctl::tasks

#pragma once
// Registry: the engine::TaskRunner that runs a Task state's Lambda function by handing the call to the
// runner bound to that function's name.
//
// For each invocation it classifies the Resource (asl/resource.h):
//   - a Lambda function ARN or name: the bound runner gets the state's effective input as its
//     event, and its result is the state's result;
//   - "arn:aws:states:::lambda:invoke": the function and its event come from the effective
//     Parameters (tasks/lambda_invoke.h), and a successful result is wrapped in the Invoke
//     response {"ExecutedVersion", "Payload", "SdkHttpMetadata", "SdkResponseMetadata",
//     "StatusCode"}; failures pass through unchanged (the function's error name);
//   - any other service integration, the .waitForTaskToken pattern and activities cannot run
//     here: States.Runtime, with a cause that says to mock the state (docs/mock-config.md).
// The bound runner sees `function` set to the function name (no qualifier) and `payload` set
// to the function's event; the other fields are the state's. simulated_seconds passes through.
//
// An unbound function fails with "Lambda.ResourceNotFoundException", the error Lambda's Invoke
// API returns for a function that does not exist, so Retry and Catch behave as on AWS.
//
// Thread safety: bind() and invoke() may be called from any thread, concurrently; the bound
// runners must themselves be thread-safe (engine/task.h).
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "engine/task.h"

namespace conflictctl::tasks {

class Registry final : public engine::TaskRunner {
 public:
  // Binds `function` (a bare name, without qualifier) to `runner`, replacing any earlier one.
  void bind(std::string function, std::shared_ptr<engine::TaskRunner> runner);
  // The bound function names, sorted.
  std::vector<std::string> functions() const;

  engine::TaskOutcome invoke(const engine::TaskInvocation& invocation, engine::TaskContext& context) override;
  // What the bound runner of the invocation's function says; false when there is none.
  bool sends_heartbeats(const engine::TaskInvocation& invocation) const override;

 private:
  std::shared_ptr<engine::TaskRunner> find(const std::string& function) const;

  mutable std::shared_mutex mutex_;
  std::map<std::string, std::shared_ptr<engine::TaskRunner>, std::less<>> runners_;
};

}  // namespace conflictctl::tasks

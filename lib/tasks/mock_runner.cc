#include "tasks/mock_runner.h"

#include <fmt/format.h>

namespace conflictctl::tasks {

namespace {
constexpr std::string_view kRuntime = "States.Runtime";
}  // namespace

MockRunner::MockRunner(MockTestCase test_case, std::shared_ptr<engine::TaskRunner> inner)
    : test_case_(std::move(test_case)), inner_(std::move(inner)) {}

int MockRunner::next_call(const std::string& state) {
  std::lock_guard lock(mutex_);
  return calls_[state]++;
}

engine::TaskOutcome MockRunner::invoke(const engine::TaskInvocation& invocation, engine::TaskContext& context) {
  auto mocked = test_case_.states.find(invocation.state_name);
  if (mocked == test_case_.states.end()) {
    if (inner_) return inner_->invoke(invocation, context);
    return engine::TaskOutcome::failure(
        std::string(kRuntime),
        fmt::format("state '{}' is not mocked in test case '{}' and there is no task runner "
                    "to run it",
                    invocation.state_name, test_case_.name));
  }
  const MockedResponse& response = mocked->second;
  int call = next_call(invocation.state_name);
  const MockEntry* entry = response.entry_for(call);
  if (!entry)
    return engine::TaskOutcome::failure(
        std::string(kRuntime),
        fmt::format("mocked response '{}' has no entry for invocation {} of state '{}' (it "
                    "defines invocations 0-{})",
                    response.name, call, invocation.state_name,
                    response.invocation_count() - 1));
  if (context.log.enabled(LogLevel::kDebug))
    context.log.debug(fmt::format("mock: state '{}' invocation {} uses '{}'",
                                  invocation.state_name, call, response.name));
  if (entry->no_answer) {
    engine::TaskOutcome silent = engine::TaskOutcome::no_answer();
    silent.heartbeats = entry->heartbeats;
    return silent;
  }
  engine::TaskOutcome outcome =
      entry->error ? engine::TaskOutcome::failure(entry->error->name, entry->error->cause,
                                                  entry->duration_seconds)
                   : engine::TaskOutcome::success(*entry->value, entry->duration_seconds);
  outcome.heartbeats = entry->heartbeats;
  return outcome;
}

bool MockRunner::sends_heartbeats(const engine::TaskInvocation& invocation) const {
  // A mocked state answers at once on the real clock; only the others' runner may beat.
  if (test_case_.states.contains(invocation.state_name)) return false;
  return inner_ && inner_->sends_heartbeats(invocation);
}

}  // namespace conflictctl::tasks

#pragma once
// MockRunner: a engine::TaskRunner decorator that plays back one test case of a mock config
// (tasks/mock_config.h), the way Step Functions Local does.
//
// For a Task state listed in the test case, the n-th call of that state in the execution
// (n = 0, 1, 2, …, counting every call: retries, and every Map iteration that runs the state)
// gets the mocked response entry whose range holds n:
//   - "Return" → success; the value is the Task's result as is (for lambda:invoke, write the
//     whole Invoke response, {"StatusCode": 200, "Payload": …});
//   - "Throw"  → failure with its Error and Cause, which Retry and Catch match as usual
//     ("States.Timeout" included);
//   - "DurationSeconds" → engine::TaskOutcome::simulated_seconds (default: instant);
//   - "Heartbeats" → engine::TaskOutcome::heartbeats;
//   - "NoAnswer" → engine::TaskOutcome::no_answer(): the callback or worker never answers.
// For a .waitForTaskToken or activity Task the entry is the answer (docs/mock-config.md).
// Past the last defined invocation the call fails with States.Runtime, which no Retry or
// Catch handles: AWS, "If you do not specify a mocked response for a specific retry attempt
// … the state machine execution will fail."
//
// Any other state goes to the inner runner; without one it fails with States.Runtime and a
// cause that names the state and the test case.
//
// One MockRunner serves one execution: the call counts start at zero when it is made.
// Thread safety: invoke() may be called concurrently; counting is per state name under a
// mutex. With concurrent calls of one state (a Map with MaxConcurrency > 1 on the real
// clock) which call gets which number follows the order they arrive, as in SFN Local.
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "tasks/mock_config.h"
#include "engine/task.h"

namespace conflictctl::tasks {

class MockRunner final : public engine::TaskRunner {
 public:
  // `inner` runs the states the test case does not mock; may be null.
  MockRunner(MockTestCase test_case, std::shared_ptr<engine::TaskRunner> inner);

  engine::TaskOutcome invoke(const engine::TaskInvocation& invocation, engine::TaskContext& context) override;
  bool sends_heartbeats(const engine::TaskInvocation& invocation) const override;

 private:
  // The number of this call of `state` (0 for the first), counting it.
  int next_call(const std::string& state);

  MockTestCase test_case_;
  std::shared_ptr<engine::TaskRunner> inner_;
  std::mutex mutex_;
  std::map<std::string, int> calls_;
};

}  // namespace conflictctl::tasks

#pragma once
// Test support for task runners: a engine::TaskContext on a virtual clock, and a fake engine::TaskRunner that
// records what it was asked and answers with a fixed outcome. Header-only; tests only.
#include <mutex>
#include <optional>
#include <vector>

#include "core/clock.h"
#include "core/logger.h"
#include "engine/task.h"

namespace conflictctl::tasks::testing {

// 2024-01-01T00:00:00.000Z
inline Timestamp new_year_2024() { return *parse_timestamp("2024-01-01T00:00:00Z"); }

// Owns a virtual clock, a memory logger and a cancellation source, and the context over them.
struct FakeContext {
  explicit FakeContext(Timestamp start = new_year_2024()) : clock(start) {}

  VirtualClock clock;
  MemoryLogger log;
  CancellationSource cancel;
  // As the engine's inline dispatcher makes it: on the virtual clock, durations simulated.
  engine::TaskContext context{clock, std::nullopt, cancel.token(), log, /*simulated=*/true};
};

// Answers every call with `outcome` and keeps a copy of each invocation. Thread-safe.
class FakeRunner final : public engine::TaskRunner {
 public:
  explicit FakeRunner(engine::TaskOutcome outcome) : outcome_(std::move(outcome)) {}

  engine::TaskOutcome invoke(const engine::TaskInvocation& invocation, engine::TaskContext&) override {
    std::lock_guard lock(mutex_);
    calls_.push_back(invocation);
    return outcome_;
  }
  std::vector<engine::TaskInvocation> calls() const {
    std::lock_guard lock(mutex_);
    return calls_;
  }

 private:
  engine::TaskOutcome outcome_;
  mutable std::mutex mutex_;
  std::vector<engine::TaskInvocation> calls_;
};

inline engine::TaskInvocation invocation(std::string resource, Json payload,
                                 std::string state = "Task") {
  engine::TaskInvocation call;
  call.resource = std::move(resource);
  call.payload = std::move(payload);
  call.state_name = std::move(state);
  return call;
}

}  // namespace conflictctl::tasks::testing

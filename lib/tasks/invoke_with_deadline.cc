#include "tasks/invoke_with_deadline.h"

#include <fmt/format.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "core/error_names.h"
#include "core/logger.h"

namespace conflictctl::tasks {
namespace {

// What the worker thread uses, owned jointly by the call and the thread. The clock and the
// log forward to the caller's until the call returns without the worker (`cut()`), then to
// the worker's own; a call forwarded at that moment is finished first (forward_mutex).
struct Shared final : Clock, Logger {
  Shared(const Clock& caller_clock, Logger& caller_log, engine::TaskInvocation copy)
      : caller_clock(&caller_clock), caller_log(&caller_log), invocation(std::move(copy)) {}

  Timestamp now() const override {
    std::lock_guard lock(forward_mutex);
    return caller_clock ? caller_clock->now() : own_clock.now();
  }
  bool is_virtual() const override {
    std::lock_guard lock(forward_mutex);
    return caller_clock && caller_clock->is_virtual();
  }
  void wait_until(std::condition_variable&, std::unique_lock<std::mutex>&, Timestamp) override {}
  void log(LogLevel level, std::string_view message) override {
    std::lock_guard lock(forward_mutex);
    if (caller_log) caller_log->log(level, message);
  }
  void cut() {
    std::lock_guard lock(forward_mutex);
    caller_clock = nullptr;
    caller_log = nullptr;
  }

  mutable std::mutex forward_mutex;
  const Clock* caller_clock;
  Logger* caller_log;
  SystemClock own_clock;

  engine::TaskInvocation invocation;
  std::mutex mutex;
  std::condition_variable finished;
  std::optional<engine::TaskOutcome> outcome;
};

}  // namespace

engine::TaskOutcome invoke_with_deadline(engine::TaskRunner& runner, const engine::TaskInvocation& invocation,
                                 engine::TaskContext& context, Clock& clock, CancellationSource& cancel,
                                 Millis stop_grace) {
  if (!context.deadline) return runner.invoke(invocation, context);
  auto shared = std::make_shared<Shared>(context.clock, context.log, invocation);
  std::thread worker([shared, &runner, deadline = context.deadline, token = context.cancel] {
    engine::TaskContext own{*shared, deadline, token, *shared};
    auto result = runner.invoke(shared->invocation, own);
    std::lock_guard lock(shared->mutex);
    shared->outcome = std::move(result);
    shared->finished.notify_all();
  });
  bool late = false;
  {
    std::unique_lock lock(shared->mutex);
    while (!shared->outcome && clock.now() < *context.deadline)
      clock.wait_until(shared->finished, lock, *context.deadline);
    late = !shared->outcome;
  }
  if (late) {
    cancel.cancel();
    // The grace is real time whatever `clock` is: it bounds a real thread (on the virtual
    // clock a jump would abandon a task that is stopping).
    SystemClock real;
    const Timestamp until = real.now() + stop_grace;
    std::unique_lock lock(shared->mutex);
    while (!shared->outcome && real.now() < until) real.wait_until(shared->finished, lock, until);
    if (!shared->outcome) {
      lock.unlock();
      shared->cut();
      worker.detach();
      return engine::TaskOutcome::failure(
          std::string(errors::kTimeout),
          fmt::format("the task did not stop within {} s of its cancellation at the deadline "
                      "(the server neither answered nor closed the connection); it was "
                      "abandoned",
                      millis_to_seconds(stop_grace)));
    }
  }
  worker.join();
  return std::move(*shared->outcome);
}

}  // namespace conflictctl::tasks

#include "tasks/invoke_with_deadline.h"

#include <catch2/catch.hpp>

#include <condition_variable>
#include <mutex>

#include "core/error_names.h"
#include "core/logger.h"

using namespace conflictctl;
using namespace conflictctl::tasks;

namespace {

// Ignores its cancellation and runs until release(): a task whose server neither answers
// nor lets go.
class StuckRunner final : public engine::TaskRunner {
 public:
  engine::TaskOutcome invoke(const engine::TaskInvocation&, engine::TaskContext& context) override {
    std::unique_lock lock(mutex_);
    running_ = true;
    changed_.notify_all();
    changed_.wait(lock, [&] { return released_; });
    context.log.info("still writing to the log after being abandoned");
    (void)context.clock.now();
    running_ = false;
    changed_.notify_all();
    return engine::TaskOutcome::success(Json::object());
  }
  void release() {
    std::lock_guard lock(mutex_);
    released_ = true;
    changed_.notify_all();
  }
  void wait_stopped() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return released_ && !running_; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool running_ = false;
  bool released_ = false;
};

// Stops at once when cancelled, reporting States.Timeout as the database tasks do.
class CooperativeRunner final : public engine::TaskRunner {
 public:
  engine::TaskOutcome invoke(const engine::TaskInvocation&, engine::TaskContext& context) override {
    std::mutex mutex;
    std::condition_variable cancelled;
    bool stop = false;
    context.cancel.on_cancel([&] {
      std::lock_guard lock(mutex);
      stop = true;
      cancelled.notify_all();
    });
    std::unique_lock lock(mutex);
    cancelled.wait(lock, [&] { return stop; });
    return engine::TaskOutcome::failure(std::string(errors::kTimeout), "cancelled at the deadline");
  }
};

}  // namespace

TEST_CASE("invoke with deadline: a task that stops when cancelled reports its own outcome") {
  SystemClock clock;
  NullLogger log;
  CancellationSource cancel;
  engine::TaskContext context{clock, clock.now() + Millis(50), cancel.token(), log};
  CooperativeRunner runner;
  auto outcome = invoke_with_deadline(runner, engine::TaskInvocation{}, context, clock, cancel);
  REQUIRE_FALSE(outcome.result.ok());
  CHECK(outcome.result.error() == Error{"States.Timeout", "cancelled at the deadline"});
}

// Regression (issue 14): worker.join() after the cancel was unbounded; a task stuck on a
// silent server kept the Lambda runtime (and `conflictctl run`) waiting for ever.
TEST_CASE("invoke with deadline: a task that ignores its cancel is abandoned after the grace") {
  SystemClock clock;
  auto log = std::make_unique<MemoryLogger>();
  CancellationSource cancel;
  const Timestamp start = clock.now();
  auto context = std::make_unique<engine::TaskContext>(
      engine::TaskContext{clock, start + Millis(50), cancel.token(), *log});
  StuckRunner runner;
  auto outcome =
      invoke_with_deadline(runner, engine::TaskInvocation{}, *context, clock, cancel, Millis(200));
  const Millis took = clock.now() - start;
  REQUIRE_FALSE(outcome.result.ok());
  CHECK(outcome.result.error().name == "States.Timeout");
  CHECK(outcome.result.error().cause.starts_with(
      "the task did not stop within 0.2 s of its cancellation at the deadline"));
  CHECK(took >= Millis(250));
  CHECK(took < Millis(5000));
  // The caller's log and context are gone; the abandoned task must not touch them.
  context.reset();
  log.reset();
  runner.release();
  runner.wait_stopped();
}

#include "engine/task_dispatcher.h"

#include <limits>
#include <vector>

#include "engine/heartbeat.h"
#include "engine/worker_pool.h"

namespace conflictctl::engine {

namespace {

class InlineDispatcher final : public TaskDispatcher {
 public:
  InlineDispatcher(Clock& clock, TaskRunner& runner, Logger& log, TaskLoop& loop)
      : clock_(clock), runner_(runner), log_(log), loop_(loop) {}

  std::shared_ptr<CancellationSource> start(TaskInvocation invocation,
                                            std::optional<Timestamp> deadline,
                                            TaskTicket ticket) override {
    CancellationSource cancel;  // nothing can cancel a call that returns before time moves
    TaskContext context{clock_, deadline, cancel.token(), log_, /*simulated=*/true};
    TaskOutcome outcome = runner_.invoke(invocation, context);
    // A task that waits for an answer sent only the heartbeats its outcome lists (none when it
    // lists none); any other task is held to HeartbeatSeconds only when it lists some.
    if (invocation.heartbeat_seconds && (outcome.heartbeats || invocation.waits_for_answer)) {
      const double took = outcome.unanswered ? std::numeric_limits<double>::infinity()
                                             : outcome.simulated_seconds.value_or(0);
      auto missed = missed_heartbeat(outcome.heartbeats.value_or(std::vector<double>{}), took,
                                     *invocation.heartbeat_seconds);
      if (missed) {
        loop_.complete_at(clock_.now() + seconds_to_millis(*missed), ticket,
                          heartbeat_timeout(*invocation.heartbeat_seconds));
        return nullptr;
      }
    }
    if (outcome.unanswered) {
      loop_.never_completes(ticket);
      return nullptr;
    }
    loop_.complete_at(context.finished_at(outcome), ticket, std::move(outcome.result));
    return nullptr;
  }

 private:
  Clock& clock_;
  TaskRunner& runner_;
  Logger& log_;
  TaskLoop& loop_;
};

class PoolDispatcher final : public TaskDispatcher {
  // Passes a running task's heartbeats on to the loop.
  class Reporter final : public HeartbeatReporter {
   public:
    Reporter(TaskLoop& loop, TaskTicket ticket) : loop_(loop), ticket_(ticket) {}
    void beat() override { loop_.post_heartbeat(ticket_); }

   private:
    TaskLoop& loop_;
    TaskTicket ticket_;
  };

 public:
  PoolDispatcher(Clock& clock, TaskRunner& runner, Logger& log, TaskLoop& loop,
                 std::size_t threads)
      : clock_(clock), runner_(runner), log_(log), loop_(loop), workers_(threads) {}

  std::shared_ptr<CancellationSource> start(TaskInvocation invocation,
                                            std::optional<Timestamp> deadline,
                                            TaskTicket ticket) override {
    auto cancel = std::make_shared<CancellationSource>();
    const bool held = invocation.heartbeat_seconds &&
                      (invocation.waits_for_answer || runner_.sends_heartbeats(invocation));
    if (held) loop_.arm_heartbeat(ticket, *invocation.heartbeat_seconds);
    workers_.submit([this, invocation = std::move(invocation), deadline, ticket, cancel, held] {
      Reporter reporter(loop_, ticket);
      TaskContext context{clock_, deadline, cancel->token(), log_};
      if (held) context.heartbeats = &reporter;
      TaskOutcome outcome = runner_.invoke(invocation, context);
      if (outcome.unanswered)
        loop_.post_no_answer(ticket);
      else
        loop_.post_completion(ticket, std::move(outcome.result));
    });
    return cancel;
  }

 private:
  Clock& clock_;
  TaskRunner& runner_;
  Logger& log_;
  TaskLoop& loop_;
  WorkerPool workers_;  // last: its destructor waits for the calls that use the rest
};

}  // namespace

std::unique_ptr<TaskDispatcher> make_task_dispatcher(Clock& clock, TaskRunner& runner,
                                                     Logger& log, TaskLoop& loop,
                                                     std::size_t max_workers) {
  if (clock.is_virtual()) return std::make_unique<InlineDispatcher>(clock, runner, log, loop);
  return std::make_unique<PoolDispatcher>(clock, runner, log, loop, max_workers);
}

}  // namespace conflictctl::engine

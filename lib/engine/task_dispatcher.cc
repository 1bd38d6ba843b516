#include "engine/task_dispatcher.h"

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
    if (invocation.heartbeat_seconds && outcome.heartbeats) {
      const double took = outcome.simulated_seconds.value_or(0);
      auto missed = missed_heartbeat(*outcome.heartbeats, took, *invocation.heartbeat_seconds);
      if (missed) {
        loop_.complete_at(clock_.now() + seconds_to_millis(*missed), ticket,
                          heartbeat_timeout(*invocation.heartbeat_seconds));
        return nullptr;
      }
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
 public:
  PoolDispatcher(Clock& clock, TaskRunner& runner, Logger& log, TaskLoop& loop,
                 std::size_t threads)
      : clock_(clock), runner_(runner), log_(log), loop_(loop), workers_(threads) {}

  std::shared_ptr<CancellationSource> start(TaskInvocation invocation,
                                            std::optional<Timestamp> deadline,
                                            TaskTicket ticket) override {
    auto cancel = std::make_shared<CancellationSource>();
    workers_.submit([this, invocation = std::move(invocation), deadline, ticket, cancel] {
      TaskContext context{clock_, deadline, cancel->token(), log_};
      loop_.post_completion(ticket, runner_.invoke(invocation, context).result);
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

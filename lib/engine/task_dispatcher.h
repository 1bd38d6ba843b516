#pragma once
// How the engine runs a Task state's invocation, chosen once when an execution starts — the
// loop never asks which one it has (ninja picks its dry-run or real CommandRunner the same
// way). Internal to the engine.
//
//   inline   (the virtual clock) the runner is called at once, on the loop thread, with
//            TaskContext::simulated set; its result is handed back with the instant it is
//            due: now + the outcome's simulated_seconds. Time stands still during the call.
//   pool     (the real clock) the call runs on a WorkerPool thread; its result is handed back
//            through the loop's mailbox when the worker finishes. The call can be cancelled
//            (its deadline passed, the execution stopped) through the returned source.
//
// Every start() ends in exactly one hand-back (TaskLoop::complete_at, never_completes,
// post_completion or post_no_answer), also for a cancelled call, so the loop can count what
// is in flight. Deadlines are the loop's business, not the dispatcher's: the loop times a
// Task out the same way whichever dispatcher runs it. HeartbeatSeconds (engine/heartbeat.h):
// the inline dispatcher works out from the outcome's heartbeats when a task missed one and
// hands back heartbeat_timeout() then; the pool dispatcher has the loop time a task that
// is held to it (arm_heartbeat) and passes each heartbeat the task sends on (post_heartbeat).
#include <cstdint>
#include <memory>
#include <optional>

#include "core/cancellation.h"
#include "core/clock.h"
#include "core/logger.h"
#include "engine/task.h"

namespace conflictctl::engine {

// The loop's own handle on the Task state that waits for a result; the dispatcher only hands
// it back.
struct TaskTicket {
  void* waiting = nullptr;
  std::uint64_t generation = 0;
};

// What a dispatcher hands results to: the event loop.
class TaskLoop {
 public:
  virtual ~TaskLoop() = default;
  // On the loop thread, during start(): the result is due at `at`.
  virtual void complete_at(Timestamp at, TaskTicket ticket, Result<Json> result) = 0;
  // On the loop thread, during start(): the task will never answer (TaskOutcome::unanswered);
  // only its deadline, or the execution's end, ends it.
  virtual void never_completes(TaskTicket ticket) = 0;
  // From a worker thread: the result is due as soon as the loop takes it.
  virtual void post_completion(TaskTicket ticket, Result<Json> result) = 0;
  // From a worker thread: the call returned, and the task will never answer.
  virtual void post_no_answer(TaskTicket ticket) = 0;
  // On the loop thread, during start(): time the task out (heartbeat_timeout()) when more
  // than `heartbeat_seconds` pass from now without a heartbeat.
  virtual void arm_heartbeat(TaskTicket ticket, double heartbeat_seconds) = 0;
  // From a worker thread: the task sent a heartbeat now.
  virtual void post_heartbeat(TaskTicket ticket) = 0;
};

class TaskDispatcher {
 public:
  virtual ~TaskDispatcher() = default;
  // Runs or starts `invocation` with its `deadline` (nullopt: none). Returns what cancels
  // the call while it runs, or null when the call is already over.
  virtual std::shared_ptr<CancellationSource> start(TaskInvocation invocation,
                                                    std::optional<Timestamp> deadline,
                                                    TaskTicket ticket) = 0;
};

// The dispatcher for `clock`: inline on the virtual clock, a pool of `max_workers` threads on
// the real one. `loop` must outlive it; the pool's destructor waits for its running calls.
std::unique_ptr<TaskDispatcher> make_task_dispatcher(Clock& clock, TaskRunner& runner,
                                                     Logger& log, TaskLoop& loop,
                                                     std::size_t max_workers);

}  // namespace conflictctl::engine

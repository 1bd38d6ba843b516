#pragma once
// Running one invocation against its deadline on the real clock, written once for the callers
// that have no engine loop around them: `conflictctl run TASK` (pipeline/run_task.h) and the
// Lambda runtime (tasks/function_runtime.h).
//
// The invocation runs on a thread of its own while the calling thread waits on `clock` until
// it finishes or `context.deadline` passes. At the deadline `cancel` (the source of
// context.cancel) is cancelled — the task's database statement gets a cancel request, its HTTP
// request is aborted — and the call waits for the task to stop, so its transaction has rolled
// back when this returns. The task's own outcome is returned either way (a task cancelled at
// its deadline reports States.Timeout itself). Without a deadline the task runs on this thread.
//
// The wait after the cancel is bounded: a task that has not stopped kStopGraceMillis (real
// time, also on the virtual clock) after it
// (a server that neither answers nor lets go) is left to finish on its own and the call
// returns States.Timeout saying so. The abandoned thread then sees a clock and a log of its
// own (the caller's may be gone) and its own copy of the invocation; `runner` must outlive it
// (both callers' runners live as long as the process).
#include "core/cancellation.h"
#include "core/clock.h"
#include "engine/task.h"

namespace conflictctl::tasks {

// The database session gives up 5 s after a cancel (db/postgres.h), a connect takes at most
// 10 s; this leaves room for both.
inline constexpr int kStopGraceMillis = 20000;

engine::TaskOutcome invoke_with_deadline(engine::TaskRunner& runner, const engine::TaskInvocation& invocation,
                                 engine::TaskContext& context, Clock& clock, CancellationSource& cancel,
                                 Millis stop_grace = Millis(kStopGraceMillis));

}  // namespace conflictctl::tasks

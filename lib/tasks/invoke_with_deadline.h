#pragma once
// Running one invocation against its deadline on the real clock, written once for the callers
// that have no engine loop around them: `conflictctl run TASK` (pipeline/run_task.h) and the
// Lambda runtime (tasks/function_runtime.h).
//
// The invocation runs on a thread of its own while the calling thread waits on `clock` until
// it finishes or `context.deadline` passes. At the deadline `cancel` (the source of
// context.cancel) is cancelled — the task's database statement gets PQcancel, its HTTP request
// is aborted — and the call waits for the task to stop, so its transaction has rolled back
// when this returns. The task's own outcome is returned either way (a task cancelled at its
// deadline reports States.Timeout itself). Without a deadline the task runs on this thread.
#include "core/cancellation.h"
#include "core/clock.h"
#include "tasks/task.h"

namespace conflictctl::tasks {

TaskOutcome invoke_with_deadline(TaskRunner& runner, const TaskInvocation& invocation,
                                 TaskContext& context, Clock& clock, CancellationSource& cancel);

}  // namespace conflictctl::tasks

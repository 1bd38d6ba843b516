#pragma once
// HeartbeatSeconds: how long a Task may go without a heartbeat.
//
// AWS, SendTaskHeartbeat: a heartbeat "resets the Heartbeat clock. The Heartbeat threshold is
// specified in the state machine's Amazon States Language definition (HeartbeatSeconds)";
// a task that misses it times out: AWS's histories record TaskTimedOut (for a Lambda
// function LambdaFunctionTimedOut) and ExecutionFailed with the error States.Timeout, and a
// Retrier or Catcher matches it with States.Timeout, States.ALL or States.HeartbeatTimeout
// ("available inside the Catch and Retry fields"), never with States.TaskFailed. The clock
// starts with the task, so the time to the first heartbeat counts too, and from the last
// heartbeat to the task's end. The Task's TimeoutSeconds, when it comes first, wins.
//
// Inside the engine, a dispatcher reports a missed heartbeat as the error heartbeat_timeout()
// makes (named States.HeartbeatTimeout); the interpreter records and handles it as_timeout().
//
// Which tasks are held to it:
//  - a task that ends only when someone answers with its task token (.waitForTaskToken, an
//    activity), always: AWS, "A task that is waiting for a task token will wait until the
//    execution reaches the one year service limit. To avoid stuck executions you can
//    configure a heartbeat timeout interval"; a mocked answer without "Heartbeats" sent none;
//  - a mock that lists "Heartbeats" (docs/mock-config.md), on the virtual clock;
//  - a runner whose sends_heartbeats() says so (engine/task.h), on the real clock: the
//    dispatcher hands it a HeartbeatReporter (TaskContext::heartbeat) and the loop keeps a
//    heartbeat deadline that each heartbeat moves on; when it passes, the task is cancelled
//    as at its TimeoutSeconds (its late result is ignored).
// Any other task is not held to it (a Lambda function cannot send heartbeats).
//
// On the virtual clock the inline dispatcher works the time out from the heartbeats the
// outcome lists (missed_heartbeat); on the real clock the loop times it (TaskLoop).
#include <optional>
#include <vector>

#include "core/error.h"

namespace conflictctl::engine {

// The seconds after its start at which a task that ran `took` seconds and sent heartbeats at
// `beats` (ascending) had gone more than `heartbeat_seconds` without one; nullopt when it
// never did. A heartbeat exactly `heartbeat_seconds` after the last is in time.
std::optional<double> missed_heartbeat(const std::vector<double>& beats, double took,
                                       double heartbeat_seconds);

// A dispatcher's report of a missed heartbeat, with a cause naming the HeartbeatSeconds:
//   "The task sent no heartbeat for more than its HeartbeatSeconds (5 s)."
Error heartbeat_timeout(double heartbeat_seconds);

// True for heartbeat_timeout()'s errors.
bool is_missed_heartbeat(const Error& error);

// A missed heartbeat as the history and the state machine see it: States.Timeout, same cause.
Error as_timeout(const Error& missed_heartbeat);

}  // namespace conflictctl::engine

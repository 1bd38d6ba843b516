#pragma once
// HeartbeatSeconds: how long a Task may go without a heartbeat.
//
// AWS, SendTaskHeartbeat: a heartbeat "resets the Heartbeat clock. The Heartbeat threshold is
// specified in the state machine's Amazon States Language definition (HeartbeatSeconds)";
// a task that misses it fails with States.HeartbeatTimeout, recorded as the task timing out
// (TaskTimedOut, LambdaFunctionTimedOut). The clock starts with the task, so the time to the
// first heartbeat counts too, and from the last heartbeat to the task's end. Enforced on
// tasks that report heartbeats (TaskOutcome::heartbeats: mocks on the virtual clock,
// "Heartbeats" in the mock configuration), by the inline dispatcher; not on the real clock.
// The Task's TimeoutSeconds, when it comes first, wins (States.Timeout).
#include <optional>
#include <vector>

#include "core/error.h"

namespace conflictctl::engine {

// The seconds after its start at which a task that ran `took` seconds and sent heartbeats at
// `beats` (ascending) had gone more than `heartbeat_seconds` without one; nullopt when it
// never did. A heartbeat exactly `heartbeat_seconds` after the last is in time.
std::optional<double> missed_heartbeat(const std::vector<double>& beats, double took,
                                       double heartbeat_seconds);

// States.HeartbeatTimeout, with a cause naming the HeartbeatSeconds.
Error heartbeat_timeout(double heartbeat_seconds);

}  // namespace conflictctl::engine

#pragma once
// How long a Wait state waits and how long a Task may run.
//
// Wait (spec): exactly one of Seconds, Timestamp, SecondsPath, TimestampPath. "If the
// timestamp is in the past, the state proceeds at once." A timestamp counts to the second:
// "Step Functions considers the time value up to seconds and truncates milliseconds."
// SecondsPath must select an integer from 0 to 99999999 (the bound CreateStateMachine puts
// on Seconds), TimestampPath an RFC 3339 timestamp, else States.Runtime.
// Task: TimeoutSeconds, or TimeoutSecondsPath selecting an integer from 1 to 99999999 from
// the state's input (else States.Runtime). No timeout when neither is given: Step Functions then waits
// as long as the execution may run.
#include <optional>

#include "asl/model.h"
#include "core/error.h"
#include "core/json.h"
#include "core/timestamp.h"
#include "dataflow/path_context.h"

namespace conflictctl::engine {

using dataflow::PathContext;  // dataflow/path_context.h

// When the Wait ends, given its input (after InputPath) and the time it was entered.
Result<Timestamp> wait_until(const asl::WaitSpec& wait, const Json& input,
                             const PathContext& context,
                             Timestamp now);

// The Task's timeout in seconds, or nullopt for none.
Result<std::optional<double>> task_timeout(const asl::TaskSpec& task, const Json& input,
                                           const PathContext& context);

}  // namespace conflictctl::engine

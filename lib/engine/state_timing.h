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
#include "engine/query_language.h"

namespace conflictctl::engine {

using dataflow::PathContext;  // dataflow/path_context.h

// When the Wait ends, given its input (after InputPath) and the time it was entered.
// `jsonata` evaluates a JSONata state's Seconds or Timestamp expression.
Result<Timestamp> wait_until(const asl::WaitSpec& wait, const Json& input,
                             const PathContext& context, Timestamp now,
                             const FieldExpression& jsonata = nullptr);

// The Task's timeout in seconds, or nullopt for none; `jsonata` evaluates a JSONata
// state's TimeoutSeconds expression.
Result<std::optional<double>> task_timeout(const asl::TaskSpec& task, const Json& input,
                                           const PathContext& context,
                                           const FieldExpression& jsonata = nullptr);

// The Task's HeartbeatSeconds, or nullopt for none; `jsonata` evaluates a JSONata state's
// HeartbeatSeconds expression.
Result<std::optional<double>> task_heartbeat(const asl::TaskSpec& task, const Json& input,
                                             const PathContext& context,
                                             const FieldExpression& jsonata = nullptr);

}  // namespace conflictctl::engine

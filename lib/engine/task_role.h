#pragma once
// The role a Task's Credentials name (asl/credentials.h), resolved for one attempt.
//
// JSONPath: "RoleArn" as written, or "RoleArn.$" — a path or an intrinsic function — read
// from the state's raw input and the context object; JSONata: "RoleArn", a string or a
// "{% … %}" expression. Each attempt resolves it again, before the task is scheduled, so the
// scheduled event records the role the attempt uses (taskCredentials, engine/task_events.h).
//
// Errors: what the evaluation fails with (a path that matches nothing: States.Runtime;
// a JSONata error: States.QueryEvaluationError), and States.Runtime when the value is not a
// string holding an IAM role ARN, with a cause that names the value. No role is assumed
// locally: the task runs with the rights of whoever runs conflictctl.
#include <optional>
#include <string>

#include "asl/model.h"
#include "core/error.h"
#include "core/json.h"
#include "engine/query_language.h"

namespace conflictctl::engine {

// The role of the Task state `state` for this attempt; nullopt without Credentials.
Result<std::optional<std::string>> task_role_arn(const asl::State& state,
                                                 const QueryLanguage& language,
                                                 const Json& raw_input, const StateScope& scope);

}  // namespace conflictctl::engine

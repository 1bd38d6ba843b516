#pragma once
// A Task state's "Credentials": the IAM role Step Functions assumes to run the task.
//
// AWS ("Task workflow state"): Credentials "specifies a target role the state machine's
// execution role must assume before invoking the specified Resource. Alternatively, you can
// also specify a JSONPath value or an intrinsic function that resolves to an IAM role ARN at
// runtime based on the execution input. If you specify a JSONPath value, you must prefix it
// with the $. notation." — "This field is supported by the Task types that use Lambda
// functions and a supported AWS service", so not by activities.
//
//   JSONPath: {"RoleArn": "arn:aws:iam::111122223333:role/LambdaRole"}
//             {"RoleArn.$": "$.roleArn"}   {"RoleArn.$": "States.Format('…{}…', $.id)"}
//   JSONata:  {"RoleArn": "arn:…"}         {"RoleArn": "{% $states.input.roleArn %}"}
//
// Locally no role is assumed (tasks run with the caller's own rights); the role is resolved
// for every attempt, checked, and recorded in the scheduled event's taskCredentials, as AWS
// records it (engine/task_events.h).
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"

namespace conflictctl::asl {

// Why `text` is not an IAM role ARN ("arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME"), or ""
// when it is. The account is not checked, so placeholders ("ACCOUNT_ID") are fine.
std::string role_arn_problem(std::string_view text);

struct CredentialsProblem {
  std::string pointer;  // under `pointer` passed in
  std::string message;
};

// The problems of a Credentials object at `pointer` (its ".$" paths are checked with the
// other payload templates): exactly one of RoleArn and (JSONPath only) RoleArn.$; a literal
// RoleArn is an IAM role ARN (JSONata: or a "{% … %}" expression).
std::vector<CredentialsProblem> check_credentials(const Json& credentials,
                                                  const std::string& pointer, bool jsonata);

}  // namespace conflictctl::asl

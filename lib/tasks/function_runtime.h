#pragma once
// The plugins as an AWS Lambda function: the loop a custom runtime's `bootstrap` runs
// (`conflictctl lambda-runtime`, provided.al2023; docs/deploy.md).
//
// Lambda starts the bootstrap once per execution environment and hands it invocations one at
// a time through the Runtime API (aws/runtime_api.h). For each one this loop:
//   1. parses the event (JSON, read by core/json_text.h; anything else, or JSON nested
//      deeper than kMaxJsonDepth, is reported as "Runtime.UnmarshalError");
//   2. calls the runner — the same handler the in-process pipelines bind (tasks/plugins.h) —
//      with the event as payload, engine::TaskInvocation::function = the function's name and
//      `resource` = the invoked function ARN;
//   3. gives the task a deadline `deadline_margin_seconds` before Lambda's own
//      (Lambda-Runtime-Deadline-Ms): when it passes the task is cancelled and rolled back
//      (tasks/invoke_with_deadline.h) while there is still time to report it, instead of
//      being killed mid-transaction;
//   4. posts the result, or the error with its name as errorType and its cause as
//      errorMessage — the same names as in-process, so a definition's Retry and Catch
//      (States.Timeout included) behave alike on Step Functions.
// It serves until the Runtime API fails (Lambda then stops the environment anyway) or, for
// tests, `max_invocations` have been served.
//
// Time comes from `clock` (the real one in production): deadlines are compared with it.
#include <optional>
#include <string>

#include "aws/runtime_api.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/logger.h"
#include "engine/task.h"

namespace conflictctl::tasks {

inline constexpr double kDefaultDeadlineMarginSeconds = 1.0;

struct RuntimeOptions {
  std::string function_name;   // $AWS_LAMBDA_FUNCTION_NAME
  double deadline_margin_seconds = kDefaultDeadlineMarginSeconds;
  std::optional<int> max_invocations;  // Default: serve for ever
};

// Serves invocations. Returns the Runtime API's error that ended the loop, or success after
// `max_invocations`.
Result<void> serve_invocations(const aws::RuntimeApi& api, engine::TaskRunner& runner, Clock& clock,
                               Logger& log, const RuntimeOptions& options);

}  // namespace conflictctl::tasks

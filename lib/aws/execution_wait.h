#pragma once
// Waiting for an execution on AWS Step Functions to end (`conflictctl start --wait`):
// DescribeExecution every `interval`, the waits through the Clock (a VirtualClock makes them
// take no real time), until its status is no longer RUNNING (nor PENDING_REDRIVE).
//
// `steps` (optional) is told started("<name> on AWS Step Functions") before the first call
// and finished(…, "<STATUS>") once it ended, so a terminal shows the wait and its time
// (progress/step_progress.h). A failed call ends the wait with its error (aws/service_client.h
// already retried throttling); the step is then left unfinished.
#include <string>

#include "aws/step_functions.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/steps.h"

namespace conflictctl::aws {

inline constexpr Millis kExecutionPollInterval{2000};  // Default: 2 s between DescribeExecution

// True while an execution with this DescribeExecution status may still change.
bool execution_running(const std::string& status);

Result<ExecutionDescription> wait_for_execution(const StepFunctions& sfn,
                                                const std::string& execution_arn, Clock& clock,
                                                Millis interval = kExecutionPollInterval,
                                                StepObserver* steps = nullptr);

}  // namespace conflictctl::aws

#pragma once
// What a state machine's type forbids in its definition (CreateStateMachine refuses these).
//
// AWS: "Express Workflows support Request Response, but they do not support Run a Job (.sync)
// or Wait for Callback (.waitForTaskToken)"; Express workflows support neither activities nor
// Distributed Map. Standard workflows forbid none of these.
//
// Rules for an EXPRESS machine, each reported at the JSON Pointer of the offending field,
// nested machines included:
//   a Task Resource ending in ".sync" or ".sync:N"   Express state machine does not support
//                                                    '.sync' service integration
//   a Task Resource ending in ".waitForTaskToken"    … '.waitForTaskToken' service integration
//   an activity ARN (arn:aws:states:…:activity:…)    Express state machine does not support
//                                                    Activity ARN
//   a Map whose ProcessorConfig.Mode is DISTRIBUTED  Express state machine does not support
//                                                    Distributed Map
// The same rules hold inside a Standard machine's Distributed Map whose child executions are
// Express (ProcessorConfig.ExecutionType EXPRESS), worded "Express child workflow does not
// support …"; the problems come sorted by pointer then.
#include <string>

#include "asl/model.h"
#include "core/diagnostic.h"
#include "core/workflow_type.h"

namespace conflictctl::asl {

// Every problem `machine` has as a `type` state machine; `file` names it in diagnostics.
Diagnostics check_workflow_type(const StateMachine& machine, WorkflowType type,
                                const std::string& file);

}  // namespace conflictctl::asl

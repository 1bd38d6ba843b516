#pragma once
// The two types of Step Functions state machine, CreateStateMachine's `type`:
//
//   STANDARD (the default)  runs up to a year; its history is kept (GetExecutionHistory) and
//                           holds at most 25,000 events; every integration pattern.
//   EXPRESS                 runs at most five minutes; no history-event quota; its events go
//                           to CloudWatch Logs instead of GetExecutionHistory; only the Request
//                           Response pattern (no `.sync`, no `.waitForTaskToken`), no
//                           activities, no Distributed Map.
//
// The limits are named in asl/limits.h, the definition rules in asl/workflow_rules.h, the
// run-time rules in engine/executor.h.
#include <optional>
#include <string_view>

namespace conflictctl {

enum class WorkflowType { kStandard, kExpress };

// "STANDARD" or "EXPRESS".
std::string_view to_string(WorkflowType type);

// The type named by `text`, exactly as AWS spells it ("STANDARD", "EXPRESS"); nullopt else.
std::optional<WorkflowType> parse_workflow_type(std::string_view text);

}  // namespace conflictctl

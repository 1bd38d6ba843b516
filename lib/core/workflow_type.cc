#include "core/workflow_type.h"

namespace conflictctl {

std::string_view to_string(WorkflowType type) {
  return type == WorkflowType::kExpress ? "EXPRESS" : "STANDARD";
}

std::optional<WorkflowType> parse_workflow_type(std::string_view text) {
  if (text == "STANDARD") return WorkflowType::kStandard;
  if (text == "EXPRESS") return WorkflowType::kExpress;
  return std::nullopt;
}

}  // namespace conflictctl

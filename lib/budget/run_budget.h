#pragma once
// The short budget summary `conflictctl simulate` prints after its report: the worst case
// of the definition (with the Map item counts of this run) and how close this run came to
// the quotas, then where the full report is (`conflictctl budget`, budget/report.h).
//
// For example:
//   Budget
//     Worst case from the definition: 5,616 s for the whole execution; the longest state is
//       ExecuteTask01, up to 2,715 s with its retries.
//     Quotas in this run: largest state input/output 732 B of 262,144 B (0.3 %), 19 of
//       25,000 history events (0.1 %).
//     Full report: conflictctl budget --pipeline conflict_report --include-mock
//   (with "--state-dir DIR" after it when the run was recorded in a directory of its own).
//
// Pure; thread-safe.
#include <string>

#include "asl/model.h"
#include "core/workflow_type.h"
#include "engine/history.h"
#include "engine/run_summary.h"

namespace conflictctl::budget {

struct RunBudgetInputs {
  std::string pipeline;                      // for the `conflictctl budget` command line
  const asl::StateMachine* machine = nullptr;  // the definition that ran; required
  engine::FunctionTimeout function_timeout;  // the bindings' function timeouts
  const engine::History* history = nullptr;  // the run's history; required
  bool mock = false;  // the run was simulated (budget needs --include-mock to measure it)
  WorkflowType type = WorkflowType::kStandard;  // what the run ran as
  // The run's --state-dir as given ("" for the default): the budget command line names it,
  // or it would read another directory's runs.
  std::string state_dir{};
};

std::string format_run_budget(const RunBudgetInputs& inputs);

}  // namespace conflictctl::budget

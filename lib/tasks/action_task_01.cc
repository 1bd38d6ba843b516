// The "task_01" action: TASK_01 — snapshot the conflict map to the temp table
// (conflict/task_01.h).
#include <memory>

#include "conflict/task_01.h"
#include "tasks/action.h"
#include "tasks/mock_figures.h"
#include "tasks/script_action.h"

namespace conflictctl::tasks {

std::unique_ptr<Action> make_task_01_action() {
  return std::make_unique<ScriptAction>(ScriptFigures{.action = "task_01",
                                                      .task = "TASK_01",
                                                      .rows_key = "affected_rows",
                                                      .rows_verb = "affected",
                                                      .rows = mock_figures::kTask01AffectedRows,
                                                      .seconds = mock_figures::kTask01Seconds,
                                                      .work = conflict::run_task_01});
}

}  // namespace conflictctl::tasks

// The "task_02" action: TASK_02 — refresh the existing conflict pairs (conflict/task_02.h).
#include <memory>

#include "conflict/task_02.h"
#include "tasks/action.h"
#include "tasks/mock_figures.h"
#include "tasks/script_action.h"

namespace conflictctl::tasks {

std::unique_ptr<Action> make_task_02_action() {
  return std::make_unique<ScriptAction>(ScriptFigures{.action = "task_02",
                                                      .task = "TASK_02",
                                                      .rows_key = "updated_rows",
                                                      .rows_verb = "updated",
                                                      .rows = mock_figures::kTask02UpdatedRows,
                                                      .seconds = mock_figures::kTask02Seconds,
                                                      .work = conflict::run_task_02});
}

}  // namespace conflictctl::tasks

// The "task_03" action: TASK_03 — insert the new conflict pairs (conflict/task_03.h).
#include <memory>

#include "conflict/task_03.h"
#include "tasks/action.h"
#include "tasks/mock_figures.h"
#include "tasks/script_action.h"

namespace conflictctl::tasks {

std::unique_ptr<Action> make_task_03_action() {
  return std::make_unique<ScriptAction>(ScriptFigures{.action = "task_03",
                                                      .task = "TASK_03",
                                                      .rows_key = "inserted_rows",
                                                      .rows_verb = "inserted",
                                                      .rows = mock_figures::kTask03InsertedRows,
                                                      .seconds = mock_figures::kTask03Seconds,
                                                      .work = conflict::run_task_03});
}

}  // namespace conflictctl::tasks

#pragma once
// ScriptAction: the shape shared by the actions that run one TASK_0x script (task_01,
// task_02, task_03). In mock mode it returns {"statusCode": 200, "body": <task record>}
// (tasks/task_record.h) with fixed figures, takes a fixed time on the virtual clock, and logs
// one info line. Immutable; thread-safe.
#include <string>
#include <string_view>

#include "tasks/action.h"

namespace conflictctl::tasks {

struct ScriptFigures {
  std::string_view action;    // "task_01"
  std::string_view task;      // "TASK_01", as the task record names it
  std::string_view rows_key;  // "affected_rows", "updated_rows", "inserted_rows"
  std::string_view rows_verb; // for the log: "affected", "updated", "inserted"
  long rows = 0;
  double seconds = 0;
};

class ScriptAction final : public Action {
 public:
  explicit ScriptAction(ScriptFigures figures) : figures_(figures) {}
  std::string_view name() const override { return figures_.action; }
  TaskOutcome mock(const Json& event, TaskContext& context) const override;

 private:
  ScriptFigures figures_;
};

}  // namespace conflictctl::tasks

#pragma once
// ScriptAction: the shape shared by the actions that run one TASK_0x script (task_01,
// task_02, task_03). Both modes return {"statusCode": 200, "body": <task record>}
// (tasks/task_record.h). In mock mode the record holds fixed figures and the task takes a
// fixed time on the virtual clock; in database mode it holds the real work's result
// (lib/conflict) and the measured time. Immutable; thread-safe.
#include <string>
#include <string_view>

#include "conflict/job.h"
#include "tasks/action.h"

namespace conflictctl::tasks {

struct ScriptFigures {
  std::string_view action;    // "task_01"
  std::string_view task;      // "TASK_01", as the task record names it
  std::string_view rows_key;  // "affected_rows", "updated_rows", "inserted_rows"
  std::string_view rows_verb; // for the log: "affected", "updated", "inserted"
  long rows = 0;
  double seconds = 0;
  // The real work (database mode).
  Result<Json> (*work)(conflict::Job&) = nullptr;
};

class ScriptAction final : public Action {
 public:
  explicit ScriptAction(ScriptFigures figures) : figures_(figures) {}
  std::string_view name() const override { return figures_.action; }
  engine::TaskOutcome mock(const Json& event, engine::TaskContext& context) const override;
  engine::TaskOutcome run(const Json& event, engine::TaskContext& context,
                  const TaskDatabase& database) const override;

 private:
  ScriptFigures figures_;
};

}  // namespace conflictctl::tasks

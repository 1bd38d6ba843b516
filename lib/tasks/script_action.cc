#include "tasks/script_action.h"

#include <fmt/format.h>

#include "tasks/database_run.h"
#include "tasks/task_record.h"

namespace conflictctl::tasks {

engine::TaskOutcome ScriptAction::mock(const Json&, engine::TaskContext& context) const {
  const ScriptFigures& f = figures_;
  context.log.info(fmt::format("conflict-report: {} (mock): {} rows {} in {} s", f.action,
                               f.rows, f.rows_verb, f.seconds));
  Json record = task_record(f.task, context.clock.now(), f.seconds, f.rows_key, f.rows);
  return engine::TaskOutcome::success(ok_response(std::move(record)), f.seconds);
}

engine::TaskOutcome ScriptAction::run(const Json&, engine::TaskContext& context,
                              const TaskDatabase& database) const {
  const ScriptFigures& f = figures_;
  DatabaseRun run = run_on_database(database, context, f.action, f.work);
  if (!run.result) return {Result<Json>(run.result.error()), std::nullopt};
  return engine::TaskOutcome::success(ok_response(task_record(f.task, run.started, run.seconds,
                                                      *run.result)));
}

}  // namespace conflictctl::tasks

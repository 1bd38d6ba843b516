#pragma once
// One action of the Conflict Report function (tasks/conflict_report.h): what the reference
// Lambda handler runs for an event's "action" (docs/pipelines.md, "The conflict-report
// handler").
//
// An action has two entry points with the same result shapes:
//   mock  — a deterministic result with how long it takes on the virtual clock
//           (tasks/mock_figures.h), and one info line in the context's log;
//   run   — the real work against PostgreSQL (lib/conflict), in one transaction, timed by
//           the context's clock, cancelled at the context's deadline (tasks/database_run.h).
//
// A failure is an Error, never a statusCode 500 payload, so that Retry and Catch see it.
// Thread safety: actions are immutable; mock() and run() may run concurrently.
#include <memory>
#include <string_view>

#include "core/json.h"
#include "engine/task.h"
#include "tasks/task_database.h"

namespace conflictctl::tasks {

class Action {
 public:
  virtual ~Action() = default;
  // The event's "action" value that selects this action, e.g. "task_01".
  virtual std::string_view name() const = 0;
  // The mock result for `event` (an object holding at least "action").
  virtual engine::TaskOutcome mock(const Json& event, engine::TaskContext& context) const = 0;
  // The real result for `event` against `database`.
  virtual engine::TaskOutcome run(const Json& event, engine::TaskContext& context,
                          const TaskDatabase& database) const = 0;
};

// One per file: action_<name>.cc.
std::unique_ptr<Action> make_validate_config_action();
std::unique_ptr<Action> make_task_01_action();
std::unique_ptr<Action> make_task_02_action();
std::unique_ptr<Action> make_task_03_action();
std::unique_ptr<Action> make_get_task02_chunks_action();
std::unique_ptr<Action> make_process_task02_chunk_action();

}  // namespace conflictctl::tasks

#pragma once
// The in-process handlers a bindings file may name, and the runner they make together.
//
// make_runner_for builds a Registry (tasks/registry.h) with one runner per function of the
// bindings, made by that function's handler:
//   "conflict-report" → ConflictReport (tasks/conflict_report.h).
// Modes: kMock runs each handler's mock behaviour (deterministic results and durations on
// the virtual clock). kDatabase runs the real work against `database` (tasks/task_database.h),
// which must then be given; every function of the bindings shares its connection pool.
//
// An unknown handler is a diagnostic at the line of the bindings file that names it, listing
// the known handlers. The registry is returned only when there are no diagnostics.
#include <memory>
#include <string_view>

#include "core/error.h"

#include "core/diagnostic.h"
#include "tasks/bindings.h"
#include "tasks/registry.h"
#include "tasks/task_database.h"

namespace conflictctl::tasks {

enum class TaskMode { kMock, kDatabase };

struct BuiltRunner {
  std::shared_ptr<Registry> runner;  // null when diagnostics is not empty
  Diagnostics diagnostics;
};

// The runner of one handler: "conflict-report" → ConflictReport, in the mode's behaviour.
// Errors ("Configuration.UnknownHandler", "Configuration.MissingDatabase") say which handlers
// exist or that database mode needs `database`. The Lambda runtime builds its function from
// $_HANDLER with this (tasks/function_runtime.h).
Result<std::shared_ptr<engine::TaskRunner>> make_handler(std::string_view handler, TaskMode mode,
                                                 std::shared_ptr<const TaskDatabase> database);

BuiltRunner make_runner_for(const Bindings& bindings, TaskMode mode,
                            std::shared_ptr<const TaskDatabase> database = nullptr);

}  // namespace conflictctl::tasks

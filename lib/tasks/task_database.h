#pragma once
// The database the Conflict Report actions work on in database mode (tasks/plugins.h): the
// settings it was opened with and a pool of at most MAX_WORKERS sessions shared by every
// concurrent invocation (Map iterations, Parallel branches).
#include <memory>

#include "db/pool.h"
#include "db/settings.h"

namespace conflictctl::tasks {

struct TaskDatabase {
  db::ConnectionSettings settings;
  std::shared_ptr<db::Pool> pool;
};

// A pool of settings.max_workers sessions for `settings`, opened by `connector` (default: real
// PostgreSQL connections, db/postgres.h; tests inject faults with their own). Connects lazily,
// so nothing is reached before the first task runs.
std::shared_ptr<TaskDatabase> open_task_database(const db::ConnectionSettings& settings,
                                                 db::Connector connector = nullptr);

}  // namespace conflictctl::tasks

#pragma once
// The run lock: at most one Conflict Report task at a time writes to a conflict schema.
//
// A PostgreSQL transaction-level advisory lock whose key is derived from the conflict schema's
// name (hashtextextended of "conflictctl run <name>"), so two databases' or two schemas' runs
// never block each other, and a crashed or cancelled task releases it with its transaction.
// It is taken with pg_try_…: a task never waits for another; it fails at once with
//   Error{"Database.Busy", "another conflictctl task is running against schema \"conflict\"
//         (backend PID 4711)"}
// (the PID of a backend holding it, or "unknown" when that one finished in the meantime).
//
//   kExclusive  task_01, task_02, task_03, get_task02_chunks
//   kShared     process_task02_chunk: chunks run side by side, never beside the tasks above;
//               each also takes take_chunk_lock for its bucket range, so the same chunk never
//               runs twice at once.
//
// Call inside the task's transaction (db::in_transaction), before any other statement.
#include <cstdint>
#include <string>

#include "core/error.h"
#include "db/database.h"
#include "db/sql_template.h"

namespace conflictctl::conflict {

enum class RunLockMode { kExclusive, kShared };

// The lock's name, hashed to its key in SQL: "conflictctl run <conflict schema>".
std::string run_lock_name(const db::Schemas& schemas);

Result<void> take_run_lock(db::Session& session, const db::Schemas& schemas, RunLockMode mode);

// The exclusive lock of one chunk, the SSN buckets first…last (conflict/chunks.h):
// "conflictctl chunk <conflict schema> <first>-<last>". Database.Busy when another session
// processes the same range.
Result<void> take_chunk_lock(db::Session& session, const db::Schemas& schemas,
                             std::int64_t first_bucket, std::int64_t last_bucket);

}  // namespace conflictctl::conflict

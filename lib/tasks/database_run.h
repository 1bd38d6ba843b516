#pragma once
// What every action does around its real work in database mode, written once:
//   1. lease a session from the pool, tied to the invocation's CancellationToken, so that the
//      engine's deadline (the state's TimeoutSeconds or the Lambda limit) cancels the running
//      statement with PQcancel;
//   2. check that the schema is at the version this binary knows (db/schema.h);
//   3. run the work in its own transaction (the conflict/ functions do) with a Job whose
//      `now` is the task's clock at the start;
//   4. turn the outcome into what the engine expects: the work's result, or an Error. A
//      statement cancelled because the deadline passed is States.Timeout; any other database
//      error keeps its Database.* name, so a Retry on States.TaskFailed (or on
//      Database.ConnectionLost) retries it.
// The measured seconds are returned with the result for the task record.
//
// Heartbeats (engine/heartbeat.h): every statement, script or COPY that returns sends the
// task's heartbeat (TaskContext::heartbeat), so a Task state's HeartbeatSeconds bounds how
// long one statement may run — a statement that runs longer is cancelled with PQcancel, as at
// the deadline, and the state times out (States.Timeout; States.HeartbeatTimeout matches it).
//
// Server-side backstops, for when the cancel cannot reach the server (a lost network, a
// Lambda process killed at its limit): every transaction the work begins sets, local to that
// transaction, through set_config(…, true) with the values as bind parameters,
//   statement_timeout                     the time left before the deadline + 5 s
//   idle_in_transaction_session_timeout   the same (a client gone mid-transaction)
//   lock_timeout                          the same, at most 30 s: a lock held elsewhere fails
//                                         with Database.Busy (SQLSTATE 55P03), never queues
// so a runaway statement ends on its own and releases the run lock. Without a deadline only
// the lock_timeout is set (statement_timeout 0: none).
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "conflict/job.h"
#include "core/error.h"
#include "core/json.h"
#include "engine/task.h"
#include "tasks/task_database.h"

namespace conflictctl::tasks {

inline constexpr std::int64_t kStatementTimeoutMarginMillis = 5000;
inline constexpr std::int64_t kLockTimeoutMillis = 30000;
// A deadline further away than this (a day) is treated as this far.
inline constexpr std::int64_t kMaxBackstopMillis = 86'400'000;

struct BackstopMillis {
  std::int64_t statement = 0;  // statement_timeout and idle_in_transaction_session_timeout
  std::int64_t lock = 0;       // lock_timeout
  friend bool operator==(const BackstopMillis&, const BackstopMillis&) = default;
};

// The backstops for a task with `remaining_seconds` left (nullopt: no deadline).
BackstopMillis backstop_millis(std::optional<double> remaining_seconds);

struct DatabaseRun {
  Result<Json> result;
  Timestamp started;
  double seconds = 0;
};

using DatabaseWork = std::function<Result<Json>(conflict::Job&)>;

DatabaseRun run_on_database(const TaskDatabase& database, engine::TaskContext& context,
                            std::string_view action, const DatabaseWork& work);

}  // namespace conflictctl::tasks

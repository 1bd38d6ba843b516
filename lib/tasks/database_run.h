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
#include <functional>
#include <string_view>

#include "conflict/job.h"
#include "core/error.h"
#include "core/json.h"
#include "tasks/task.h"
#include "tasks/task_database.h"

namespace conflictctl::tasks {

struct DatabaseRun {
  Result<Json> result;
  Timestamp started;
  double seconds = 0;
};

using DatabaseWork = std::function<Result<Json>(conflict::Job&)>;

DatabaseRun run_on_database(const TaskDatabase& database, TaskContext& context,
                            std::string_view action, const DatabaseWork& work);

}  // namespace conflictctl::tasks

#pragma once
// The statements of a Conflict Report task, run one by one inside the task's transaction, with
// what each did: rows and seconds per step, for the task's result ("steps") and the log.
//
// Every statement is a file of sql/tasks/ (embedded into the binary, db/sql_files.h), rendered
// with the job's schema names (db/sql_template.h); values are bind parameters. Seconds come
// from the database's clock (clock_timestamp() − transaction start, sql/tasks/common/
// elapsed.sql), so conflictctl itself never reads the wall time: one extra round trip per step.
//
// The frame of every task, sql/tasks/common/: run_task_transaction takes the run lock
// (run_lock_*.sql, conflict/run_lock.h; not a step) and runs the step tune (tune.sql); the
// tasks that read conflict.settings then run the step settings (settings.sql,
// require_single_settings_row). Each task's own steps follow, listed once, in order, in its
// header (conflict/task_01.h, task_02_refresh.h, task_03.h, chunks.h): step N named <step>
// runs sql/tasks/<task>/NN_<step>.sql, or sql/tasks/pair_search/<step>.sql for the steps of
// the pair search TASK_02 and TASK_03 share (conflict/pair_search.h). The temporary tables
// the steps pass on to each other: conflict/temp_tables.h.
//
// Also the small conversions every task needs (job time and window as parameters, counts out
// of result cells). Not thread-safe: one TaskSteps per task run.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "conflict/job.h"
#include "conflict/run_lock.h"
#include "conflict/window.h"
#include "core/error.h"
#include "core/json.h"
#include "db/database.h"

namespace conflictctl::conflict {

class TaskSteps {
 public:
  explicit TaskSteps(Job& job) : job_(job) {}

  // Runs sql/tasks/<file> as step `step`; records {"rows": affected, "seconds": s} in steps().
  // A missing file is Error{"Conflict.Internal", …}; a failing statement keeps its Database.*
  // error, with the step named in the cause.
  Result<db::Rows> run(std::string_view step, std::string_view file,
                       const db::Params& params = {});

  // Runs `sql`, a statement composed from names the catalog gave (identifiers quoted, e.g.
  // REFRESH MATERIALIZED VIEW), as step `step`, recorded as run() records a file's.
  Result<db::Rows> run_sql(std::string_view step, const std::string& sql,
                           const db::Params& params = {});
  // COPY into a temporary table, recorded as a step.
  Result<std::int64_t> copy(std::string_view step, std::string_view table,
                            const std::vector<std::string>& columns, const db::RowSource& rows);

  // Seconds since the transaction began, by the database's clock.
  Result<double> elapsed();

  // {"<step>": {"rows": n, "seconds": s}, …} in the order the steps ran.
  const Json& steps() const { return steps_; }

  Job& job() { return job_; }

 private:
  Result<void> record(std::string_view step, std::int64_t rows);

  Job& job_;
  Json steps_ = Json::object();
  double last_seconds_ = 0;
};

// The task's start time as a `timestamp` parameter (UTC wall time).
db::Param timestamp_param(Timestamp now);
// A date as a `date` parameter ("YYYY-MM-DD").
db::Param date_param(Date date);

// A cell holding an integer (count(*), bigint ids); 0 for NULL or anything unparsable.
std::int64_t integer_cell(const db::Param& cell);

// Seconds rounded to milliseconds, for result objects.
double round_seconds(double seconds);

// The text of sql/tasks/<file> as embedded, unrendered; Error{"Conflict.Internal", …} when
// the binary lacks it (a broken build).
Result<std::string_view> task_sql(std::string_view file);

// Error{"Conflict.Internal", cause}: a bug or a broken build, never bad data.
Error internal_error(std::string cause);

// Makes the task's transaction fit for large set-based statements: more work_mem for hashes
// and sorts, no JIT compilation (it costs more than it saves on these plans). SET LOCAL: it
// ends with the transaction.
Result<void> tune_transaction(TaskSteps& steps);

// conflict.settings must hold exactly one row (every pair computation reads it):
// Error{"Conflict.InvalidSettings", …} otherwise.
Result<void> require_single_settings_row(TaskSteps& steps);

// The frame of every task: in one transaction (db::in_transaction: all or nothing) take the
// run lock in `mode`, tune the transaction, run `body`, and return its object followed by
// "steps" and "duration_seconds" (the transaction's time by the database's clock, before
// COMMIT). Any error rolls everything back and is returned unchanged.
Result<Json> run_task_transaction(Job& job, RunLockMode mode,
                                  const std::function<Result<Json>(TaskSteps&)>& body);

}  // namespace conflictctl::conflict

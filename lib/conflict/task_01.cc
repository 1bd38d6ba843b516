#include "conflict/task_01.h"

#include "conflict/task_steps.h"
#include "conflict/window.h"

namespace conflictctl::conflict {

namespace {

// Step 0: every copy a `mode: copy` source mapping made, refreshed from the user's tables
// and analyzed (steps "source_refresh <table>", "source_analyze <table>"); nothing without
// such a mapping.
Result<std::int64_t> refresh_source_copies(TaskSteps& steps) {
  Job& job = steps.job();
  auto list = task_sql("task_01/00_source_copies.sql");
  if (!list) return list.error();
  auto copies = job.session.query(*list, {job.schemas.analytics});
  if (!copies) return copies.error();
  for (std::size_t i = 0; i < copies->size(); ++i) {
    const std::string name = copies->at(i, 0).value_or("");
    const std::string copy =
        db::quote_identifier(job.schemas.analytics) + "." + db::quote_identifier(name);
    auto refreshed = steps.run_sql("source_refresh " + name, "REFRESH MATERIALIZED VIEW " + copy);
    if (!refreshed) return refreshed.error();
    // Fresh statistics for the pair search's plans (ANALYZE runs inside the transaction).
    auto analyzed = steps.run_sql("source_analyze " + name, "ANALYZE " + copy);
    if (!analyzed) return analyzed.error();
  }
  return static_cast<std::int64_t>(copies->size());
}

}  // namespace

Result<Json> run_task_01(Job& job) {
  const Window window = window_for(utc_date(job.now));
  const db::Param now = timestamp_param(job.now);
  return run_task_transaction(job, RunLockMode::kExclusive, [&](TaskSteps& steps) -> Result<Json> {
    if (auto settings = require_single_settings_row(steps); !settings) return settings.error();
    auto copies = refresh_source_copies(steps);
    if (!copies) return copies.error();
    auto inserted = steps.run("reminders_insert", "task_01/01_reminders_insert.sql", {now});
    if (!inserted) return inserted.error();
    auto refreshed = steps.run("reminders_refresh", "task_01/02_reminders_refresh.sql");
    if (!refreshed) return refreshed.error();
    auto cleared = steps.run("snapshot_clear", "task_01/03_snapshot_clear.sql");
    if (!cleared) return cleared.error();
    auto copied = steps.run("snapshot_copy", "task_01/04_snapshot_copy.sql",
                            {date_param(window.first), date_param(window.last)});
    if (!copied) return copied.error();
    auto flagged = steps.run("in_progress", "task_01/05_in_progress.sql");
    if (!flagged) return flagged.error();

    Json result = Json::object();
    result["status"] = "success";
    result["affected_rows"] =
        inserted->affected() + refreshed->affected() + copied->affected() + flagged->affected();
    result["reminders_inserted"] = inserted->affected();
    result["reminders_refreshed"] = refreshed->affected();
    result["snapshot_rows"] = copied->affected();
    result["settings_updated"] = flagged->affected();
    if (*copies > 0) result["source_copies_refreshed"] = *copies;
    result["window"] = Json{{"first", format_date(window.first)}, {"last", format_date(window.last)}};
    return result;
  });
}

}  // namespace conflictctl::conflict

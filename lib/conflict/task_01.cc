#include "conflict/task_01.h"

#include "conflict/task_steps.h"
#include "conflict/window.h"

namespace conflictctl::conflict {

Result<Json> run_task_01(Job& job) {
  const Window window = window_for(utc_date(job.now));
  const db::Param now = timestamp_param(job.now);
  return run_task_transaction(job, RunLockMode::kExclusive, [&](TaskSteps& steps) -> Result<Json> {
    if (auto settings = require_single_settings_row(steps); !settings) return settings.error();
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
    result["window"] = Json{{"first", format_date(window.first)}, {"last", format_date(window.last)}};
    return result;
  });
}

}  // namespace conflictctl::conflict

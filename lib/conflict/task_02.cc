#include "conflict/task_02.h"

#include "conflict/task_02_refresh.h"
#include "conflict/task_steps.h"
#include "conflict/window.h"

namespace conflictctl::conflict {

Result<Json> run_task_02(Job& job) {
  const Window window = window_for(utc_date(job.now));
  return run_task_transaction(job, RunLockMode::kExclusive, [&](TaskSteps& steps) -> Result<Json> {
    if (auto settings = require_single_settings_row(steps); !settings) return settings.error();
    auto counts = refresh_conflict_rows(steps, window, std::nullopt);
    if (!counts) return counts.error();
    Json result = Json::object();
    result["status"] = "success";
    result["updated_rows"] = counts->rows_updated();
    result["rows_marked"] = counts->rows_marked;
    result["rows_redetected"] = counts->rows_redetected;
    result["rows_refreshed"] = counts->rows_refreshed;
    result["rows_resolved"] = counts->rows_resolved;
    result["flags_cleared"] = counts->flags_cleared;
    result["conflicts_updated"] = counts->conflicts_updated;
    result["num_keys"] = counts->num_keys;
    result["window"] = Json{{"first", format_date(window.first)}, {"last", format_date(window.last)}};
    return result;
  });
}

}  // namespace conflictctl::conflict

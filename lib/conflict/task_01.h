#pragma once
// TASK_01 — the snapshot before the daily refresh (docs/database.md, "The tasks against the
// reference"), in one transaction under the exclusive run lock (conflict/run_lock.h). Its
// steps, after tune and settings (conflict/task_steps.h), each the file
// sql/tasks/task_01/NN_<step>.sql:
//    0 source_refresh     with a `mode: copy` source mapping (mapping/install.h): each copy
//                         of the user's tables (the materialized views of the analytics schema,
//                         listed by 00_source_copies.sql) refreshed and analyzed, steps
//                         "source_refresh <table>" and "source_analyze <table>"; nothing
//                         otherwise
//    1 reminders_insert   a payer_provider_reminders row for every (payer, provider) link that
//                         has none (created now, no reminder days)
//    2 reminders_refresh  every reminder row takes the current payer name (contract) and
//                         provider name
//    3 snapshot_clear     empty conflictvisitmaps_temp
//    4 snapshot_copy      copy every map row of the window whose conflict exists into it
//                         (status_flag = the conflict's status, con_status_flag = the row's own)
//    5 in_progress        settings.in_progress_flag = 1
// conflict.settings must hold its one row (Conflict.InvalidSettings otherwise).
//
// Result:
//   {"status": "success",
//    "affected_rows": n,          // rows written by steps 1, 2, 4 and 5
//    "reminders_inserted": n, "reminders_refreshed": n, "snapshot_rows": n,
//    "settings_updated": 1,
//    "source_copies_refreshed": n,  // only with a copy mapping: the copies refreshed
//    "window": {"first": "YYYY-MM-DD", "last": "YYYY-MM-DD"},
//    "steps": {"<step>": {"rows": n, "seconds": s}, …}, "duration_seconds": s}
// Errors: Database.Busy (another task runs), Database.* from the statements, nothing written.
#include "conflict/job.h"
#include "core/error.h"
#include "core/json.h"

namespace conflictctl::conflict {

Result<Json> run_task_01(Job& job);

}  // namespace conflictctl::conflict

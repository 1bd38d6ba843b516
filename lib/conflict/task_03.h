#pragma once
// TASK_03 — insert the new conflict pairs, with their ConflictIDs, conflicts rows and GroupIDs
// (conflict-domain.md §4.3, TASK_03_0 + TASK_04 + TASK_05 + TASK_06 of the reference), in one
// transaction under the exclusive run lock:
//   1. pair search in insert mode (conflict/pair_search.h): every pair of eligible, not missed
//      visits of the window with the same SSN and date at different providers; rules 1 and 4
//      only for today and later
//   2. every conflicting pair without a map row is inserted in both orientations (ON CONFLICT
//      (visit_id, con_visit_id) DO NOTHING), status U; so is every in-service/PTO meeting
//      (flags 8 and 9, conflict/session_pairs.h), the session's id standing for a visit id
//   3. ConflictIDs: a visit with map rows keeps its id; new visits are numbered densely by
//      (visit_id, app_visit_id) after the greatest id in use
//   4. a conflicts row (U) for each id that has none
//   5. GroupIDs: connected components over all rows (conflict/group_ids.h); existing rows are
//      written only when their group changes
// A second run over unchanged data inserts and changes nothing.
//
// Result:
//   {"status": "success",
//    "inserted_rows": n,        // map rows inserted (2 per new pair or meeting)
//    "conflict_pairs": n,       // current conflicts, unordered pairs (inserted or not)
//    "session_meetings": n,     // current in-service/PTO meetings (inserted or not)
//    "session_rows_inserted": n,
//    "new_rows": n,             // seven-rule rows without a map row before
//    "conflict_ids_assigned": n (new ids), "conflicts_inserted": n,
//    "rows_given_conflict_id": n (rows inserted or found without one: new session rows
//                                 and rows imported without an id),
//    "groups": {"components": n, "new_groups": n, "rows_changed": n, "rows_updated": n},
//    "window": {…}, "steps": {…}, "duration_seconds": s}
// Errors: Database.Busy, Conflict.InvalidSettings, Database.*; nothing written.
#include "conflict/job.h"
#include "core/error.h"
#include "core/json.h"

namespace conflictctl::conflict {

Result<Json> run_task_03(Job& job);

}  // namespace conflictctl::conflict

#pragma once
// TASK_03 — insert the new conflict pairs, with their ConflictIDs, conflicts rows and GroupIDs
// (TASK_03 + TASK_04 + TASK_05 + TASK_06 of the reference: docs/database.md, "The tasks against
// the reference"), in one transaction under the exclusive run lock. Its steps, after tune and
// settings (conflict/task_steps.h), each the file sql/tasks/task_03/NN_<step>.sql unless it is
// one of the pair search's (sql/tasks/pair_search/<step>.sql) or the COPY; the temporary tables
// they share are conflict/temp_tables.h's:
//
//  1-5 the pair search in insert mode (conflict/pair_search.h):
//    1 pair_search    cx_pair: every pair of eligible, not missed visits of the window with
//                     the same SSN and date at different providers that conflicts; rules 1
//                     and 4 only for today and later
//    2 new_rows       cx_rows: both orientations of every such pair that has no map row yet
//                     (task_03/)
//    3 session_search cx_session_pair: every in-service/PTO meeting (flags 8 and 9)
//    4 describe       cx_side: the descriptive columns of their visits
//    5 session_rows   cx_session_row: the meetings' rows, both orientations
//    6 session_insert the meetings' rows without a map row, status U, no ConflictID or GroupID
//                     yet: the steps below give them theirs like any row still without one
//    7 conflict_ids   cx_cid: a visit with map rows keeps its ConflictID; new visits are
//                     numbered densely by (visit_id, app_visit_id) after the greatest id in use
//    8 group_edges    the GroupID graph: every map row and every new row; its connected
//                     components are computed in C++ (conflict/group_ids.h)
//    9 group_table    cx_group, empty
//   10 group_copy     COPY into cx_group: the visits whose group changes
//   11 insert         the new rows (ON CONFLICT (visit_id, con_visit_id) DO NOTHING), status
//                     U, with their ConflictID and GroupID
//   12 fill_conflict_ids  rows still without a ConflictID take theirs
//   13 update_groups  existing rows whose GroupID changes take it
//   14 new_conflicts  a conflicts row (U) for each id that has none
//   15 new_conflict_ids  the number of ConflictIDs this run gave out
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

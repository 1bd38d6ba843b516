#pragma once
// The work of TASK_02 — refresh the existing conflict pairs and resolve the rest (where it
// differs from the reference: docs/database.md, "The tasks against the reference") — for all
// rows (task_02) or for the rows of one chunk (process_task02_chunk), in the caller's
// transaction, after the run lock and the steps tune and settings (conflict/task_steps.h). Its
// steps, each the file sql/tasks/task_02/NN_<step>.sql unless it is one of the pair search's
// (sql/tasks/pair_search/<step>.sql, conflict/pair_search.h); the temporary tables they share
// are conflict/temp_tables.h's:
//
//    1 mark           cx_marked: the rows with a ConflictID, a visit_date in the window, not
//                     W/I (and, for a chunk, an SSN in its bucket range); the mark is a
//                     temporary table, so rows are written only when they change
//   when a row is marked:
//    2 marked_keys    the number of distinct SSNs marked
//  3-7 the pair search in update mode (conflict/pair_search.h):
//    3 pair_search    cx_pair: every marked seven-rule row's pair, re-evaluated from fresh
//                     source data; only the marked rows' visits are read, so a chunk's cost
//                     is its own rows'
//    4 redetected_rows  cx_rows: the marked rows whose pair still conflicts (task_02/)
//    5 session_search cx_session_pair: the in-service/PTO meetings of the visits of the map's
//                     session rows, in the run's SSN buckets
//    6 describe       cx_side: the descriptive columns of their visits
//    7 session_rows   cx_session_row: the meetings' rows
//    8 redetected_session_rows  the number of marked session rows whose meeting still holds
//    9 refresh        re-detected rows: fresh V/Con columns, derived fields and flags (current
//                     values, not upgrade-only), status U, or D (a side deleted), or R (a side
//                     missed)
//   10 session_refresh  in-service/PTO rows whose meeting holds: fresh columns, U or D
//   11 resolve        the other marked rows: D when a side is deleted, else R
//   in every run:
//   12 clear_update_flag  update_flag NULL on every row of the run's buckets
//   when a row is marked:
//   13 roll_up        the status of each conflict with a marked row: U when any row is U, R
//                     when all are R/D; W and I conflicts untouched
// Rows and conflicts get updated_at/resolve_date = the job's `now` only when they change, so a
// second run over unchanged data writes nothing.
//
// SSN buckets (conflict/pair_search.h): chunks are ranges of buckets, so they are disjoint,
// cover every row, and running all of them equals one task_02 run.
#include <cstdint>
#include <optional>

#include "conflict/pair_search.h"
#include "conflict/task_steps.h"
#include "conflict/window.h"
#include "core/error.h"

namespace conflictctl::conflict {

struct RefreshCounts {
  std::int64_t rows_marked = 0;
  std::int64_t num_keys = 0;           // distinct SSNs of the marked rows
  std::int64_t rows_redetected = 0;    // marked rows whose pair still conflicts (or meets)
  std::int64_t rows_refreshed = 0;     // re-detected rows that changed (content or status)
  std::int64_t rows_resolved = 0;      // not re-detected rows that changed (to R or D)
  std::int64_t flags_cleared = 0;      // other rows whose stale update_flag was cleared
  std::int64_t conflicts_updated = 0;  // conflicts whose status changed

  // Map rows written: refreshed + resolved + cleared.
  std::int64_t rows_updated() const { return rows_refreshed + rows_resolved + flags_cleared; }
};

// `buckets` nullopt: every row (task_02).
Result<RefreshCounts> refresh_conflict_rows(TaskSteps& steps, const Window& window,
                                            std::optional<SsnBuckets> buckets);

}  // namespace conflictctl::conflict

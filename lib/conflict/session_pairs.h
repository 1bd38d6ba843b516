#pragma once
// In-service and PTO meetings (flags 8 and 9; docs/conflict-rules.md, "In-service and PTO
// pairs"), shared by TASK_03 (insert them) and TASK_02 (refresh or resolve them):
//
//   search_sessions   → temporary table cx_session_pair: one row per visit that meets a
//                       session (analytics.inservice or analytics.absence) of the same SSN at
//                       another agency (sql/tasks/pair_search/session_search.sql)
//   session_rows      → temporary table cx_session_row: both orientations of each meeting
//                       with every map column they set (sql/tasks/pair_search/session_rows.sql); needs
//                       cx_side, so it runs after describe_rows (which describes the visits of
//                       cx_session_pair too)
// Temporary tables are dropped at commit.
#include <cstdint>
#include <optional>

#include "conflict/pair_search.h"
#include "conflict/task_steps.h"
#include "conflict/window.h"
#include "core/error.h"

namespace conflictctl::conflict {

// The meetings of the window's visits, of every SSN or of the SSNs in `buckets` (a TASK_02
// chunk). kInsert (TASK_03): of every visit; kUpdate (TASK_02): of the visits of the marked
// session rows (temporary table cx_marked). Returns their number.
Result<std::int64_t> search_sessions(TaskSteps& steps, const Window& window, PairMode mode,
                                     std::optional<SsnBuckets> buckets = std::nullopt);

// cx_session_pair + cx_side → cx_session_row. Returns the number of rows (two per meeting).
Result<std::int64_t> session_rows(TaskSteps& steps);

}  // namespace conflictctl::conflict

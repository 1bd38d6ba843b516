#pragma once
// TASK_02 — refresh the existing conflict pairs and resolve the rest, over every row, in one
// transaction under the exclusive run lock. The steps and their rules are those of
// conflict/task_02_refresh.h; process_task02_chunk (conflict/chunks.h) runs the same work for
// one chunk.
//
// Result:
//   {"status": "success",
//    "updated_rows": n,        // map rows written: refreshed + resolved + flags cleared
//    "rows_marked": n, "rows_redetected": n, "rows_refreshed": n, "rows_resolved": n,
//    "flags_cleared": n, "conflicts_updated": n, "num_keys": n (distinct SSNs marked),
//    "window": {"first": "YYYY-MM-DD", "last": "YYYY-MM-DD"},
//    "steps": {…}, "duration_seconds": s}
// A second run over unchanged data reports updated_rows 0 and writes nothing.
// Errors: Database.Busy, Conflict.InvalidSettings, Database.*; nothing written.
#include "conflict/job.h"
#include "core/error.h"
#include "core/json.h"

namespace conflictctl::conflict {

Result<Json> run_task_02(Job& job);

}  // namespace conflictctl::conflict

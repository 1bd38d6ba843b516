#pragma once
// The pair search TASK_03 (insert mode) and TASK_02 (update mode) share: the rules of
// docs/conflict-rules.md, set-based, inside the task's transaction. Its steps, always in this
// order (files: sql/tasks/pair_search/<step>.sql; the tables: conflict/temp_tables.h):
//
//   (views mode only, for analytics.visit, patient_address and caregiver when they are the
//   views of a `mode: views` source mapping, lib/mapping/install.h:)
//   snapshot_visit   → cx_visit: the window's visits, read once through the view; then
//                     snapshot_visit_index, snapshot_visit_analyze (snapshot_visit.sql says why)
//   snapshot_address → cx_address: the addresses; snapshot_address_index, …_analyze
//   snapshot_caregiver → cx_caregiver: the eligible caregivers; …_index, …_analyze
//                     The files below read {visits}, {addresses} and {eligible_caregivers}: the
//                     analytics tables and conflict.eligible_caregiver, or these snapshots.
//   snapshot_plan, snapshot_plan_end: around pair_search, no nested loops (snapshot_plan.sql)
//   pair_search     → cx_pair: one row per conflicting unordered pair (a_id < b_id in C order)
//                     with its flags, distance, speed, ETA, both sides' points and both
//                     orientations' minute_diff (pair_search.sql explains the SQL and why it
//                     is shaped for parallel workers)
//   the task's rows step (RowsStep) → cx_rows: the seven-rule rows the task is about to
//                     write, from cx_pair
//   session_search  → cx_session_pair: the in-service and PTO meetings (flags 8 and 9;
//                     docs/conflict-rules.md, "In-service and PTO pairs"): one row per visit
//                     that meets a session of the same SSN at another agency
//   describe        → cx_side: the descriptive map columns (provider name, contract, service
//                     code, times, billing, …) of every visit of cx_rows and cx_session_pair
//   session_rows    → cx_session_row: both orientations of each meeting, with every map
//                     column they set
// The task's step list numbers these five steps, not the snapshot steps of views mode
// (conflict/task_02_refresh.h, task_03.h).
//
// SSN buckets: bucket(ssn) = hashtextextended(ssn, 0) & 4095, stable across PostgreSQL
// versions (hash partitioning relies on it). TASK_02's chunks are ranges of buckets.
#include <cstdint>
#include <optional>
#include <string_view>

#include "conflict/task_steps.h"
#include "conflict/window.h"
#include "core/error.h"

namespace conflictctl::conflict {

inline constexpr std::int64_t kSsnBucketCount = 4096;

// Buckets first…last, inclusive; 0 ≤ first ≤ last < kSsnBucketCount.
struct SsnBuckets {
  std::int64_t first = 0;
  std::int64_t last = kSsnBucketCount - 1;
};

// kInsert (TASK_03): every candidate pair of the eligible, not missed visits of the window
// (rules 1 and 4 only for visit dates from today on), and the meetings of every visit.
// kUpdate (TASK_02): the pairs of the rows TASK_02 marks (in `buckets`, or all), re-evaluated
// from fresh data, missed visits included; and the meetings of the visits of the map's
// session rows (in_service_flag or pto_flag 'Y') whose SSN is in `buckets`: TASK_02
// re-evaluates the meetings it has, TASK_03 finds new ones.
enum class PairMode { kInsert, kUpdate };

// The task's step that makes cx_rows from cx_pair: its name in "steps" and its file under
// sql/tasks/.
struct RowsStep {
  std::string_view step;
  std::string_view file;
};

struct PairSearch {
  std::int64_t pairs = 0;     // conflicting pairs (rows of cx_pair)
  std::int64_t rows = 0;      // rows the task's rows step made (cx_rows)
  std::int64_t meetings = 0;  // in-service/PTO meetings (rows of cx_session_pair)
};

// Runs the five steps above; the first error ends the search and is returned unchanged.
Result<PairSearch> search_pairs(TaskSteps& steps, const Window& window, PairMode mode,
                                const RowsStep& rows,
                                std::optional<SsnBuckets> buckets = std::nullopt);

}  // namespace conflictctl::conflict

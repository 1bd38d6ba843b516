#pragma once
// The pair search shared by TASK_03 (insert mode) and TASK_02 (update mode): the rules of
// docs/conflict-rules.md, set-based, inside the task's transaction
// (sql/tasks/pair_search/pair_search.sql explains the SQL and why it is shaped for parallel
// workers).
//
//   search_pairs    → temporary table cx_pair: one row per conflicting unordered pair
//                     (a_id < b_id in C order) with its flags, distance, speed, ETA, both
//                     sides' points and both orientations' minute_diff
//   describe_rows   → temporary table cx_side: the descriptive map columns (provider name,
//                     contract, service code, zip, county, times, billing, …) of every visit
//                     of the rows the task is about to write (temporary table cx_rows, made by
//                     the task)
// Temporary tables are dropped at commit.
//
// SSN buckets: bucket(ssn) = hashtextextended(ssn, 0) & 4095, stable across PostgreSQL
// versions (hash partitioning relies on it). TASK_02's chunks are ranges of buckets.
#include <cstdint>
#include <optional>

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

// kInsert (TASK_03): every candidate pair of the eligible, not missed visits of the window;
// rules 1 and 4 only for visit dates from today on.
// kUpdate (TASK_02): the pairs of the rows TASK_02 marks (in `buckets`, or all), re-evaluated
// from fresh data, missed visits included.
enum class PairMode { kInsert, kUpdate };

// Returns the number of conflicting pairs (rows of cx_pair).
Result<std::int64_t> search_pairs(TaskSteps& steps, const Window& window, PairMode mode,
                                  std::optional<SsnBuckets> buckets = std::nullopt);

// cx_rows → cx_side. Returns the number of visits described.
Result<std::int64_t> describe_rows(TaskSteps& steps);

}  // namespace conflictctl::conflict

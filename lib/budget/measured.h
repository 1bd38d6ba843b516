#pragma once
// Measured durations: for each Task state, how long its invocations took over N recorded
// runs of one pipeline, against the per-invocation limit.
//
// Every attempt of a Task is one invocation (a retry is another). For each Task state:
//   - per invocation: min, median, p95 (nearest rank) and max over every invocation of
//     every run, failed and timed-out ones included (a timed-out attempt lasted its limit);
//   - run-to-run spread: (max − min) / median of the per-run durations, where a run's
//     duration is its longest invocation of the state (needs two runs);
//   - the limit (budget/task_limits.h) and the zone of the longest invocation
//     (engine::zone_for: safe below 80 %, warning up to 100 %, over beyond);
//   - rows per second, when the tasks report row counts (engine::StateSummary::rows):
//     the rows of successful invocations over their summed seconds.
// Each run is read with engine::summarize, from its own definition and history.
//
// Which runs count: real runs (not mock, not on the virtual clock) that finished; mock runs
// and virtual-clock runs only with include_mock. Runs left out are listed with the reason.
//
// Pure; thread-safe.
#include <optional>
#include <string>
#include <vector>

#include "budget/run_store.h"
#include "budget/statistics.h"
#include "budget/task_limits.h"
#include "engine/run_summary.h"

namespace conflictctl::budget {

struct MeasureOptions {
  bool include_mock = false;  // Default: real runs only
};

// One Task state in one run.
struct RunSample {
  std::string run;                // the record's id
  std::size_t invocations = 0;
  std::size_t succeeded = 0;
  double longest_seconds = 0;     // the run's longest invocation
  double succeeded_seconds = 0;   // summed over its successful invocations
  std::optional<long long> rows;  // rows its invocations reported, summed
  std::optional<long long> map_items;  // items of the Map running this Task, if inside one
};

struct MeasuredTask {
  TaskState task;                 // name, resource, Map, limit (from the newest run)
  Summary seconds;                // per invocation, over all runs
  std::size_t failed = 0;         // invocations that failed (not timed out)
  std::size_t timed_out = 0;
  std::vector<RunSample> runs;    // newest first; only runs in which the state ran
  std::optional<double> spread;   // of runs[i].longest_seconds
  std::optional<double> used;     // seconds.max / limit (1.0 = the whole limit)
  std::optional<engine::Zone> zone;  // of seconds.max; nullopt without a limit
  std::optional<long long> rows;  // summed over all runs
  std::optional<double> rows_per_second;
};

struct Measured {
  std::vector<std::string> runs;     // ids measured, newest first
  std::vector<std::string> skipped;  // "<id>: <why>", one per record left out
  std::size_t mock_runs_skipped = 0;
  std::vector<MeasuredTask> tasks;   // Task states that ran, in the newest definition's order
};

// `records`: one pipeline's runs, newest first (as RunStore::list gives them).
Measured measure(const std::vector<RunRecord>& records, const MeasureOptions& options);

// True for a run that counts as measured without include_mock.
bool is_real_run(const std::string& mode, bool virtual_clock);

}  // namespace conflictctl::budget

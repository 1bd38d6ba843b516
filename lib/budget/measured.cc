#include "budget/measured.h"

#include <fmt/format.h>

#include <map>

#include "budget/history_flows.h"
#include "budget/recorded_execution.h"

namespace conflictctl::budget {

namespace {

void add_sample(MeasuredTask& measured, const engine::StateSummary& state, RunSample sample,
                std::vector<double>& seconds) {
  for (const auto& invocation : state.invocations) {
    seconds.push_back(invocation.seconds);
    sample.invocations++;
    sample.longest_seconds = std::max(sample.longest_seconds, invocation.seconds);
    if (invocation.outcome == "SUCCEEDED") {
      sample.succeeded++;
      sample.succeeded_seconds += invocation.seconds;
    } else if (invocation.outcome == "TIMED_OUT") {
      measured.timed_out++;
    } else {
      measured.failed++;
    }
  }
  sample.rows = state.rows;
  measured.runs.push_back(std::move(sample));
}

void finish(MeasuredTask& measured, const std::vector<double>& seconds) {
  measured.seconds = summarize(seconds);
  std::vector<double> per_run;
  long long rows = 0;
  double rows_seconds = 0;
  bool any_rows = false;
  for (const RunSample& run : measured.runs) {
    per_run.push_back(run.longest_seconds);
    if (!run.rows) continue;
    any_rows = true;
    rows += *run.rows;
    rows_seconds += run.succeeded_seconds;
  }
  measured.spread = spread(per_run);
  if (any_rows) {
    measured.rows = rows;
    if (rows_seconds > 0) measured.rows_per_second = static_cast<double>(rows) / rows_seconds;
  }
  if (const auto& limit = measured.task.limit.seconds; limit && *limit > 0) {
    measured.used = measured.seconds.max / *limit;
    measured.zone = engine::zone_for(measured.seconds.max, *limit);
  }
}

}  // namespace

bool is_real_run(const std::string& mode, bool virtual_clock) {
  return !virtual_clock && mode != "mock";
}

Measured measure(const std::vector<RunRecord>& records, const MeasureOptions& options) {
  Measured out;
  std::map<std::string, std::size_t> position;  // state name → index in out.tasks
  std::vector<std::vector<double>> seconds;     // per task, every invocation
  for (const RunRecord& record : records) {
    if (record.status == "INCOMPLETE") {
      out.skipped.push_back(fmt::format("{}: the run never finished (no history)", record.id));
      continue;
    }
    if (!options.include_mock && !is_real_run(record.mode, record.virtual_clock)) {
      out.mock_runs_skipped++;
      out.skipped.push_back(
          fmt::format("{}: a mock run on the virtual clock (not counted unless asked)", record.id));
      continue;
    }
    auto run = read_recorded_run(record);
    if (!run) {
      out.skipped.push_back(run.error().cause);  // names the run
      continue;
    }
    out.runs.push_back(record.id);
    auto timeouts = recorded_function_timeouts(record.function_timeouts);
    for (TaskState& task : task_states(*run->machine, timeouts)) {
      if (position.count(task.name)) continue;
      position[task.name] = out.tasks.size();
      MeasuredTask measured;
      measured.task = std::move(task);
      out.tasks.push_back(std::move(measured));
      seconds.emplace_back();
    }
    const auto& history = run->execution.history;
    auto items = map_items(history, trace_flows(history));
    auto summary = engine::summarize(*run->machine, run->execution, timeouts);
    for (const auto& state : summary.states) {
      auto found = position.find(state.name);
      if (state.type != "Task" || state.invocations.empty() || found == position.end()) continue;
      MeasuredTask& measured = out.tasks[found->second];
      RunSample sample;
      sample.run = record.id;
      if (auto map = items.find(measured.task.map); map != items.end())
        sample.map_items = map->second;
      add_sample(measured, state, std::move(sample), seconds[found->second]);
    }
  }
  std::vector<MeasuredTask> ran;
  for (std::size_t i = 0; i < out.tasks.size(); ++i) {
    if (out.tasks[i].runs.empty()) continue;
    finish(out.tasks[i], seconds[i]);
    ran.push_back(std::move(out.tasks[i]));
  }
  out.tasks = std::move(ran);
  return out;
}

}  // namespace conflictctl::budget

#include "budget/local_vs_aws.h"

#include <algorithm>

#include "budget/aws_history.h"

namespace conflictctl::budget {

namespace {

const MeasuredTask* find(const Measured& measured, const std::string& state) {
  auto it = std::find_if(measured.tasks.begin(), measured.tasks.end(),
                         [&](const MeasuredTask& task) { return task.task.name == state; });
  return it == measured.tasks.end() ? nullptr : &*it;
}

}  // namespace

LocalVsAws compare_local_and_aws(const std::vector<RunRecord>& records,
                                 const MeasureOptions& options) {
  std::vector<RunRecord> local;
  std::vector<RunRecord> aws;
  for (const RunRecord& record : records)
    (record.mode == kAwsMode ? aws : local).push_back(record);
  const Measured here = measure(local, options);
  const Measured there = measure(aws, options);
  LocalVsAws out{here.runs.size(), there.runs.size(), {}};
  if (here.runs.empty() || there.runs.empty()) return out;

  auto add = [&](const MeasuredTask& task) {
    SideBySideTask row;
    row.state = task.task.name;
    row.depth = task.task.depth;
    if (const MeasuredTask* mine = find(here, row.state)) {
      row.local = mine->seconds;
      row.local_runs = mine->runs.size();
    }
    if (const MeasuredTask* theirs = find(there, row.state)) {
      row.aws = theirs->seconds;
      row.aws_runs = theirs->runs.size();
    }
    if (row.local && row.aws) {
      row.drift_seconds = row.aws->median - row.local->median;
      if (row.local->median > 0) row.drift_fraction = *row.drift_seconds / row.local->median;
    }
    out.tasks.push_back(std::move(row));
  };
  for (const MeasuredTask& task : here.tasks) add(task);
  for (const MeasuredTask& task : there.tasks)
    if (!find(here, task.task.name)) add(task);
  return out;
}

}  // namespace conflictctl::budget

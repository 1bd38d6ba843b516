#pragma once
// Local and AWS figures side by side: for each Task state, its measured invocations in the
// runs made here (simulate, execute: mode "database", "remote", or "mock" with include_mock)
// and in the runs on AWS Step Functions (mode "aws": `conflictctl start --wait`, `history
// import`, budget/aws_history.h), each measured as budget/measured.h measures, and the drift
// between them: AWS's median per invocation minus the local one, in seconds and as a fraction
// of the local median. A state measured on one side only has the other side empty.
//
// Compared only when the records hold both kinds of measured run; else empty.
// Pure; thread-safe.
#include <optional>
#include <string>
#include <vector>

#include "budget/measured.h"
#include "budget/run_store.h"
#include "budget/statistics.h"

namespace conflictctl::budget {

struct SideBySideTask {
  std::string state;
  int depth = 0;                 // as TaskState::depth
  std::size_t local_runs = 0;    // runs in which the state ran
  std::size_t aws_runs = 0;
  std::optional<Summary> local;  // seconds per invocation, over the local runs
  std::optional<Summary> aws;    // over the AWS runs
  std::optional<double> drift_seconds;   // aws->median - local->median
  std::optional<double> drift_fraction;  // drift_seconds / local->median (local median > 0)
};

struct LocalVsAws {
  std::size_t local_runs = 0;  // measured runs of each side
  std::size_t aws_runs = 0;
  std::vector<SideBySideTask> tasks;  // the local runs' order, then states only AWS ran
};

// `records`: one pipeline's runs, newest first. Empty tasks unless both sides have a measured
// run.
LocalVsAws compare_local_and_aws(const std::vector<RunRecord>& records,
                                 const MeasureOptions& options);

}  // namespace conflictctl::budget

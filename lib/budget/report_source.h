#pragma once
// What `conflictctl budget` reads before it reports: the pipeline's recorded runs (RunStore),
// the run to draw, and the definition to analyse.
//
//   runs      the newest `runs` finished runs of the pipeline that count (real runs; mock and
//             virtual-clock runs too with include_mock). Unfinished (INCOMPLETE) runs and
//             `conflictctl run` records (one task, no execution) are never measured.
//   timeline  the run `run` (an id or a unique prefix of one) when given; else the newest
//             measured run; else the newest finished run of the pipeline of any kind (a note
//             says it is not measured).
//   definition  the newest measured run's definition (as it ran) with its function timeouts;
//             else the timeline run's; else — no run recorded — the pipeline's definition
//             file and bindings from the pipelines directory, with a note.
//
// Errors: the runs/ folder cannot be read (State.ReadFailed), `run` not found or ambiguous
// (State.RunNotFound) or unreadable (State.CorruptRecord), or — with no run recorded — an
// unknown pipeline or an invalid definition file (Budget.InvalidDefinition; the cause lists
// every diagnostic, one per line). Records that cannot be read are left out with a note.
#include <optional>
#include <string>

#include "budget/report.h"
#include "budget/run_store.h"

namespace conflictctl::budget {

struct BudgetRequest {
  std::string pipeline = "conflict_report";
  std::size_t runs = 10;             // Default: the newest 10
  std::optional<std::string> run;    // Default: the newest measured run
  std::string pipelines_dir;         // Default (""): pipeline::pipelines_dir()
  ReportOptions options;
};

Result<ReportInputs> gather_report_inputs(const RunStore& store, const BudgetRequest& request);

}  // namespace conflictctl::budget

#pragma once
// The budget report of one pipeline (`conflictctl budget`): measured durations per Task
// invocation (local and AWS runs side by side when there are both), the worst case from the
// definition, growth, quotas, and the timeline of one run.
//
// make_report() assembles it from inputs the caller has read (run records, the definition);
// it does no I/O. The formats:
//   text      aligned tables for a terminal;
//   markdown  the same tables in GitHub-flavoured Markdown;
//   json      every figure, documented field by field in docs/budget.md ("budget JSON fields");
//   html      one self-contained page with the timeline (budget/html.h).
// Text, markdown and html show the same tables (budget/report_tables.h).
//
// Pure; thread-safe.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "asl/model.h"
#include "budget/growth.h"
#include "budget/local_vs_aws.h"
#include "budget/measured.h"
#include "budget/quotas.h"
#include "budget/run_store.h"
#include "budget/timeline.h"
#include "budget/worst_case.h"
#include "core/error.h"
#include "core/json.h"

namespace conflictctl::budget {

struct ReportOptions {
  double scale = 1;                // growth factor of the data; Default: 1 (no growth)
  std::optional<long long> items;  // items of every Map for the worst case; Default: from runs
  bool include_mock = false;       // count mock and virtual-clock runs; Default: real runs only
};

struct ReportInputs {
  std::string pipeline;
  std::string definition_path;
  // The definition analysed for the worst case (the newest run's, or the pipeline's file).
  std::shared_ptr<const asl::StateMachine> machine;
  // Function timeouts for the worst case (of the newest run, or of the bindings).
  engine::FunctionTimeout function_timeout;
  std::vector<RunRecord> records;          // the pipeline's runs to measure, newest first
  std::optional<RunRecord> timeline_run;   // the run drawn as a timeline
  std::vector<std::string> notes;          // the caller's own notes, printed first
  std::size_t mock_runs_left_out = 0;      // mock runs the caller did not pass (for the note)
  ReportOptions options;
};

// One run the report read (measured or drawn).
struct ReportRun {
  std::string id;
  std::string command;
  std::string mode;
  bool virtual_clock = true;
  std::string status;
  Timestamp started;
};

struct BudgetReport {
  std::string pipeline;
  std::string definition_path;
  ReportOptions options;
  std::vector<ReportRun> runs;  // the measured runs, newest first
  Measured measured;
  // Local and AWS runs side by side (budget/local_vs_aws.h); no tasks unless both were measured.
  LocalVsAws local_vs_aws;
  WorstCase worst_case;
  Growth growth;
  std::vector<QuotaUse> quotas;
  std::optional<Timeline> timeline;
  std::vector<std::string> notes;  // plain sentences: what was left out, what is assumed
};

// Errors: a timeline run whose definition or history cannot be read (State.CorruptRecord),
// or an internal error of the worst case. Measured runs that cannot be read are left out
// with a note instead.
Result<BudgetReport> make_report(const ReportInputs& inputs);

enum class ReportFormat { kText, kJson, kMarkdown, kHtml };

// "text", "json", "markdown", "html"; nullopt for anything else.
std::optional<ReportFormat> parse_report_format(const std::string& name);

std::string format_report(const BudgetReport& report, ReportFormat format);

Json to_json(const BudgetReport& report);

}  // namespace conflictctl::budget

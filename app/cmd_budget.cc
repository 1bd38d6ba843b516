// conflictctl budget — the timing budget of a pipeline: measured durations per Task
// invocation over its recorded runs, the worst case from its definition, growth, quotas, and
// the timeline of one run (text, json, markdown, or one self-contained HTML page).
#include <fmt/format.h>

#include "budget/report.h"
#include "budget/report_source.h"
#include "budget/run_store.h"
#include "commands.h"
#include "console.h"
#include "core/private_file.h"
#include "exit_codes.h"
#include "gate_options.h"
#include "run_recording.h"
#include "number_options.h"
#include "output_path.h"

namespace conflictctl::app {

namespace {

struct BudgetOptions {
  std::string pipeline = "conflict_report";
  std::size_t runs = 10;
  std::string run;
  std::string output = "text";
  std::string out;
  double scale = 1;
  long long items = 0;
  bool items_given = false;
  std::string state_dir;
  bool include_mock = false;
  GateCliOptions gate;
};

// Runs, records and definitions the user named or that cannot be read are invalid input;
// anything else the budget cannot compute is a bug.
CommandError budget_error(const Error& error) {
  bool invalid = error.name.starts_with("State.") || error.name.starts_with("Budget.");
  return command_error(invalid ? kInvalidInput : kInternal, error.cause);
}

CommandResult budget(const BudgetOptions& options) {
  budget::RunStore store = open_run_store(options.state_dir);
  budget::BudgetRequest request;
  request.pipeline = options.pipeline;
  request.runs = options.runs;
  if (!options.run.empty()) request.run = options.run;
  request.options.scale = options.scale;
  if (options.items_given) request.options.items = options.items;
  request.options.include_mock = options.include_mock;

  auto inputs = budget::gather_report_inputs(store, request);
  if (!inputs) return budget_error(inputs.error());
  auto report = budget::make_report(*inputs);
  if (!report) return budget_error(report.error());
  std::string text = budget::format_report(*report, *budget::parse_report_format(options.output));
  if (options.out.empty()) {
    fmt::print("{}", text);
  } else {
    if (auto written = write_private_file(options.out, text); !written)
      return command_error(kInvalidInput, written.error().cause);
    note(fmt::format("budget report written to {}", options.out));
  }
  return gate_outcome(
      budget::measured_gate(report->measured, report->worst_case, options.gate.gate()));
}

}  // namespace

void set_budget_command(CLI::App& app, CommandResult& result) {
  auto options = std::make_shared<BudgetOptions>();
  auto* command = app.add_subcommand(
      "budget", "The timing budget of a pipeline: per-invocation durations of its recorded "
                "runs against the Lambda limits, the worst case from its definition, growth, "
                "AWS quotas, and a timeline of one run.");
  command->add_option("--pipeline", options->pipeline, "The pipeline (its recorded runs' name)")
      ->capture_default_str();
  command->add_option("--runs", options->runs, "Measure the newest N runs")
      ->check(positive_integer())
      ->capture_default_str();
  command->add_option("--run", options->run,
                      "The run drawn as a timeline: an id or a unique start of one "
                      "(default: the newest measured run)");
  command->add_option("--output", options->output, "text, json, markdown or html")
      ->check(CLI::IsMember({"text", "json", "markdown", "html"}))
      ->capture_default_str();
  command->add_option("--out", options->out, "Write the report to this file instead of stdout")
      ->check(writable_file());
  command->add_option("--scale", options->scale,
                      "Data growth factor for the growth table (3 = three times the rows)")
      ->check(positive_number())
      ->capture_default_str();
  auto* items = command->add_option("--items", options->items,
                      "Items of every Map state in the worst case (default: the most seen in "
                      "the measured runs)")
      ->check(non_negative_integer());
  add_state_dir_option(*command, options->state_dir);
  add_gate_options(*command, options->gate);
  command->add_flag("--include-mock", options->include_mock,
                    "Also measure mock runs and runs on the virtual clock (simulated durations)");
  command->callback([options, items, &result] {
    options->items_given = items->count() > 0;
    result = budget(*options);
  });
}

}  // namespace conflictctl::app

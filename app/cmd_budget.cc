// conflictctl budget — the timing budget of a pipeline: measured durations per Task
// invocation over its recorded runs, the worst case from its definition, growth, quotas, and
// the timeline of one run (text, json, markdown, or one self-contained HTML page).
#include <fmt/format.h>

#include <algorithm>

#include "asl/resource.h"
#include "budget/cost.h"
#include "budget/report.h"
#include "budget/report_source.h"
#include "budget/run_store.h"
#include "commands.h"
#include "console.h"
#include "core/private_file.h"
#include "deploy/deploy_plan.h"
#include "exit_codes.h"
#include "gate_options.h"
#include "run_recording.h"
#include "number_options.h"
#include "output_path.h"
#include "pipeline/load_pipeline.h"
#include "pipeline/run.h"

namespace conflictctl::app {

namespace {

// --- budget --cost (budget/cost.h) ---

struct CostCliOptions {
  bool cost = false;
  std::string prices;                // Default: aws-prices.json in the pipelines folder
  double runs_per_month = 30;        // Default: a daily run
  std::string architecture;          // Default: the package's (deploy --architecture)
};

// The memory of the function behind a Task's Resource, from the pipeline's bindings; a Lambda
// function they do not bind (or any, without bindings) has Lambda's default 128 MB.
budget::FunctionMemory function_memory(const std::optional<tasks::Bindings>& bindings) {
  return [bindings](const std::string& resource) -> std::optional<int> {
    auto parsed = asl::parse_resource(resource);
    if (!parsed || parsed->kind != asl::ResourceKind::kLambdaFunction) return std::nullopt;
    if (bindings) {
      if (const auto* function = bindings->find(parsed->function.name))
        return function->memory_mb;
    }
    return tasks::kDefaultMemoryMb;
  };
}

// What the runs `report` measured (of `inputs`) cost, at the prices of --prices.
Result<budget::CostEstimate> cost_of_runs(const CostCliOptions& options,
                                          const std::string& pipeline_name,
                                          const budget::ReportInputs& inputs,
                                          const budget::BudgetReport& report) {
  std::string prices_path = options.prices.empty()
                                ? pipeline::pipelines_dir() + "/aws-prices.json"
                                : options.prices;
  auto prices = budget::load_price_table(prices_path);
  if (!prices) return prices.error();
  auto loaded = pipeline::load_pipeline(pipeline::pipelines_dir(), pipeline_name);
  if (!loaded.bindings)
    warning(fmt::format("no bindings for the pipeline {} in {}: its Lambda functions are priced "
                        "at {} MB", pipeline_name, pipeline::pipelines_dir(),
                        tasks::kDefaultMemoryMb));
  auto memory = function_memory(loaded.bindings);
  std::vector<budget::RunUsage> runs;
  for (const budget::RunRecord& record : inputs.records) {
    if (std::find(report.measured.runs.begin(), report.measured.runs.end(), record.id) ==
        report.measured.runs.end())
      continue;
    auto usage = budget::run_usage(record, memory);
    if (!usage) return usage.error();
    runs.push_back(std::move(*usage));
  }
  budget::CostOptions cost;
  cost.architecture = options.architecture.empty() ? std::string(deploy::package_architecture())
                                                   : options.architecture;
  cost.runs_per_month = options.runs_per_month;
  return budget::estimate_cost(runs, *prices, cost);
}

void add_cost_options(CLI::App& command, CostCliOptions& options) {
  command.add_flag("--cost", options.cost,
                   "Estimate a run's and a month's AWS cost from the measured runs "
                   "(Lambda and Step Functions) and a price table");
  command.add_option("--prices", options.prices,
                     "The price table (JSON; default: aws-prices.json beside the pipelines)")
      ->check(CLI::ExistingFile);
  command.add_option("--runs-per-month", options.runs_per_month,
                     "Runs a month, for the month's cost")
      ->check(positive_number())
      ->capture_default_str();
  command.add_option("--architecture", options.architecture,
                     "The functions' architecture, x86_64 or arm64 (default: the package's)")
      ->check(CLI::IsMember({"x86_64", "arm64"}));
}

// --- end of budget --cost ---

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
  CostCliOptions cost;
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
  auto format = *budget::parse_report_format(options.output);
  std::string text = budget::format_report(*report, format);
  if (options.cost.cost) {
    if (format == budget::ReportFormat::kHtml)
      return command_error(kInvalidInput, "--cost is shown in text, markdown and json reports, "
                                          "not in html");
    auto cost = cost_of_runs(options.cost, options.pipeline, *inputs, *report);
    if (!cost) return budget_error(cost.error());
    if (format == budget::ReportFormat::kJson) {
      Json json = Json::parse(text);
      json["cost"] = budget::cost_to_json(*cost);
      text = json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
    } else if (format == budget::ReportFormat::kMarkdown) {
      text += "\n```text\n" + budget::format_cost_text(*cost) + "```\n";
    } else {
      text += "\n" + budget::format_cost_text(*cost);
    }
  }
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
  add_cost_options(*command, options->cost);
  command->add_flag("--include-mock", options->include_mock,
                    "Also measure mock runs and runs on the virtual clock (simulated durations)");
  command->callback([options, items, &result] {
    options->items_given = items->count() > 0;
    result = budget(*options);
  });
}

}  // namespace conflictctl::app

// conflictctl simulate --mock — runs a pipeline of pipelines/ with mocked tasks on the
// virtual clock and reports each state and the Lambda timeout analysis per invocation.
#include <fmt/format.h>

#include "cli_support.h"
#include "commands.h"
#include "exit_codes.h"
#include "pipeline/run.h"

namespace conflictctl::app {

namespace {

struct SimulateOptions {
  bool mock = false;
  std::string pipeline = "conflict_report";
  std::string input = "{}";
  std::string mock_config;
  std::string test_case;
  std::string output = "text";
  std::string history;
  std::uint64_t seed = 0;
};

int simulate(const SimulateOptions& options) {
  if (!options.mock)
    return report_error(
        "simulate needs --mock for now: running the tasks against PostgreSQL comes with the "
        "database layer (issue 3). `conflictctl simulate --mock` runs the pipeline with the "
        "tasks' mock behaviour on the virtual clock.",
        kUsage);
  auto input = parse_json_argument(options.input, "--input");
  if (!input) return report_error(input.error().cause, kInvalidInput);
  pipeline::RunRequest request;
  request.pipeline = options.pipeline;
  request.mode = tasks::TaskMode::kMock;
  if (!options.mock_config.empty())
    request.mocks = pipeline::MockSelection{options.mock_config, "", options.test_case};
  request.input = std::move(*input);
  request.seed = options.seed;

  auto outcome = pipeline::run(request, command_logger());
  if (!outcome.diagnostics.empty()) return report(outcome.diagnostics);
  const auto& result = *outcome.result;
  if (!options.history.empty()) {
    if (auto written = write_json_file(options.history, result.history.to_json()); !written)
      return report_error(written.error().cause, kInvalidInput);
  }
  if (options.output == "json") {
    fmt::print("{}\n", engine::to_json(outcome.summary).dump(2));
  } else {
    fmt::print("Pipeline {} ({}), mocked tasks on the virtual clock\n\n", options.pipeline,
               outcome.bindings ? outcome.bindings->definition : "");
    fmt::print("{}", engine::format_text(outcome.summary, true));
  }
  return result.status == engine::ExecutionStatus::kSucceeded ? kOk : kFailed;
}

}  // namespace

void set_simulate_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<SimulateOptions>();
  auto* command = app.add_subcommand(
      "simulate", "Run a pipeline's state machine end to end and report every state, retry "
                  "and the Lambda timeout analysis per task invocation.");
  command->add_flag("--mock", options->mock,
                    "Use the tasks' mock behaviour on the virtual clock (no database, no AWS)");
  command->add_option("--pipeline", options->pipeline,
                      "Pipeline name in pipelines/ (conflict_report, conflict_report_chunked)")
      ->capture_default_str();
  command->add_option("--input", options->input, "Execution input: JSON text or @file")
      ->capture_default_str();
  auto* mock = command->add_option(
      "--mock-config", options->mock_config,
      "AWS Step Functions Local mock configuration overriding some tasks' responses");
  command->add_option("--test-case", options->test_case,
                      "Test case in the mock configuration (default: the only one)")
      ->needs(mock);
  command->add_option("--output", options->output, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->add_option("--history", options->history,
                      "Write the execution history (GetExecutionHistory format) to this file");
  command->add_option("--seed", options->seed, "Seed for States.UUID, States.MathRandom, jitter")
      ->capture_default_str();
  command->callback([options, &exit_code] { exit_code = simulate(*options); });
}

}  // namespace conflictctl::app

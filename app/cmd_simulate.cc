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
  MachineRunOptions run;
};

int simulate(const SimulateOptions& options) {
  if (!options.mock)
    return report_error(
        "simulate needs --mock for now: running the tasks against PostgreSQL comes with the "
        "database layer (issue 3). `conflictctl simulate --mock` runs the pipeline with the "
        "tasks' mock behaviour on the virtual clock.",
        kUsage);
  pipeline::RunRequest request;
  request.pipeline = options.pipeline;
  request.mode = tasks::TaskMode::kMock;
  auto ran = run_machine(std::move(request), options.run);
  if (const int* code = std::get_if<int>(&ran)) return *code;
  const auto& outcome = std::get<pipeline::RunOutcome>(ran);
  const auto& result = *outcome.result;
  if (options.run.output == "json") {
    fmt::print("{}\n", engine::to_json(outcome.summary).dump(2));
  } else {
    fmt::print("Pipeline {} ({}), mocked tasks on the virtual clock\n\n", options.pipeline,
               outcome.bindings ? outcome.bindings->definition : "");
    fmt::print("{}", engine::format_text(outcome.summary, true));
  }
  return exit_code_for(result);
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
  add_machine_run_options(
      *command, options->run,
      "AWS Step Functions Local mock configuration overriding some tasks' responses");
  command->callback([options, &exit_code] { exit_code = simulate(*options); });
}

}  // namespace conflictctl::app

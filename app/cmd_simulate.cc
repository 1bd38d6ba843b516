// conflictctl simulate [--mock] — runs a pipeline of pipelines/ end to end and reports each
// state and the Lambda timeout analysis per invocation: with --mock, the tasks' mock
// behaviour on the virtual clock; without, the real tasks against PostgreSQL (POSTGRES_* from
// the environment or .env) on the real clock, MAX_WORKERS invocations at a time; with --remote,
// the deployed AWS Lambda functions the definition names (tasks/remote_lambda.h).
#include <fmt/format.h>

#include "budget/gate.h"
#include "budget/history_flows.h"
#include "budget/run_budget.h"
#include "commands.h"
#include "database_settings.h"
#include "engine/run_summary.h"
#include "exit_codes.h"
#include "gate_options.h"
#include "machine_run.h"
#include "pipeline/run.h"
#include "remote_settings.h"
#include "run_recording.h"

namespace conflictctl::app {

namespace {

struct SimulateOptions {
  bool mock = false;
  std::string pipeline = "conflict_report";
  MachineRunOptions run;
  DatabaseOptions database;
  RemoteOptions remote;
  GateCliOptions gate;
};

CommandResult simulate(const SimulateOptions& options) {
  pipeline::RunRequest request;
  request.pipeline = options.pipeline;
  request.mode = options.mock ? tasks::TaskMode::kMock : tasks::TaskMode::kDatabase;
  std::string where = "mocked tasks on the virtual clock";
  if (options.remote.remote) {
    auto settings = load_remote_settings(options.remote);
    if (!settings) return settings.error();
    request.remote = std::move(*settings);
    request.virtual_clock = false;
    where = fmt::format("tasks on {}, real clock", describe_remote(*request.remote));
  } else if (options.mock) {
    // With --mock a .env file named explicitly is still read: a missing or malformed one is
    // an error, never ignored.
    if (options.database.env_file_given)
      if (auto settings = load_database_settings(options.database, SecretRead::kSkip);
          !settings)
        return settings.error();
  } else {
    auto settings = load_database_settings(options.database);
    if (!settings) return settings.error();
    announce_target(*settings);
    request.database = std::move(*settings);
    request.virtual_clock = false;
    where = fmt::format("tasks on PostgreSQL {}, real clock, up to {} at a time",
                        request.database->describe(), request.database->max_workers);
  }
  RunRecorder recorder(options.run.record, "simulate");
  auto ran = run_machine(std::move(request), options.run, recorder,
                         fmt::format("Pipeline {}: {}", options.pipeline, where));
  if (!ran) return ran.error();
  const pipeline::RunOutcome& outcome = *ran;
  const auto& result = *outcome.result;
  const engine::RunSummary summary = engine::summarize(
      *outcome.machine, result, pipeline::function_timeouts(outcome.bindings));
  if (options.run.output == "json") {
    Json printed = engine::to_json(summary);
    printed["seed"] = outcome.seed;
    fmt::print("{}\n", printed.dump(2));
  } else {
    fmt::print("Pipeline {} ({}), {}\n{}\n\n", options.pipeline,
               outcome.bindings ? outcome.bindings->definition : "", where,
               seed_line(outcome.seed));
    fmt::print("{}", engine::format_text(summary, options.mock));
    fmt::print("\n{}", budget::format_run_budget(budget::RunBudgetInputs{
                          options.pipeline, outcome.machine.get(),
                          pipeline::function_timeouts(outcome.bindings), &result.history,
                          options.mock, outcome.type, options.run.record.state_dir}));
  }
  recorder.print_note();
  const int code = exit_code_for(result);
  if (code != kOk || !options.gate.any()) {
    leave_to_exit(std::move(*ran));
    return code;
  }
  budget::WorstCase worst;
  if (options.gate.max_worst_case) {
    budget::WorstCaseOptions analysis;
    analysis.function_timeout = pipeline::function_timeouts(outcome.bindings);
    analysis.map_items = budget::map_items(result.history, budget::trace_flows(result.history));
    auto computed = budget::worst_case(*outcome.machine, analysis);
    if (!computed) return command_error(kInternal, computed.error().cause);
    worst = std::move(*computed);
  }
  return gate_outcome(budget::run_gate(summary, worst, options.gate.gate()));
}

}  // namespace

void set_simulate_command(CLI::App& app, CommandResult& result) {
  auto options = std::make_shared<SimulateOptions>();
  auto* command = app.add_subcommand(
      "simulate", "Run a pipeline's state machine end to end and report every state, retry "
                  "and the Lambda timeout analysis per task invocation.");
  auto* mock = command->add_flag("--mock", options->mock,
                    "Use the tasks' mock behaviour on the virtual clock (no database, no AWS); "
                    "without it the tasks run against PostgreSQL");
  command->add_option("--pipeline", options->pipeline,
                      "Pipeline name in pipelines/ (conflict_report, conflict_report_chunked, "
                      "conflict_report_daily)")
      ->capture_default_str();
  add_database_options(*command, options->database);
  add_remote_options(*command, options->remote, mock);
  add_gate_options(*command, options->gate);
  add_machine_run_options(
      *command, options->run,
      "AWS Step Functions Local mock configuration overriding some tasks' responses");
  command->callback([options, &result] { result = simulate(*options); });
}

}  // namespace conflictctl::app

// conflictctl start PIPELINE [--input JSON|@file] [--wait] — starts an execution of the
// pipeline's state machine deployed on AWS Step Functions (named as `conflictctl deploy` names
// it); with --wait, waits for it to end (aws/execution_wait.h), brings its history back into
// the run store (budget/aws_history.h) and prints the report `simulate` prints, with the
// durations AWS measured; the exit code is a local run's (kFailed when it did not succeed).
#include <fmt/format.h>

#include "aws/credentials.h"
#include "aws/execution_wait.h"
#include "aws_runs.h"
#include "budget/recorded_execution.h"
#include "budget/run_budget.h"
#include "budget/task_limits.h"
#include "commands.h"
#include "console.h"
#include "engine/run_summary.h"
#include "exit_codes.h"
#include "json_argument.h"
#include "machine_run.h"
#include "pipeline/run.h"
#include "progress/step_progress.h"
#include "run_recording.h"

namespace conflictctl::app {

namespace {

struct StartOptions {
  std::string pipeline;
  std::string input = "{}";
  std::string account_id;
  bool wait = false;
  bool quiet = false;
  RecordOptions record;
};

CommandResult start(const StartOptions& options) {
  auto context = aws_run_context(options.pipeline, "start");
  if (!context) return context.error();
  auto input = parse_json_argument(options.input, "--input");
  if (!input) return input.error();
  std::string account = options.account_id;
  if (account.empty())
    account = aws::system_environment().variable("AWS_ACCOUNT_ID").value_or("");
  if (account.empty())
    return command_error(kInvalidInput, "start needs the AWS account id of the state machine's "
                                        "ARN: give --account-id or set AWS_ACCOUNT_ID");
  auto connection = connect_step_functions();
  if (!connection) return connection.error();
  const aws::StepFunctions& sfn = *(*connection)->sfn;
  const std::string machine_arn = fmt::format("arn:aws:states:{}:{}:stateMachine:{}",
                                              (*connection)->region, account, options.pipeline);
  auto execution = sfn.start_execution(machine_arn, to_compact(*input));
  if (!execution) return command_error(aws_exit_code(execution.error()), execution.error().cause);
  if (!options.wait) {
    fmt::print("{}\n", *execution);
    return kOk;
  }

  std::unique_ptr<progress::Terminal> terminal = progress_terminal(options.quiet);
  std::optional<progress::StepProgress> steps;
  if (terminal) steps.emplace(*terminal, (*connection)->clock);
  auto ended = aws::wait_for_execution(sfn, *execution, (*connection)->clock,
                                       aws::kExecutionPollInterval, steps ? &*steps : nullptr);
  if (!ended) return command_error(aws_exit_code(ended.error()), ended.error().cause);
  auto history = sfn.execution_history(*execution);
  if (!history) return command_error(aws_exit_code(history.error()), history.error().cause);
  auto record = budget::record_from_aws_history(*history, *execution, *context);
  if (!record) return command_error(kInvalidInput, record.error().cause);
  auto run = budget::read_recorded_run(*record);
  if (!run) return command_error(kInvalidInput, run.error().cause);

  const engine::FunctionTimeout timeouts =
      budget::recorded_function_timeouts(record->function_timeouts);
  const engine::RunSummary summary = engine::summarize(*run->machine, run->execution, timeouts);
  fmt::print("Pipeline {} ({}), on AWS Step Functions in {}\nexecution {}\n\n", options.pipeline,
             context->definition_path, (*connection)->region, *execution);
  fmt::print("{}", engine::format_text(summary, false));
  fmt::print("\n{}", budget::format_run_budget(budget::RunBudgetInputs{
                        options.pipeline, run->machine.get(), timeouts, &run->execution.history,
                        false, context->type, options.record.state_dir}));
  if (!options.record.no_record) {
    budget::RunStore store = open_run_store(options.record.state_dir);
    auto id = store.begin(*record);
    auto written = id ? store.finish(*record) : Result<void>(id.error());
    if (written)
      note(recorded_note(record->id, options.record.state_dir));
    else
      warning(fmt::format("run not recorded: {}: {}", written.error().name,
                          written.error().cause));
  }
  return exit_code_for(run->execution);
}

}  // namespace

void set_start_command(CLI::App& app, CommandResult& result) {
  auto options = std::make_shared<StartOptions>();
  auto* command = app.add_subcommand(
      "start", "Start an execution of a pipeline deployed on AWS Step Functions; with --wait, "
               "wait for it and report it as simulate does, with AWS's durations.");
  command->add_option("PIPELINE", options->pipeline,
                      "The pipeline of pipelines/ (its state machine as deploy named it)")
      ->required();
  command->add_option("--input", options->input, "Execution input: JSON text or @file")
      ->capture_default_str();
  command->add_option("--account-id", options->account_id,
                      "The account in the state machine's ARN (default: $AWS_ACCOUNT_ID)");
  command->add_flag("--wait", options->wait,
                    "Wait for the execution to end, record its history for `history` and "
                    "`budget`, report it, and exit as a local run would");
  add_record_options(*command, options->record);
  command->add_flag("-q,--quiet", options->quiet,
                    "No live progress on stderr (drawn only when stderr is a terminal)");
  command->callback([options, &result] { result = start(*options); });
}

}  // namespace conflictctl::app

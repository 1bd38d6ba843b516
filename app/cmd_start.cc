// conflictctl start PIPELINE [--input JSON|@file] [--wait] — starts an execution of the
// pipeline's state machine deployed on AWS Step Functions (named as `conflictctl deploy` names
// it); with --wait, waits for it to end (aws/execution_wait.h), brings its history back into
// the run store (budget/aws_history.h) and prints the report `simulate` prints, with the
// durations AWS measured; the exit code is a local run's (kFailed when it did not succeed).
#include <fmt/format.h>

#include "aws/credentials.h"
#include "aws_runs.h"
#include "commands.h"
#include "exit_codes.h"
#include "json_argument.h"

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
  const std::string machine_arn = fmt::format("arn:aws:states:{}:{}:stateMachine:{}",
                                              (*connection)->region, account, options.pipeline);
  auto execution = (*connection)->sfn->start_execution(machine_arn, to_compact(*input));
  if (!execution) return command_error(aws_exit_code(execution.error()), execution.error().cause);
  if (!options.wait) {
    fmt::print("{}\n", *execution);
    return kOk;
  }

  return report_aws_execution(**connection, *execution, *context, options.record,
                              options.quiet);
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

// conflictctl redrive RUN_ID — continues a recorded run that did not succeed from where it
// stopped, as AWS Step Functions' RedriveExecution does (engine/redrive.h): the same
// definition and input, only the unsuccessful states, Map iterations and Parallel branches run
// again, and the run's history goes on. The redriven run is recorded as a new run whose
// history holds both attempts. Its tasks run where the run's did: mocked on the virtual
// clock, on PostgreSQL (the database settings as `simulate` reads them: --env-file, the
// environment) or on AWS Lambda (credentials and region as the AWS CLI finds them,
// --account-id), both on the real clock.
//
// conflictctl redrive --remote EXECUTION_ARN [--wait] — the same on AWS Step Functions:
// RedriveExecution on the execution, then, with --wait, what `start --wait` does (the wait, the
// history brought back and recorded, the report; app/aws_runs.h).
#include <fmt/format.h>

#include "asl/parser.h"
#include "aws_runs.h"
#include "commands.h"
#include "core/number_text.h"
#include "database_settings.h"
#include "engine/redrive.h"
#include "exit_codes.h"
#include "machine_run.h"
#include "output_path.h"
#include "pipeline/run.h"
#include "remote_settings.h"
#include "run_recording.h"

namespace conflictctl::app {

namespace {

struct RedriveOptions {
  std::string run_id;
  std::string bindings;
  MachineRunOptions run;
  std::string remote;  // --remote EXECUTION_ARN
  bool wait = false;
  DatabaseOptions database;  // a run whose tasks ran on PostgreSQL
  RemoteOptions lambda;      // a run whose tasks ran on AWS Lambda: --account-id
};

// Where the redrive's tasks run: where the recorded run's did (its record's mode). Sets the
// request's mode, database or Lambda settings and clock; returns what the progress title
// says of it.
CliResult<std::string> place_tasks(const budget::RunRecord& record,
                                   const RedriveOptions& options,
                                   pipeline::RunRequest& request) {
  if (record.mode == "database") {
    auto settings = load_database_settings(options.database);
    if (!settings) return settings.error();
    announce_target(*settings);
    request.mode = tasks::TaskMode::kDatabase;
    request.database = std::move(*settings);
    request.virtual_clock = false;
    return fmt::format("tasks on PostgreSQL {}, real clock", request.database->describe());
  }
  if (record.mode == "remote") {
    RemoteOptions lambda = options.lambda;
    lambda.remote = true;
    auto settings = load_remote_settings(lambda);
    if (!settings) return settings.error();
    request.remote = std::move(*settings);
    request.virtual_clock = false;
    return fmt::format("tasks on {}, real clock", describe_remote(*request.remote));
  }
  if (record.mode == "mock") return std::string("mocked tasks on the virtual clock");
  if (record.mode == "aws")
    return command_error(kNotRedrivable,
                         fmt::format("run {} cannot be redriven here: it ran on AWS Step "
                                     "Functions; redrive it there with `conflictctl redrive "
                                     "--remote EXECUTION_ARN`",
                                     record.id));
  return command_error(kNotRedrivable,
                       fmt::format("run {} cannot be redriven: its tasks ran in an unknown "
                                   "mode '{}'",
                                   record.id, record.mode));
}

// RedriveExecution on AWS. The pipeline is the state machine's name (as deploy names it); with
// --wait its local definition reads the history back, so it is checked before the call.
CommandResult redrive_remote(const RedriveOptions& options) {
  const std::string& arn = options.remote;
  const std::string pipeline = pipeline_of_execution(arn);
  if (pipeline.empty())
    return command_error(kInvalidInput,
                         fmt::format("--remote {}: not a Step Functions execution ARN "
                                     "(arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME)",
                                     arn));
  CliResult<budget::AwsRunContext> context = budget::AwsRunContext{};
  if (options.wait) context = aws_run_context(pipeline, "redrive");
  if (!context) return context.error();
  auto connection = connect_step_functions();
  if (!connection) return connection.error();
  Result<void> redriven = (*connection)->sfn->redrive_execution(arn);
  if (!redriven) {
    const Error& error = redriven.error();
    if (error.name == "Aws.ExecutionNotRedrivable")
      return command_error(kNotRedrivable,
                           fmt::format("execution {} cannot be redriven: {}", arn, error.cause));
    if (error.name == "Aws.ExecutionLimitExceeded")
      return command_error(kAws, fmt::format("{}; the account has as many running executions "
                                             "as AWS allows: redrive it once some have ended",
                                             error.cause));
    return command_error(aws_exit_code(error), error.cause);
  }
  if (!options.wait) {
    fmt::print("{}\n", arn);
    return kOk;
  }
  return report_aws_execution(**connection, arn, *context, options.run.record,
                              options.run.quiet);
}

CommandResult redrive(const RedriveOptions& options) {
  if (!options.remote.empty()) return redrive_remote(options);
  auto loaded = open_run_store(options.run.record.state_dir).load(options.run_id);
  if (!loaded) return command_error(kInvalidInput, loaded.error().cause);
  const budget::RunRecord& record = *loaded;
  auto refuse = [&record](const std::string& cause) {
    return command_error(kNotRedrivable,
                         fmt::format("run {} cannot be redriven: {}", record.id, cause));
  };
  if (record.command != "execute" && record.command != "simulate" &&
      record.command != "redrive")
    return refuse(fmt::format("it is a run of `conflictctl {}`, not of a state machine",
                              record.command));
  const int redrives = engine::redrive_count(record.history);
  auto eligible = engine::check_redrivable(
      record.status, record.type, record.started, record.finished.value_or(record.started),
      SystemClock().now(), record.history.value("events", Json::array()).size(), redrives);
  if (!eligible) return refuse(eligible.error().cause);

  // The plan is made from the definition the run ran, as its record keeps it.
  auto parsed = asl::parse_definition(record.definition.dump(), record.definition_path);
  if (!parsed.machine) return invalid_input(parsed.diagnostics);
  auto map_runs = engine::map_runs_from_json(record.map_runs, "/map_runs");
  if (!map_runs)
    return command_error(kInvalidInput, fmt::format("run {}: its record's {}", record.id,
                                                    map_runs.error().cause));
  auto plan = engine::plan_redrive(*parsed.machine, record.history, record.input, *map_runs);
  if (!plan) return refuse(plan.error().cause);

  pipeline::RunRequest request;
  if (record.command == "simulate") request.pipeline = record.pipeline;
  else request.definition = record.definition_path;
  if (!options.bindings.empty()) request.bindings = options.bindings;
  request.state_machine_name = record.pipeline;
  request.redrive = &*plan;
  request.redrive_definition = record.definition;
  auto where = place_tasks(record, options, request);
  if (!where) return where.error();
  const bool virtual_clock = request.virtual_clock;
  MachineRunOptions run = options.run;
  run.input = record.input.dump();
  run.seed = record.seed;  // the same seed gives the execution its name again
  run.type = std::string(to_string(record.type));
  RunRecorder recorder(run.record, "redrive");
  auto outcome =
      run_machine(std::move(request), run, recorder,
                  fmt::format("Redriving run {} (redrive {}): {}", record.id,
                              plan->redrive_count, *where));
  if (!outcome) return outcome.error();
  const auto& result = *outcome->result;

  std::string status(engine::to_string(result.status));
  if (run.output == "json") {
    Json printed = {{"status", status},
                    {"redriveCount", plan->redrive_count},
                    {"output", result.output},
                    {"error", result.error ? Json(result.error->name) : Json(nullptr)},
                    {"cause", result.error ? Json(result.error->cause) : Json(nullptr)}};
    fmt::print("{}\n", printed.dump(-1, ' ', false, Json::error_handler_t::replace));
  } else {
    fmt::print("Redrive {} of run {}: execution {} after {} of {} time ({} in all).\n",
               plan->redrive_count, record.id, status,
               seconds_text(millis_to_seconds(result.stopped - result.started)),
               virtual_clock ? "virtual" : "real",
               count_text(static_cast<std::int64_t>(result.history.events().size()),
                          "history event"));
    if (result.error)
      fmt::print("Error: {}\nCause: {}\n", result.error->name, result.error->cause);
    else
      fmt::print("Output:\n{}\n",
                 result.output.dump(2, ' ', false, Json::error_handler_t::replace));
  }
  recorder.print_note();
  const int code = exit_code_for(result);
  leave_to_exit(std::move(*outcome));
  return code;
}

}  // namespace

void set_redrive_command(CLI::App& app, CommandResult& result) {
  auto options = std::make_shared<RedriveOptions>();
  auto* command = app.add_subcommand(
      "redrive", "Continue a recorded run that failed, timed out or was aborted from where it "
                 "stopped, as AWS Step Functions' RedriveExecution does: only the unsuccessful "
                 "states, Map iterations and Parallel branches run again.");
  auto* run_id =
      command->add_option("RUN_ID", options->run_id, "The run (its id, or a unique prefix of it)");
  auto* remote = command->add_option(
      "--remote", options->remote,
      "Redrive this execution on AWS Step Functions instead (RedriveExecution); its state "
      "machine is the pipeline deploy named");
  remote->type_name("EXECUTION_ARN")->excludes(run_id);
  auto* wait = command->add_flag(
      "--wait", options->wait,
      "With --remote: wait for the execution to end, record its history for `history` and "
      "`budget`, report it as `start --wait` does, and exit as a local run would");
  wait->needs(remote);
  auto* mock = command->add_option("--mock-config", options->run.mock_config,
                                   "AWS Step Functions Local mock configuration (JSON) for the "
                                   "tasks that run again");
  mock->excludes(remote);
  command->add_option("--test-case", options->run.test_case,
                      "Test case in the mock configuration (default: the only one)")
      ->needs(mock);
  command->add_option("--bindings", options->bindings,
                      "Bindings YAML of an `execute` run that had them")
      ->excludes(remote);
  command->add_option("--output", options->run.output, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str()
      ->excludes(remote);
  command->add_option("--history", options->run.history,
                      "Write the whole history, both attempts, to this file")
      ->check(writable_file())
      ->excludes(remote);
  add_database_options(*command, options->database);
  command->add_option("--account-id", options->lambda.account_id,
                      "For a run whose tasks ran on AWS Lambda: fills ACCOUNT_ID in function "
                      "ARNs (default: $AWS_ACCOUNT_ID; without one, functions are invoked by "
                      "name)")
      ->excludes(remote);
  add_record_options(*command, options->run.record);
  command->add_flag("-q,--quiet", options->run.quiet,
                    "No live progress on stderr (drawn only when stderr is a terminal)");
  command->callback([options, run_id, remote, &result] {
    if (run_id->count() + remote->count() == 0)
      result = command_error(kUsage, "redrive needs a RUN_ID or --remote EXECUTION_ARN");
    else
      result = redrive(*options);
  });
}

}  // namespace conflictctl::app

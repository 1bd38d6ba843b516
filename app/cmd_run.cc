// conflictctl run TASK — invokes one task plugin of a pipeline and prints its result.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <string_view>
#include <vector>

#include "commands.h"
#include "console.h"
#include "core/error_names.h"
#include "core/number_text.h"
#include "database_settings.h"
#include "engine/run_summary.h"
#include "exit_codes.h"
#include "json_argument.h"
#include "pipeline/run_task.h"
#include "remote_settings.h"
#include "run_recording.h"
#include "tasks/conflict_report.h"
#include "workflow_type_option.h"
#include "number_options.h"

namespace conflictctl::app {

namespace {

struct RunOptions {
  std::string task;
  bool mock = false;
  std::string payload = "{}";
  std::string pipeline = "conflict_report";
  std::optional<double> timeout;
  std::string type;  // --type
  DatabaseOptions database;
  RemoteOptions remote;
  RecordOptions record;
};

// `run task_99`: a usage error naming the tasks there are, before anything runs or is
// recorded.
CLI::Validator known_task() {
  return CLI::Validator(
      [](std::string& task) -> std::string {
        const std::vector<std::string_view> names = tasks::ConflictReport().action_names();
        if (std::find(names.begin(), names.end(), task) != names.end()) return "";
        return fmt::format("'{}' is not a task; the tasks are {}", task, fmt::join(names, ", "));
      },
      "", "TASK");
}

// The record's status: the status an execution ending with this invocation would have.
std::string status_of(const Result<Json>& result) {
  if (result) return "SUCCEEDED";
  return result.error().name == errors::kTimeout ? "TIMED_OUT" : "FAILED";
}

CommandResult run(const RunOptions& options) {
  auto payload = parse_json_argument(options.payload, "--payload");
  if (!payload) return payload.error();
  if (!payload->is_object()) return command_error(kInvalidInput, "--payload must be a JSON object");
  pipeline::TaskRequest request;
  request.pipeline = options.pipeline;
  request.action = options.task;
  request.payload = std::move(*payload);
  request.mode = options.mock ? tasks::TaskMode::kMock : tasks::TaskMode::kDatabase;
  request.timeout_seconds = options.timeout;
  request.type = parse_workflow_type(options.type);  // "" → nullopt
  if (options.remote.remote) {
    auto settings = load_remote_settings(options.remote);
    if (!settings) return settings.error();
    request.remote = std::move(*settings);
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
  }

  RunRecorder recorder(options.record, "run");
  budget::RunRecord& record = recorder.record();
  record.pipeline = options.pipeline;
  record.mode = mode_name(request.mode, request.remote.has_value());
  record.virtual_clock = options.mock;
  request.on_start = [&recorder](Timestamp started) {
    recorder.record().started = started;
    recorder.begin();
  };
  auto run = pipeline::run_task(request, command_logger());
  if (!run.diagnostics.empty()) return invalid_input(run.diagnostics);
  const auto& result = run.outcome->result;
  record.status = status_of(result);
  record.type = run.type;
  record.finished = record.started + seconds_to_millis(run.seconds);
  record.definition = nullptr;  // one task ran, not the state machine
  record.function_timeouts = Json{{run.function, run.limit_seconds}};
  record.input = run.event;
  record.history = run.history.to_json();
  recorder.finish();
  if (result) fmt::print("{}\n", result->dump(2, ' ', false, Json::error_handler_t::replace));
  auto zone = engine::invocation_zone(run.seconds, run.limit_seconds,
                                      !result && result.error().name != errors::kTimeout);
  note(fmt::format("{} {} in {} ({}) of the function's {} limit: {}.", options.task,
                   result ? "succeeded" : "failed", seconds_text(run.seconds),
                   options.mock ? "simulated" : "measured", seconds_text(run.limit_seconds),
                   engine::to_string(zone)));
  if (!result) {
    // A task's own error ends the run with kFailed; an unreachable or busy database with
    // kDatabase. Where the run was recorded still comes last.
    int code = exit_code_for_database_error(result.error());
    CommandError failed = command_error(code == kInvalidInput ? kFailed : code,
                                        fmt::format("{}: {}", result.error().name,
                                                    result.error().cause));
    if (std::string recorded = recorder.note(); !recorded.empty())
      failed.lines.push_back({CommandError::Line::Kind::kText, recorded});
    return failed;
  }
  recorder.print_note();
  return kOk;
}

}  // namespace

void set_run_command(CLI::App& app, CommandResult& result) {
  auto options = std::make_shared<RunOptions>();
  auto* command = app.add_subcommand(
      "run", "Invoke one task of a pipeline (validate_config, task_01, task_02, task_03, "
             "get_task02_chunks, process_task02_chunk) and print its result.");
  command->add_option("task", options->task, "The action to run, e.g. task_02")
      ->required()
      ->check(known_task());
  auto* mock =
      command->add_flag("--mock", options->mock, "Use the task's mock behaviour (no database)");
  command->add_option("--payload", options->payload,
                      "More event fields as a JSON object or @file, e.g. '{\"chunk_id\": 3}'")
      ->capture_default_str();
  command->add_option("--pipeline", options->pipeline, "Pipeline name in pipelines/")
      ->capture_default_str();
  command->add_option("--timeout", options->timeout,
                      "Deadline in seconds (default: the function's timeout, 900); when it "
                      "passes the task is cancelled and rolled back")
      ->check(positive_number());
  add_type_option(*command, options->type);
  add_database_options(*command, options->database);
  add_remote_options(*command, options->remote, mock);
  add_record_options(*command, options->record);
  command->callback([options, &result] { result = run(*options); });
}

}  // namespace conflictctl::app

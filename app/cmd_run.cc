// conflictctl run TASK — invokes one task plugin of a pipeline and prints its result.
#include <fmt/format.h>

#include "cli_support.h"
#include "commands.h"
#include "engine/run_summary.h"
#include "exit_codes.h"
#include "pipeline/run_task.h"

namespace conflictctl::app {

namespace {

struct RunOptions {
  std::string task;
  bool mock = false;
  std::string payload = "{}";
  std::string pipeline = "conflict_report";
  std::optional<double> timeout;
  DatabaseOptions database;
};

int run(const RunOptions& options) {
  auto payload = parse_json_argument(options.payload, "--payload");
  if (!payload) return report_error(payload.error().cause, kInvalidInput);
  if (!payload->is_object()) return report_error("--payload must be a JSON object", kInvalidInput);
  pipeline::TaskRequest request;
  request.pipeline = options.pipeline;
  request.action = options.task;
  request.payload = std::move(*payload);
  request.mode = options.mock ? tasks::TaskMode::kMock : tasks::TaskMode::kDatabase;
  request.timeout_seconds = options.timeout;
  if (!options.mock) {
    auto settings = load_database_settings(options.database);
    if (const int* code = std::get_if<int>(&settings)) return *code;
    request.database = std::get<db::ConnectionSettings>(std::move(settings));
  }

  auto run = pipeline::run_task(request, command_logger());
  if (!run.diagnostics.empty()) return report(run.diagnostics);
  const auto& result = run.outcome->result;
  if (result) fmt::print("{}\n", result->dump(2, ' ', false, Json::error_handler_t::replace));
  auto zone = engine::zone_for(run.seconds, run.limit_seconds);
  fmt::print(stderr, "{} {} in {:.1f} s ({}) of the function's {:.0f} s limit: {}.\n",
             options.task, result ? "succeeded" : "failed", run.seconds,
             options.mock ? "simulated" : "measured", run.limit_seconds, engine::to_string(zone));
  if (!result) {
    int code = exit_code_for_database_error(result.error());
    return report_error(fmt::format("{}: {}", result.error().name, result.error().cause),
                        code == kInvalidInput ? kFailed : code);
  }
  return kOk;
}

}  // namespace

void set_run_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<RunOptions>();
  auto* command = app.add_subcommand(
      "run", "Invoke one task of a pipeline (validate_config, task_01, task_02, task_03, "
             "get_task02_chunks, process_task02_chunk) and print its result.");
  command->add_option("task", options->task, "The action to run, e.g. task_02")->required();
  command->add_flag("--mock", options->mock, "Use the task's mock behaviour (no database)");
  command->add_option("--payload", options->payload,
                      "More event fields as a JSON object or @file, e.g. '{\"chunk_id\": 3}'")
      ->capture_default_str();
  command->add_option("--pipeline", options->pipeline, "Pipeline name in pipelines/")
      ->capture_default_str();
  command->add_option("--timeout", options->timeout,
                      "Deadline in seconds (default: the function's timeout, 900); when it "
                      "passes the task is cancelled and rolled back")
      ->check(CLI::PositiveNumber);
  add_database_options(*command, options->database);
  command->callback([options, &exit_code] { exit_code = run(*options); });
}

}  // namespace conflictctl::app

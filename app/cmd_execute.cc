// conflictctl execute — runs any state machine definition, with mocked or bound tasks, or
// (--remote) with the real AWS Lambda functions it names.
#include <fmt/format.h>

#include "commands.h"
#include "core/number_text.h"
#include "machine_run.h"
#include "pipeline/run.h"
#include "remote_settings.h"
#include "run_recording.h"

namespace conflictctl::app {

namespace {

struct ExecuteOptions {
  std::string definition;
  std::string bindings;
  std::string state_machine;
  MachineRunOptions run;
  RemoteOptions remote;
};

CommandResult execute(const ExecuteOptions& options) {
  pipeline::RunRequest request;
  request.definition = options.definition;
  if (!options.bindings.empty()) request.bindings = options.bindings;
  request.state_machine_name = options.state_machine;
  if (options.remote.remote) {
    auto settings = load_remote_settings(options.remote);
    if (!settings) return settings.error();
    request.remote = std::move(*settings);
    request.virtual_clock = false;
  }
  RunRecorder recorder(options.run.record, "execute");
  // Nobody reads the events' data unless the run is recorded or its history written.
  request.event_data = recorder.recording() || !options.run.history.empty();
  request.keep_events = request.event_data;  // the text report reads only their count
  auto outcome = run_machine(std::move(request), options.run, recorder,
                             fmt::format("Executing {}", options.definition));
  if (!outcome) return outcome.error();
  const auto& result = *outcome->result;

  std::string status(engine::to_string(result.status));
  if (options.run.output == "json") {
    Json printed = {{"status", status},
                    {"output", result.output},
                    {"error", result.error ? Json(result.error->name) : Json(nullptr)},
                    {"cause", result.error ? Json(result.error->cause) : Json(nullptr)},
                    {"seed", outcome->seed}};
    fmt::print("{}\n", printed.dump(-1, ' ', false, Json::error_handler_t::replace));
  } else {
    fmt::print("Execution {} after {} of {} time ({}).\n", status,
               seconds_text(millis_to_seconds(result.stopped - result.started)),
               options.remote.remote ? "real" : "virtual",
               count_text(static_cast<std::int64_t>(result.history.size()),
                          "history event"));
    fmt::print("{}\n", seed_line(outcome->seed));
    if (result.error) fmt::print("Error: {}\nCause: {}\n", result.error->name, result.error->cause);
    else fmt::print("Output:\n{}\n", result.output.dump(2, ' ', false, Json::error_handler_t::replace));
  }
  recorder.print_note();
  const int code = exit_code_for(result);
  leave_to_exit(std::move(*outcome));
  return code;
}

}  // namespace

void set_execute_command(CLI::App& app, CommandResult& result) {
  auto options = std::make_shared<ExecuteOptions>();
  auto* command = app.add_subcommand(
      "execute", "Run a state machine definition on the virtual clock. Tasks come from an "
                 "AWS Step Functions Local mock configuration and/or a bindings file, or with "
                 "--remote from AWS Lambda (real clock).");
  command->add_option("--definition", options->definition, "ASL definition file")->required();
  command->add_option("--bindings", options->bindings,
                      "Bindings YAML: which plugin runs each Lambda function (see pipelines/)");
  command->add_option("--state-machine", options->state_machine,
                      "State machine name, for the mock configuration and ARNs (default: the "
                      "definition file's name)");
  add_machine_run_options(*command, options->run,
                          "AWS Step Functions Local mock configuration (JSON)");
  add_remote_options(*command, options->remote);
  command->callback([options, &result] { result = execute(*options); });
}

}  // namespace conflictctl::app

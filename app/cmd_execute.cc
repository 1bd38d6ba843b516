// conflictctl execute — runs any state machine definition, with mocked or bound tasks.
#include <fmt/format.h>

#include "cli_support.h"
#include "commands.h"
#include "exit_codes.h"
#include "pipeline/run.h"

namespace conflictctl::app {

namespace {

struct ExecuteOptions {
  std::string definition;
  std::string input = "{}";
  std::string bindings;
  std::string mock_config;
  std::string test_case;
  std::string state_machine;
  std::string output = "text";
  std::string history;
  std::uint64_t seed = 0;
};

int execute(const ExecuteOptions& options) {
  auto input = parse_json_argument(options.input, "--input");
  if (!input) return report_error(input.error().cause, kInvalidInput);
  pipeline::RunRequest request;
  request.definition = options.definition;
  if (!options.bindings.empty()) request.bindings = options.bindings;
  if (!options.mock_config.empty())
    request.mocks = pipeline::MockSelection{options.mock_config, options.state_machine,
                                            options.test_case};
  request.state_machine_name = options.state_machine;
  request.input = std::move(*input);
  request.seed = options.seed;

  auto outcome = pipeline::run(request, command_logger());
  if (!outcome.diagnostics.empty()) return report(outcome.diagnostics);
  const auto& result = *outcome.result;
  if (!options.history.empty()) {
    if (auto written = write_json_file(options.history, result.history.to_json()); !written)
      return report_error(written.error().cause, kInvalidInput);
  }

  std::string status(engine::to_string(result.status));
  if (options.output == "json") {
    Json printed = {{"status", status},
                    {"output", result.output},
                    {"error", result.error ? Json(result.error->name) : Json(nullptr)},
                    {"cause", result.error ? Json(result.error->cause) : Json(nullptr)}};
    fmt::print("{}\n", printed.dump(-1, ' ', false, Json::error_handler_t::replace));
  } else {
    fmt::print("Execution {} after {:.1f} s of virtual time ({} history events).\n", status,
               millis_to_seconds(result.stopped - result.started), result.history.events().size());
    if (result.error) fmt::print("Error: {}\nCause: {}\n", result.error->name, result.error->cause);
    else fmt::print("Output:\n{}\n", result.output.dump(2, ' ', false, Json::error_handler_t::replace));
  }
  return result.status == engine::ExecutionStatus::kSucceeded ? kOk : kFailed;
}

}  // namespace

void set_execute_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ExecuteOptions>();
  auto* command = app.add_subcommand(
      "execute", "Run a state machine definition on the virtual clock. Tasks come from an "
                 "AWS Step Functions Local mock configuration and/or a bindings file.");
  command->add_option("--definition", options->definition, "ASL definition file")->required();
  command->add_option("--input", options->input, "Execution input: JSON text or @file")
      ->capture_default_str();
  command->add_option("--bindings", options->bindings,
                      "Bindings YAML: which plugin runs each Lambda function (see pipelines/)");
  auto* mock = command->add_option("--mock-config", options->mock_config,
                                   "AWS Step Functions Local mock configuration (JSON)");
  command->add_option("--test-case", options->test_case,
                      "Test case in the mock configuration (default: the only one)")
      ->needs(mock);
  command->add_option("--state-machine", options->state_machine,
                      "State machine name, for the mock configuration and ARNs (default: the "
                      "definition file's name)");
  command->add_option("--output", options->output, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->add_option("--history", options->history,
                      "Write the execution history (GetExecutionHistory format) to this file");
  command->add_option("--seed", options->seed, "Seed for States.UUID, States.MathRandom, jitter")
      ->capture_default_str();
  command->callback([options, &exit_code] { exit_code = execute(*options); });
}

}  // namespace conflictctl::app

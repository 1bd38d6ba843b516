// conflictctl explore — runs every failure a state machine can meet on the virtual clock and
// reports its outcomes, what no scenario reaches, the errors that escape and the runs over a
// limit (lib/explore/explore.h); --emit-mocks writes the scenarios as a mock configuration,
// --check plays one back, --fail-on makes it a gate.
#include <fmt/format.h>

#include <algorithm>

#include "commands.h"
#include "core/private_file.h"
#include "explore/explore.h"
#include "explore/gate.h"
#include "explore/mock_file.h"
#include "explore/report.h"
#include "json_argument.h"
#include "number_options.h"
#include "workflow_type_option.h"

namespace conflictctl::app {

namespace {

struct ExploreOptions {
  std::string pipeline;
  std::string definition;
  std::string bindings;
  std::string state_machine;
  std::string input = "{}";
  std::string mock_config;
  std::string test_case;
  std::string type;
  std::string output = "text";
  std::size_t max_scenarios = 2000;
  bool pairs = false;
  std::string emit_mocks;
  std::string check;
  std::vector<std::string> fail_on;
};

CommandResult explore_command(const ExploreOptions& options) {
  explore::ExploreRequest request;
  if (!options.pipeline.empty()) request.pipeline = options.pipeline;
  else if (!options.definition.empty()) request.definition = options.definition;
  else return command_error(kUsage, "explore needs a PIPELINE or --definition FILE");
  if (!options.bindings.empty()) request.bindings = options.bindings;
  request.state_machine_name = options.state_machine;
  auto input = parse_json_argument(options.input, "--input");
  if (!input) return input.error();
  request.input = std::move(*input);
  if (!options.mock_config.empty())
    request.mocks = pipeline::MockSelection{options.mock_config, "", options.test_case};
  if (!options.type.empty()) request.type = *parse_workflow_type(options.type);
  request.max_scenarios = options.max_scenarios;
  request.pairs = options.pairs;

  auto loaded = explore::load_subject(request);
  if (!loaded.subject) return invalid_input(loaded.diagnostics);

  if (!options.check.empty()) {
    auto checked = explore::check_mock_file(*loaded.subject, options.check);
    if (!checked.diagnostics.empty()) return invalid_input(checked.diagnostics);
    fmt::print("{}", explore::format_check_text(checked, options.check));
    bool changed = std::any_of(checked.cases.begin(), checked.cases.end(),
                               [](const auto& one) { return one.changed(); });
    return changed ? kGate : kOk;
  }

  auto report = explore::explore(*loaded.subject, request);
  if (options.output == "json")
    fmt::print("{}\n",
               explore::to_json(report).dump(2, ' ', false, Json::error_handler_t::replace));
  else
    fmt::print("{}", explore::format_text(report));
  if (!options.emit_mocks.empty()) {
    auto text =
        explore::write_mock_file(report).dump(2, ' ', false, Json::error_handler_t::replace);
    auto written = write_private_file(options.emit_mocks, text + "\n");
    if (!written)
      return command_error(kInvalidInput, fmt::format("--emit-mocks: {}", written.error().cause));
  }
  auto found = explore::gate_findings(report, options.fail_on);
  if (found.empty()) return kOk;
  CommandError gate{kGate, {}};
  for (auto& line : found)
    gate.lines.push_back({CommandError::Line::Kind::kError, std::move(line)});
  return gate;
}

}  // namespace

void set_explore_command(CLI::App& app, CommandResult& result) {
  auto options = std::make_shared<ExploreOptions>();
  auto* command = app.add_subcommand(
      "explore", "Run every failure a state machine can meet on the virtual clock (errors at "
                 "each attempt of each Task, failing Map iterations, durations at each limit) "
                 "and report its outcomes, what no scenario reaches, the errors that escape "
                 "and the runs over a limit.");
  auto* pipeline = command->add_option("pipeline", options->pipeline,
                                       "Pipeline name in pipelines/ (conflict_report, "
                                       "conflict_report_chunked, conflict_report_daily)");
  command->add_option("--definition", options->definition, "An ASL definition file instead")
      ->excludes(pipeline);
  command->add_option("--bindings", options->bindings,
                      "Bindings YAML for --definition: its mock handlers answer the baseline")
      ->excludes(pipeline);
  command->add_option("--state-machine", options->state_machine,
                      "State machine name, for the mock configuration (default: the pipeline's "
                      "name or the definition file's)");
  command->add_option("--input", options->input, "Execution input: JSON text or @file")
      ->capture_default_str();
  command->add_option("--mock-config", options->mock_config,
                      "AWS Step Functions Local mock configuration whose test case is the "
                      "baseline");
  command->add_option("--test-case", options->test_case,
                      "The baseline's test case (default: the only one)");
  add_type_option(*command, options->type);
  command->add_option("--output", options->output, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->add_option("--max-scenarios", options->max_scenarios,
                      "At most this many scenarios besides the baseline")
      ->check(non_negative_integer())
      ->capture_default_str();
  command->add_flag("--pairs", options->pairs,
                    "Also run every two single faults on different states together");
  command->add_option("--emit-mocks", options->emit_mocks,
                      "Write a mock configuration with one test case per outcome");
  auto* check = command->add_option(
      "--check", options->check,
      "Run each test case of this mock configuration (as --emit-mocks writes it) and fail "
      "(exit 5) if an outcome changed");
  command->add_option("--fail-on", options->fail_on,
                      "Exit 5 when the report has any: unreachable, uncaught, over-limit "
                      "(repeat or comma-separate)")
      ->delimiter(',')
      ->check(CLI::IsMember({"unreachable", "uncaught", "over-limit"}))
      ->excludes(check);
  command->callback([options, &result] { result = explore_command(*options); });
}

}  // namespace conflictctl::app

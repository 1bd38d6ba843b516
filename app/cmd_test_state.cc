// conflictctl test-state — one state of a definition run on its own, each step of its data
// flow shown, as AWS's TestState API does (engine/test_state.h).
#include <fmt/format.h>

#include "asl/parser.h"
#include "core/clock.h"
#include "commands.h"
#include "engine/test_state.h"
#include "json_argument.h"
#include "number_options.h"

namespace conflictctl::app {

namespace {

struct TestStateOptions {
  std::string definition;
  std::string state;
  std::string input = "{}";
  std::string variables = "{}";
  std::string mock;
  std::string level = "INFO";
  int retry_count = 0;
  std::uint64_t seed = 0;
  std::string output = "text";
};

// --mock: {"result": value} or {"errorOutput": {"error": …, "cause": …}}, TestState's shape.
CliResult<engine::TestStateRequest> read_mock(const Json& mock,
                                              engine::TestStateRequest request) {
  const auto bad = [] {
    return command_error(kInvalidInput,
                         "--mock must be {\"result\": VALUE} or {\"errorOutput\": {\"error\": "
                         "NAME, \"cause\": TEXT}}");
  };
  if (!mock.is_object() || mock.size() != 1) return bad();
  if (mock.contains("result")) {
    request.mock_result = mock["result"];
    return request;
  }
  const Json* failure = mock.contains("errorOutput") ? &mock["errorOutput"] : nullptr;
  if (!failure || !failure->is_object() || !failure->value("error", Json()).is_string())
    return bad();
  request.mock_error = Error{(*failure)["error"].get<std::string>(),
                             failure->value("cause", std::string())};
  return request;
}

void print_text(const engine::TestStateResult& result) {
  const auto line = [](std::string_view label, const std::string& text) {
    fmt::print("{:<22}{}\n", label, text);
  };
  line("Status", result.status);
  if (result.next_state) line("Next state", *result.next_state);
  if (result.error) line("Error", fmt::format("{}: {}", result.error->name, result.error->cause));
  static constexpr std::pair<std::string_view, std::string_view> kSteps[] = {
      {"input", "Input"},
      {"afterInputPath", "After InputPath"},
      {"afterParameters", "After Parameters"},
      {"afterArguments", "After Arguments"},
      {"afterItemsPath", "Items"},
      {"afterItemSelector", "After ItemSelector"},
      {"afterItemBatcher", "After ItemBatcher"},
      {"timeoutSeconds", "TimeoutSeconds"},
      {"waitSeconds", "Waits (seconds)"},
      {"maxConcurrency", "MaxConcurrency"},
      {"toleratedFailureCount", "Tolerated failures"},
      {"toleratedFailurePercentage", "Tolerated failure %"},
      {"result", "Result"},
      {"afterResultSelector", "After ResultSelector"},
      {"afterResultPath", "After ResultPath"},
  };
  for (const auto& [key, label] : kSteps) {
    if (result.inspection.contains(key)) line(label, to_compact(result.inspection[key]));
  }
  if (result.output) line("Output", to_compact(*result.output));
  if (result.inspection.contains("variables"))
    line("Variables", to_compact(result.inspection["variables"]));
  if (result.inspection.contains("errorDetails"))
    line("Error details", to_compact(result.inspection["errorDetails"]));
}

CommandResult test_state(const TestStateOptions& options) {
  asl::Loaded loaded = asl::load_definition(options.definition);
  if (!loaded.machine) return invalid_input(loaded.diagnostics);
  engine::TestStateRequest request;
  request.state = options.state;
  auto input = parse_json_argument(options.input, "--input");
  if (!input) return input.error();
  request.input = std::move(*input);
  auto variables = parse_json_argument(options.variables, "--variables");
  if (!variables) return variables.error();
  request.variables = std::move(*variables);
  if (!options.mock.empty()) {
    auto mock = parse_json_argument(options.mock, "--mock");
    if (!mock) return mock.error();
    auto with_mock = read_mock(*mock, std::move(request));
    if (!with_mock) return with_mock.error();
    request = std::move(*with_mock);
  }
  request.level = options.level == "TRACE"   ? engine::InspectionLevel::kTrace
                  : options.level == "DEBUG" ? engine::InspectionLevel::kDebug
                                             : engine::InspectionLevel::kInfo;
  request.retry_count = options.retry_count;
  request.seed = options.seed;
  request.now = SystemClock().now();  // $$.State.EnteredTime, $now(): the time it runs
  auto result = engine::test_state(*loaded.machine, request);
  if (!result) {
    return command_error(kInvalidInput,
                         fmt::format("{}: {}", options.definition, result.error().cause));
  }
  if (options.output == "json") {
    fmt::print("{}\n", engine::test_state_response(*result).dump(
                           -1, ' ', false, Json::error_handler_t::replace));
  } else {
    print_text(*result);
  }
  return result->status == "FAILED" ? kFailed : kOk;
}

}  // namespace

void set_test_state_command(CLI::App& app, CommandResult& result) {
  auto options = std::make_shared<TestStateOptions>();
  auto* command = app.add_subcommand(
      "test-state", "Run one state of a definition on its own and show each step of its data "
                    "flow, as AWS's TestState API does. A Task's, Parallel's or Map's work is "
                    "not run: --mock gives its result or its error.");
  command->add_option("--definition", options->definition, "ASL definition file")->required();
  command->add_option("--state", options->state, "The state to run (its name)")->required();
  command->add_option("--input", options->input, "The state's input: JSON, or @FILE")
      ->default_str("{}");
  command->add_option("--mock", options->mock,
                      "The work's outcome: {\"result\": VALUE} or {\"errorOutput\": {\"error\": "
                      "NAME, \"cause\": TEXT}}; JSON, or @FILE");
  command->add_option("--variables", options->variables,
                      "Workflow variables the state can read: a JSON object, or @FILE")
      ->default_str("{}");
  command->add_option("--inspection-level", options->level,
                      "INFO: status, output, next state; DEBUG and TRACE: each step too")
      ->check(CLI::IsMember({"INFO", "DEBUG", "TRACE"}))
      ->default_str("INFO");
  command->add_option("--retry-count", options->retry_count,
                      "Retries already made, for the Retry decision and $$.State.RetryCount")
      ->check(non_negative_integer());
  command->add_option("--seed", options->seed, "Seed for States.UUID, $random and the like");
  command->add_option("--output", options->output, "text or json (TestState's response)")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
  command->callback([options, &result] { result = test_state(*options); });
}

}  // namespace conflictctl::app

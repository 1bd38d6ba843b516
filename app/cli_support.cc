#include "cli_support.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "db/postgres.h"
#include "exit_codes.h"

namespace conflictctl::app {

Result<Json> parse_json_argument(const std::string& value, const std::string& option) {
  std::string text = value, source = option;
  if (value.starts_with("@")) {
    source = value.substr(1);
    std::ifstream in(source, std::ios::binary);
    if (!in) return Error{"", fmt::format("{}: cannot read file", source)};
    std::stringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
  }
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& error) {
    auto [line, column] = line_column(text, error.byte == 0 ? 0 : error.byte - 1);
    std::string what = error.what();
    auto colon = what.rfind(": ");
    return Error{"", fmt::format("{}:{}:{}: not valid JSON: {}", source, line, column,
                                 colon == std::string::npos ? what : what.substr(colon + 2))};
  }
}

int report(const Diagnostics& diagnostics) {
  for (const auto& diagnostic : diagnostics) fmt::print(stderr, "{}\n", diagnostic.to_string());
  return kInvalidInput;
}

int report_error(const std::string& message, int code) {
  fmt::print(stderr, "error: {}\n", message);
  return code;
}

Result<void> write_json_file(const std::string& path, const Json& value) {
  std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return Error{"", fmt::format("{}: cannot write file", path)};
    out << value.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
    if (!out.flush()) return Error{"", fmt::format("{}: cannot write file", path)};
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) return Error{"", fmt::format("{}: cannot write file: {}", path, error.message())};
  return {};
}

void add_machine_run_options(CLI::App& command, MachineRunOptions& options,
                             const std::string& mock_config_help) {
  command.add_option("--input", options.input, "Execution input: JSON text or @file")
      ->capture_default_str();
  auto* mock = command.add_option("--mock-config", options.mock_config, mock_config_help);
  command.add_option("--test-case", options.test_case,
                     "Test case in the mock configuration (default: the only one)")
      ->needs(mock);
  command.add_option("--output", options.output, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command.add_option("--history", options.history,
                     "Write the execution history (GetExecutionHistory format) to this file");
  command.add_option("--seed", options.seed, "Seed for States.UUID, States.MathRandom, jitter")
      ->capture_default_str();
}

std::variant<pipeline::RunOutcome, int> run_machine(pipeline::RunRequest request,
                                                    const MachineRunOptions& options) {
  auto input = parse_json_argument(options.input, "--input");
  if (!input) return report_error(input.error().cause, kInvalidInput);
  request.input = std::move(*input);
  request.seed = options.seed;
  if (!options.mock_config.empty())
    request.mocks = pipeline::MockSelection{options.mock_config, request.state_machine_name,
                                            options.test_case};
  auto outcome = pipeline::run(request, command_logger());
  if (!outcome.diagnostics.empty()) return report(outcome.diagnostics);
  if (!options.history.empty()) {
    if (auto written = write_json_file(options.history, outcome.result->history.to_json());
        !written)
      return report_error(written.error().cause, kInvalidInput);
  }
  return outcome;
}

int exit_code_for(const engine::ExecutionResult& result) {
  return result.status == engine::ExecutionStatus::kSucceeded ? kOk : kFailed;
}

StderrLogger& command_logger() {
  const char* level = std::getenv("LOG_LEVEL");
  static StderrLogger logger(level ? parse_log_level(level) : LogLevel::kWarning);
  return logger;
}

void add_database_options(CLI::App& command, DatabaseOptions& options) {
  command
      .add_option("--env-file", options.env_file,
                  "The .env file read for settings the environment does not set "
                  "(POSTGRES_*, MAX_WORKERS, LOG_LEVEL); must exist when given")
      ->each([&options](const std::string&) { options.env_file_given = true; })
      ->capture_default_str();
}

std::variant<db::ConnectionSettings, int> load_database_settings(const DatabaseOptions& options) {
  auto settings =
      db::load_settings(db::process_environment(), options.env_file, options.env_file_given);
  if (!settings) return report_error(settings.error().cause, kInvalidInput);
  return std::move(settings.value());
}

std::variant<DatabaseConnection, int> connect_database(const DatabaseOptions& options) {
  auto settings = load_database_settings(options);
  if (auto* code = std::get_if<int>(&settings)) return *code;
  DatabaseConnection connection{std::get<db::ConnectionSettings>(std::move(settings)), nullptr};
  auto session = db::connect(connection.settings);
  if (!session) return report_error(session.error().cause, kDatabase);
  connection.session = std::move(session.value());
  return connection;
}

int exit_code_for_database_error(const Error& error) {
  namespace names = db::error_names;
  if (error.name == names::kConnectionFailed || error.name == names::kConnectionLost ||
      error.name == names::kBusy || error.name == names::kSchemaMismatch)
    return kDatabase;
  if (error.name.starts_with("Configuration.")) return kInvalidInput;
  return kFailed;
}

}  // namespace conflictctl::app

#include "cli_support.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <fstream>
#include <sstream>

#include "aws/credentials.h"
#include "core/json_text.h"
#include "core/private_file.h"
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
  return parse_json_text(text, source);  // depth-checked: core/json_text.h
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
  return write_text_file(path, value.dump(2, ' ', false, Json::error_handler_t::replace) + '\n');
}

Result<void> write_text_file(const std::string& path, const std::string& text) {
  return write_private_file(path, text);
}

std::string mode_name(tasks::TaskMode mode, bool remote) {
  if (remote) return "remote";
  return mode == tasks::TaskMode::kMock ? "mock" : "database";
}

void add_remote_options(CLI::App& command, RemoteOptions& options, CLI::Option* mock) {
  auto* remote = command.add_flag(
      "--remote", options.remote,
      "Invoke the real AWS Lambda functions the definition names instead of the in-process "
      "plugins (credentials and region as the AWS CLI finds them; AWS_ENDPOINT_URL_LAMBDA "
      "for a local emulator)");
  if (mock) remote->excludes(mock);
  command.add_option("--account-id", options.account_id,
                     "Fills ACCOUNT_ID in function ARNs with --remote (default: "
                     "$AWS_ACCOUNT_ID; without one, functions are invoked by name)")
      ->needs(remote);
}

std::variant<tasks::RemoteSettings, int> load_remote_settings(const RemoteOptions& options) {
  aws::AwsEnvironment env = aws::system_environment();
  auto credentials = aws::resolve_credentials(env);
  if (!credentials) return report_error(credentials.error().cause, kInvalidInput);
  auto region = aws::resolve_region(env);
  if (!region) return report_error(region.error().cause, kInvalidInput);
  if (region->empty())
    return report_error("--remote needs an AWS region: set AWS_REGION (or AWS_DEFAULT_REGION, "
                        "or region in the profile's config)",
                        kInvalidInput);
  tasks::RemoteSettings settings;
  settings.lambda.credentials = std::move(*credentials);
  settings.lambda.region = std::move(*region);
  settings.lambda.endpoint = aws::endpoint_from_environment(env);
  settings.account_id = options.account_id;
  if (settings.account_id.empty()) settings.account_id = env.variable("AWS_ACCOUNT_ID").value_or("");
  return settings;
}

std::string describe_remote(const tasks::RemoteSettings& settings) {
  std::string endpoint = settings.lambda.endpoint.empty()
                             ? std::string()
                             : fmt::format(" (endpoint {})", settings.lambda.endpoint);
  return fmt::format("AWS Lambda in {}{}, credentials {}", settings.lambda.region, endpoint,
                     settings.lambda.credentials.describe());
}

void add_state_dir_option(CLI::App& command, std::string& state_dir) {
  command.add_option("--state-dir", state_dir,
                     "Where runs are recorded (default: $CONFLICTCTL_STATE_DIR, else "
                     "$XDG_STATE_HOME/conflictctl, else ~/.local/state/conflictctl)");
}

budget::RunStore open_run_store(const std::string& state_dir) {
  return budget::RunStore(state_dir.empty() ? budget::RunStore::default_directory() : state_dir);
}

void add_record_options(CLI::App& command, RecordOptions& options) {
  add_state_dir_option(command, options.state_dir);
  command.add_flag("--no-record", options.no_record,
                   "Do not record this run for `conflictctl history` and `conflictctl budget`");
}

RunRecorder::RunRecorder(const RecordOptions& options, std::string command) {
  record_.command = std::move(command);
  if (!options.no_record) store_ = open_run_store(options.state_dir);
}

void RunRecorder::begin() {
  if (!store_ || begun_) return;
  record_.status = "RUNNING";
  auto id = store_->begin(record_);
  if (!id) return warn(id.error());
  begun_ = true;
}

void RunRecorder::finish() {
  if (!store_ || !begun_ || finished_) return;
  auto written = store_->finish(record_);
  if (!written) return warn(written.error());
  finished_ = true;
}

void RunRecorder::print_note() const {
  if (finished_)
    fmt::print(stderr, "recorded run {} (conflictctl history {})\n", record_.id, record_.id);
}

void RunRecorder::warn(const Error& error) {
  fmt::print(stderr, "warning: run not recorded: {}: {}\n", error.name, error.cause);
  store_.reset();
}

namespace {

// {"<Resource>": seconds} for every Task of `machine`, nested ones too, whose Resource is a
// Lambda function with a known timeout.
Json function_timeouts_of(const asl::StateMachine& machine,
                          const engine::FunctionTimeout& timeout) {
  Json timeouts = Json::object();
  std::function<void(const asl::StateMachine&)> walk = [&](const asl::StateMachine& part) {
    for (const auto& name : part.state_order) {
      const auto& spec = part.states.at(name).spec;
      if (const auto* task = std::get_if<asl::TaskSpec>(&spec)) {
        if (auto seconds = timeout(task->resource)) timeouts[task->resource] = *seconds;
      } else if (const auto* parallel = std::get_if<asl::ParallelSpec>(&spec)) {
        for (const auto& branch : parallel->branches) walk(*branch);
      } else if (const auto* map = std::get_if<asl::MapSpec>(&spec); map && map->processor) {
        walk(*map->processor);
      }
    }
  };
  walk(machine);
  return timeouts;
}

}  // namespace

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
  add_type_option(command, options.type);
  add_record_options(command, options.record);
}

void add_type_option(CLI::App& command, std::string& type) {
  command.add_option("--type", type,
                     "Workflow type, STANDARD or EXPRESS (default: the pipeline's 'type:', else "
                     "STANDARD)")
      ->check(CLI::IsMember({"STANDARD", "EXPRESS"}));
}

std::variant<pipeline::RunOutcome, int> run_machine(pipeline::RunRequest request,
                                                    const MachineRunOptions& options,
                                                    RunRecorder& recorder) {
  auto input = parse_json_argument(options.input, "--input");
  if (!input) return report_error(input.error().cause, kInvalidInput);
  request.input = std::move(*input);
  request.seed = options.seed;
  request.type = parse_workflow_type(options.type);  // "" → nullopt
  if (!options.mock_config.empty())
    request.mocks = pipeline::MockSelection{options.mock_config, request.state_machine_name,
                                            options.test_case};
  budget::RunRecord& record = recorder.record();
  record.mode = mode_name(request.mode, request.remote.has_value());
  record.virtual_clock = request.virtual_clock;
  if (recorder.recording()) record.input = request.input;  // not copied for nothing
  request.on_start = [&recorder](const pipeline::RunStart& start) {
    recorder.record().pipeline = start.state_machine_name;
    recorder.record().definition_path = start.definition_path;
    recorder.record().started = start.started;
    recorder.record().type = start.type;
    recorder.begin();
  };
  auto outcome = pipeline::run(std::move(request), command_logger());
  if (!outcome.diagnostics.empty()) return report(outcome.diagnostics);
  const engine::ExecutionResult& result = *outcome.result;
  record.status = engine::to_string(result.status);
  record.finished = result.stopped;
  Json history = recorder.recording() || !options.history.empty() ? result.history.to_json()
                                                                   : Json();
  if (recorder.recording()) {  // a large run's history is not copied for nothing
    record.definition = outcome.definition;
    record.function_timeouts =
        function_timeouts_of(*outcome.machine, pipeline::function_timeouts(outcome.bindings));
    record.history = history;
  }
  recorder.finish();
  if (!options.history.empty()) {
    if (auto written = write_json_file(options.history, history); !written)
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

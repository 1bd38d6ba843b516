// conflictctl lambda-runtime — the task plugins as an AWS Lambda function: the custom runtime
// (provided.al2023) that the package's `bootstrap` starts (docs/deploy.md). It reads what
// Lambda sets — AWS_LAMBDA_RUNTIME_API, _HANDLER (the plugin, e.g. "conflict-report"),
// AWS_LAMBDA_FUNCTION_NAME — and the database settings (POSTGRES_*; the password from the
// Secrets Manager secret POSTGRES_SECRET_ID names, app/database_settings.h), then serves
// invocations until Lambda stops it (tasks/function_runtime.h). A problem before the first
// invocation is posted as an init error (and printed), so it shows in the function's logs and
// its callers.
#include <fmt/format.h>

#include <optional>
#include <string>

#include "aws/ca_bundle.h"
#include "aws/credentials.h"
#include "aws/http.h"
#include "aws/runtime_api.h"
#include "commands.h"
#include "console.h"
#include "core/clock.h"
#include "database_settings.h"
#include "exit_codes.h"
#include "tasks/conflict_report.h"
#include "tasks/function_runtime.h"
#include "tasks/plugins.h"
#include "number_options.h"

namespace conflictctl::app {

namespace {

struct LambdaRuntimeOptions {
  bool mock = false;
  std::optional<int> max_invocations;
  double deadline_margin = tasks::kDefaultDeadlineMarginSeconds;
  DatabaseOptions database;
};

// A variable Lambda sets, or `fallback` when it is unset or empty.
std::string environment(const std::string& name, std::string fallback = "") {
  std::optional<std::string> value = aws::system_environment().variable(name);
  return value && !value->empty() ? *value : fallback;
}

CommandResult lambda_runtime(const LambdaRuntimeOptions& options) {
  std::string api_address = environment("AWS_LAMBDA_RUNTIME_API");
  if (api_address.empty())
    return command_error(kInvalidInput,
                         "AWS_LAMBDA_RUNTIME_API is not set: lambda-runtime runs inside AWS "
                         "Lambda (or a Runtime API emulator), started by the package's bootstrap");
  auto http = aws::make_curl_client();
  aws::RuntimeApi api(*http, api_address);
  // Posts the init error to Lambda and fails with it, after what `before` already says and a
  // warning when it could not be posted.
  auto init_failed = [&](const std::string& type, const std::string& message,
                         CommandError before = {}) {
    before.exit_code = kInvalidInput;
    auto posted = api.init_error(type, message);
    if (!posted)
      before.lines.push_back({CommandError::Line::Kind::kWarning,
                              "init error not posted: " + posted.error().cause});
    before.lines.push_back(
        {CommandError::Line::Kind::kError, fmt::format("{}: {}", type, message)});
    return before;
  };

  std::string handler = environment("_HANDLER", std::string(tasks::kConflictReportHandler));
  std::shared_ptr<tasks::TaskDatabase> database;
  if (!options.mock) {
    auto settings = load_database_settings(options.database);
    if (!settings)
      return init_failed("Runtime.ConfigError", "the POSTGRES_* settings are missing or invalid",
                         settings.error());
    // libpq's default roots (~/.postgresql/root.crt) do not exist on Lambda: a database
    // certificate checked with verify-ca or verify-full is checked against the host's roots
    // (aws/ca_bundle.h: Amazon Linux 2023's there) unless POSTGRES_SSLROOTCERT names others.
    if (settings->sslrootcert.empty() && settings->sslmode.starts_with("verify-")) {
      if (const auto& bundle = aws::host_ca_bundle()) settings->sslrootcert = *bundle;
    }
    database = tasks::open_task_database(*settings);
  }
  auto runner = tasks::make_handler(
      handler, options.mock ? tasks::TaskMode::kMock : tasks::TaskMode::kDatabase, database);
  if (!runner) return init_failed("Runtime.ConfigError", runner.error().cause);

  tasks::RuntimeOptions runtime;
  runtime.function_name = environment("AWS_LAMBDA_FUNCTION_NAME", handler);
  runtime.deadline_margin_seconds = options.deadline_margin;
  runtime.max_invocations = options.max_invocations;
  SystemClock clock;
  auto served = tasks::serve_invocations(api, **runner, clock, command_logger(), runtime);
  if (!served)
    return command_error(kFailed, fmt::format("{}: {}", served.error().name, served.error().cause));
  return kOk;
}

}  // namespace

void set_lambda_runtime_command(CLI::App& app, CommandResult& result) {
  auto options = std::make_shared<LambdaRuntimeOptions>();
  auto* command = app.add_subcommand(
      "lambda-runtime",
      "Serve the task plugins as an AWS Lambda function through the Lambda Runtime API "
      "(what the package's bootstrap runs; docs/deploy.md).");
  command->add_flag("--mock", options->mock,
                    "Answer with the plugins' mock behaviour instead of the database (for "
                    "testing a deployment)");
  command->add_option("--max-invocations", options->max_invocations,
                      "Stop after this many invocations (default: serve until stopped)")
      ->check(positive_integer());
  command->add_option("--deadline-margin", options->deadline_margin,
                      "Seconds before Lambda's deadline at which a task is cancelled and "
                      "rolled back, leaving time to report it")
      ->check(non_negative_number())
      ->capture_default_str();
  add_database_options(*command, options->database);
  command->callback([options, &result] { result = lambda_runtime(*options); });
}

}  // namespace conflictctl::app

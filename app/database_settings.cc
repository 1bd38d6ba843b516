#include "database_settings.h"

#include <fmt/format.h>

#include "console.h"

#include "aws/secrets_client.h"
#include "aws_connection.h"
#include "db/database_secret.h"
#include "db/postgres.h"
#include "exit_codes.h"
#include "settings.h"

namespace conflictctl::app {

void add_database_options(CLI::App& command, DatabaseOptions& options) {
  command
      .add_option("--env-file", options.env_file,
                  "The .env file read for settings the environment does not set "
                  "(ENVIRONMENT, LOG_LEVEL, CONFLICTCTL_*, POSTGRES_*, MAX_WORKERS); "
                  "must exist when given")
      ->each([&options](const std::string&) { options.env_file_given = true; })
      ->capture_default_str();
}

CliResult<db::Settings> load_settings(const DatabaseOptions& options) {
  auto settings =
      db::read_settings(original_environment(), options.env_file, options.env_file_given);
  if (!settings) return command_error(kInvalidInput, settings.error().cause);
  return std::move(settings.value());
}

namespace {

// Reads the secret settings.secret_id names and applies it (db/database_secret.h).
CliResult<db::ConnectionSettings> with_database_secret(db::ConnectionSettings settings,
                                                       const db::Settings& all) {
  const std::string about =
      fmt::format("the database secret \"{}\" (POSTGRES_SECRET_ID)", settings.secret_id);
  AwsConnection connection;
  if (auto connected = connect_aws(
          aws::Service::kSecretsManager,
          {about, fmt::format("{}: reading it needs an AWS region: set AWS_REGION (or "
                              "AWS_DEFAULT_REGION, or region in the profile's config)",
                              about)},
          connection);
      connected)
    return *connected;
  auto secret = aws::SecretsClient(*connection.client).get_secret_value(settings.secret_id);
  if (!secret)
    return command_error(kAws, fmt::format("{}: {}", about, secret.error().cause));
  if (secret->binary)
    return command_error(kInvalidInput,
                         fmt::format("{} is a SecretBinary: conflictctl reads a SecretString "
                                     "holding the JSON RDS writes (username, password, host, "
                                     "port, dbname, engine)",
                                     about));
  if (auto applied = db::apply_database_secret(settings, all, secret->value); !applied)
    return command_error(kInvalidInput, applied.error().cause);
  return settings;
}

}  // namespace

CliResult<db::ConnectionSettings> load_database_settings(const DatabaseOptions& options,
                                                         SecretRead secret) {
  auto all = load_settings(options);
  if (!all) return all.error();
  auto settings = db::connection_settings(*all);
  if (!settings) return command_error(kInvalidInput, settings.error().cause);
  if (secret == SecretRead::kRead && !settings->secret_id.empty())
    return with_database_secret(std::move(*settings), *all);
  return std::move(settings.value());
}

CliResult<DatabaseConnection> connect_database(const DatabaseOptions& options) {
  auto settings = load_database_settings(options);
  if (!settings) return settings.error();
  if (auto missing = db::missing_settings(*settings); !missing.empty())
    return command_error(kInvalidInput, db::missing_settings_message(missing));
  DatabaseConnection connection{std::move(*settings), nullptr};
  auto session = db::connect(connection.settings);
  if (!session) return command_error(kDatabase, session.error().cause);
  connection.session = std::move(session.value());
  return connection;
}

void announce_target(const db::ConnectionSettings& settings) {
  note(fmt::format("target: {}, schemas \"{}\" and \"{}\"", settings.describe(),
                   settings.schemas.conflict, settings.schemas.analytics));
}

int exit_code_for_database_error(const Error& error) {
  namespace names = db::error_names;
  if (error.name == names::kConnectionFailed || error.name == names::kConnectionLost ||
      error.name == names::kBusy || error.name == names::kSchemaMismatch)
    return kDatabase;
  if (error.name.starts_with("Configuration.")) return kInvalidInput;
  return kFailed;
}

CommandError database_error(const Error& error) {
  return command_error(exit_code_for_database_error(error), error.cause);
}

}  // namespace conflictctl::app

#pragma once
// The database settings of the commands that use PostgreSQL (db init/status/seed/check,
// simulate and run without --mock, lambda-runtime): the --env-file option, the settings
// (environment first, then the .env file; db/settings.h), a connection, and the exit code a
// database error ends a command with.
#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "command_error.h"
#include "core/error.h"
#include "db/database.h"
#include "db/settings.h"

namespace conflictctl::app {

struct DatabaseOptions {
  std::string env_file = ".env";  // Default: .env in the working directory
  bool env_file_given = false;    // set when --env-file was on the command line
};

// Adds --env-file to `command`. The default file may be missing; a file given explicitly
// must exist. `options` is written during parsing: keep it alive (e.g. in a shared_ptr).
void add_database_options(CLI::App& command, DatabaseOptions& options);

// Every setting with its source (app/settings.h), or kInvalidInput with one line for a
// missing --env-file or a malformed .env file.
CliResult<db::Settings> load_settings(const DatabaseOptions& options);

// Whether load_database_settings reads the POSTGRES_SECRET_ID secret: kRead for a command that
// connects; kSkip for one that only checks the settings (simulate/run --mock --env-file).
enum class SecretRead { kRead, kSkip };

// The connection settings, or kInvalidInput with one line for a malformed .env file or a bad
// value. With POSTGRES_SECRET_ID (and kRead) the secret is read with Secrets Manager's
// GetSecretValue — credentials, region and endpoint found as the AWS CLI finds them
// (AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_ENDPOINT_URL; aws/endpoints.h) — and applied
// (db/database_secret.h). Its errors: kAws when Secrets Manager refuses or cannot be reached
// ("the database secret \"ID\" (POSTGRES_SECRET_ID): Secrets Manager GetSecretValue: …"),
// kInvalidInput for no region or credentials, a SecretBinary or a malformed secret. The
// secret's value is never in a message.
CliResult<db::ConnectionSettings> load_database_settings(const DatabaseOptions& options,
                                                         SecretRead secret = SecretRead::kRead);

struct DatabaseConnection {
  db::ConnectionSettings settings;
  std::unique_ptr<db::Session> session;
};

// Loads the settings and connects; on failure one line and kInvalidInput for bad or missing
// settings (db::missing_settings_message, as ValidateConfig says it), kDatabase when the
// server cannot be reached.
CliResult<DatabaseConnection> connect_database(const DatabaseOptions& options);

// Says on stderr which database and schemas a command that writes is about to change:
// "target: user@host:port/database, schemas "conflict" and "analytics"" (never the password).
void announce_target(const db::ConnectionSettings& settings);

// The exit code for a database error: kDatabase when the database is unreachable, lost, busy
// or at another schema version (Database.ConnectionFailed/ConnectionLost/Busy/SchemaMismatch),
// kInvalidInput for Configuration.* errors, kFailed for a statement that failed or was
// cancelled.
int exit_code_for_database_error(const Error& error);

// `error`'s cause as the one line, with exit_code_for_database_error.
CommandError database_error(const Error& error);

}  // namespace conflictctl::app

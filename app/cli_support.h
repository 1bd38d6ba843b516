#pragma once
// Small helpers the subcommands share: reading JSON arguments, printing diagnostics,
// writing output files. Everything here reports errors as values or exit codes.
#include <CLI/CLI.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <variant>

#include "core/diagnostic.h"
#include "core/error.h"
#include "core/json.h"
#include "core/logger.h"
#include "db/database.h"
#include "db/settings.h"
#include "pipeline/run.h"

namespace conflictctl::app {

// A JSON value given on the command line: either JSON text or "@path" to read it from a
// file. `option` names the option in messages ("--input").
Result<Json> parse_json_argument(const std::string& value, const std::string& option);

// Prints each diagnostic on its own line to stderr; returns kInvalidInput.
int report(const Diagnostics& diagnostics);

// Prints "error: message" to stderr; returns `code`.
int report_error(const std::string& message, int code);

// Writes `value` as indented JSON to `path`, via a temporary file renamed into place so a
// crash never leaves half a file. Error cause says why it failed.
Result<void> write_json_file(const std::string& path, const Json& value);

// The options of every command that runs a state machine (execute, simulate).
struct MachineRunOptions {
  std::string input = "{}";
  std::string mock_config;
  std::string test_case;
  std::string output = "text";
  std::string history;
  std::uint64_t seed = 0;
};

// Adds --input, --mock-config, --test-case, --output, --history and --seed to `command`.
void add_machine_run_options(CLI::App& command, MachineRunOptions& options,
                             const std::string& mock_config_help);

// Completes `request` with `options` (input, mocks, seed), runs it and writes --history.
// Returns the outcome, or — when nothing could run — the exit code after printing why.
std::variant<pipeline::RunOutcome, int> run_machine(pipeline::RunRequest request,
                                                    const MachineRunOptions& options);

// kOk when the execution succeeded, else kFailed.
int exit_code_for(const engine::ExecutionResult& result);

// The logger the commands hand to tasks: stderr, level from $LOG_LEVEL (default WARNING).
StderrLogger& command_logger();

// The options of every command that talks to the database (`db init`, `db status`, …).
struct DatabaseOptions {
  std::string env_file = ".env";  // Default: .env in the working directory
  bool env_file_given = false;    // set when --env-file was on the command line
};

// Adds --env-file to `command`. The default file may be missing; a file given explicitly
// must exist. `options` is written during parsing: keep it alive (e.g. in a shared_ptr).
void add_database_options(CLI::App& command, DatabaseOptions& options);

// The settings (environment first, then the --env-file), or — after printing one
// "error: …" line — kInvalidInput for a malformed .env file or a bad value.
std::variant<db::ConnectionSettings, int> load_database_settings(const DatabaseOptions& options);

struct DatabaseConnection {
  db::ConnectionSettings settings;
  std::unique_ptr<db::Session> session;
};

// Loads the settings and connects; on failure prints one "error: …" line and returns the
// exit code (kInvalidInput for bad settings, kDatabase when the server cannot be reached).
std::variant<DatabaseConnection, int> connect_database(const DatabaseOptions& options);

// The exit code for a database error: kDatabase when the database is unreachable, lost, busy
// or at another schema version (Database.ConnectionFailed/ConnectionLost/Busy/SchemaMismatch),
// kInvalidInput for Configuration.* errors, kFailed for a statement that failed or was
// cancelled.
int exit_code_for_database_error(const Error& error);

}  // namespace conflictctl::app

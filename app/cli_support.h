#pragma once
// Small helpers the subcommands share: reading JSON arguments, printing diagnostics,
// writing output files. Everything here reports errors as values or exit codes.
#include <CLI/CLI.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <variant>

#include "budget/run_store.h"
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

// Writes `value` as indented JSON to `path`, via a unique temporary file renamed into place so
// a crash never leaves half a file; mode 0600 (core/private_file.h: reports and histories
// hold task outputs). Error cause says why it failed.
Result<void> write_json_file(const std::string& path, const Json& value);

// Writes `text` to `path` the same way.
Result<void> write_text_file(const std::string& path, const std::string& text);

// Adds --state-dir: where runs are recorded. Default ("" here): RunStore::default_directory().
void add_state_dir_option(CLI::App& command, std::string& state_dir);

// The run store in --state-dir, or in RunStore::default_directory() when it is "".
budget::RunStore open_run_store(const std::string& state_dir);

// "mock", "database" or — for tasks run on AWS Lambda — "remote": the mode of a run record.
std::string mode_name(tasks::TaskMode mode, bool remote);

// How the commands that run something (execute, simulate, run) record their runs.
struct RecordOptions {
  std::string state_dir;   // Default: budget::RunStore::default_directory()
  bool no_record = false;  // --no-record: write nothing
};

// Adds --state-dir and --no-record to `command`.
void add_record_options(CLI::App& command, RecordOptions& options);

// Records one run of a command in the state directory (budget/run_store.h). The command
// fills record() — the header before begin(), the rest before finish() — then calls
// begin() as the run starts (leaves the marker), finish() after it (writes the record) and
// print_note() last. Recording never changes a command's outcome or its stdout: the first
// failure prints one "warning: run not recorded: …" line on stderr and later calls do
// nothing. With --no-record nothing is written or printed.
class RunRecorder {
 public:
  RunRecorder(const RecordOptions& options, std::string command);

  budget::RunRecord& record() { return record_; }
  void begin();
  void finish();
  // False with --no-record, or once a store could not be used: then nothing is written.
  bool recording() const { return store_.has_value(); }
  // "recorded run <id> (conflictctl history <id>)" on stderr once the record is written.
  void print_note() const;

 private:
  void warn(const Error& error);

  std::optional<budget::RunStore> store_;  // empty: --no-record, or after a failure
  budget::RunRecord record_;
  bool begun_ = false;
  bool finished_ = false;
};

// The options of every command that runs a state machine (execute, simulate).
struct MachineRunOptions {
  std::string input = "{}";
  std::string mock_config;
  std::string test_case;
  std::string output = "text";
  std::string history;
  std::uint64_t seed = 0;
  std::string type;  // --type: "STANDARD", "EXPRESS", or "" for the pipeline's own
  RecordOptions record;
};

// Adds --type STANDARD|EXPRESS (the workflow type; default: the bindings' `type:`, else
// STANDARD) to `command`, stored in `type`.
void add_type_option(CLI::App& command, std::string& type);

// Adds --input, --mock-config, --test-case, --output, --history, --seed, --type, --state-dir
// and --no-record to `command`.
void add_machine_run_options(CLI::App& command, MachineRunOptions& options,
                             const std::string& mock_config_help);

// Completes `request` with `options` (input, mocks, seed), runs it, records it with
// `recorder` (begin as the execution starts, finish after it) and writes --history.
// Returns the outcome, or — when nothing could run — the exit code after printing why.
std::variant<pipeline::RunOutcome, int> run_machine(pipeline::RunRequest request,
                                                    const MachineRunOptions& options,
                                                    RunRecorder& recorder);

// kOk when the execution succeeded, else kFailed.
int exit_code_for(const engine::ExecutionResult& result);

// The logger the commands hand to tasks: stderr, level from $LOG_LEVEL (default WARNING).
StderrLogger& command_logger();

// The options of the commands that can run their tasks on AWS Lambda (simulate, run).
struct RemoteOptions {
  bool remote = false;     // --remote
  std::string account_id;  // --account-id; Default: $AWS_ACCOUNT_ID
};

// Adds --remote and --account-id to `command`; --remote excludes `mock` when given.
void add_remote_options(CLI::App& command, RemoteOptions& options, CLI::Option* mock = nullptr);

// The Lambda settings the AWS CLI would use: credentials and region (aws/credentials.h), the
// endpoint override AWS_ENDPOINT_URL_LAMBDA / AWS_ENDPOINT_URL, the account id. Without
// credentials or a region it prints one "error: …" line and returns kInvalidInput.
std::variant<tasks::RemoteSettings, int> load_remote_settings(const RemoteOptions& options);

// "AWS Lambda in us-east-1 (endpoint http://127.0.0.1:9001), credentials AKIA…MPLE from
// environment": what a remote run says it talks to. No secret.
std::string describe_remote(const tasks::RemoteSettings& settings);

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

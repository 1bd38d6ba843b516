#pragma once
// Small helpers the subcommands share: reading JSON arguments, printing diagnostics,
// writing output files. Everything here reports errors as values or exit codes.
#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <variant>

#include "core/diagnostic.h"
#include "core/error.h"
#include "core/json.h"
#include "core/logger.h"
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

}  // namespace conflictctl::app

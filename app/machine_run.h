#pragma once
// Running a state machine for a command (execute, simulate): the options they share, one run
// with its input, mocks and seed, recorded in the state directory (run_recording.h), its
// history written to --history, and the exit code of its outcome.
#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "command_error.h"
#include "engine/executor.h"
#include "pipeline/run.h"
#include "run_recording.h"

namespace conflictctl::app {

struct MachineRunOptions {
  std::string input = "{}";  // JSON text or @file
  std::string mock_config;
  std::string test_case;
  std::string output = "text";
  std::string history;
  // --seed; nullopt: a seed drawn from the machine's entropy, different for every run.
  std::optional<std::uint64_t> seed;
  std::string type;  // --type: "STANDARD", "EXPRESS", or "" for the pipeline's own
  std::vector<std::string> s3_roots;  // --s3-root s3://BUCKET[/PREFIX]=DIR, repeatable
  RecordOptions record;
  bool quiet = false;  // --quiet: no live progress on the terminal
};

// Adds --input, --mock-config, --test-case, --output, --history, --seed, --type, --s3-root,
// --state-dir, --no-record and --quiet to `command`.
void add_machine_run_options(CLI::App& command, MachineRunOptions& options,
                             const std::string& mock_config_help);

// Completes `request` with `options` (input, mocks, seed, type; without --seed a seed from
// the machine's entropy, in the outcome and the record), runs it, records it with
// `recorder` (begin as the execution starts, finish after it) and writes --history (a private
// file written atomically, core/private_file.h). The outcome, whatever the execution's
// status; kInvalidInput when nothing could run (a bad --input, the definition's problems, …)
// or --history could not be written. While it runs, its progress is drawn on stderr when that
// is a terminal and not --quiet (console.h), under `title` (e.g. "Pipeline conflict_report:
// mocked tasks on the virtual clock").
CliResult<pipeline::RunOutcome> run_machine(pipeline::RunRequest request,
                                            const MachineRunOptions& options,
                                            RunRecorder& recorder, std::string title);

// Hands `outcome` over to the end of the process; a command calls it when its report is
// printed and only its exit remains. Freeing a large run's history event by event took longer
// than anything else left to do (a sixth of a retrying Map's whole process), so the memory is
// left for the operating system to reclaim, as compilers leave theirs (clang's -disable-free).
// AddressSanitizer builds free it here, so that their leak check stays exact.
void leave_to_exit(pipeline::RunOutcome outcome);

// {"<Resource>": seconds} for every Task of `machine`, nested ones too, whose Resource is a
// Lambda function with a known timeout: a run record's function_timeouts.
Json function_timeouts_json(const asl::StateMachine& machine,
                            const engine::FunctionTimeout& timeout);

// "seed N (rerun with --seed N)": the line a report prints so that the run can be repeated.
std::string seed_line(std::uint64_t seed);

// kOk when the execution succeeded, else kFailed.
int exit_code_for(const engine::ExecutionResult& result);

}  // namespace conflictctl::app

#pragma once
// Recording the runs of `execute`, `simulate` and `run` in the state directory
// (budget/run_store.h), for `conflictctl history` and `conflictctl budget`; and the
// --state-dir option of every command that reads or writes records.
//
// Recording never changes a command's outcome or its stdout: the first failure prints one
// "warning: run not recorded: NAME: cause" line on stderr and later calls do nothing. With
// --no-record nothing is written or printed.
#include <CLI/CLI.hpp>

#include <optional>
#include <string>

#include "budget/run_store.h"
#include "core/error.h"
#include "tasks/plugins.h"

namespace conflictctl::app {

// Adds --state-dir: where runs are recorded. Default ("" here): RunStore::default_directory().
void add_state_dir_option(CLI::App& command, std::string& state_dir);

// The run store in --state-dir, or in RunStore::default_directory() when it is "".
budget::RunStore open_run_store(const std::string& state_dir);

// "mock", "database" or — for tasks run on AWS Lambda — "remote": the mode of a run record.
std::string mode_name(tasks::TaskMode mode, bool remote);

// "recorded run <id> (conflictctl history <id>)"; with a `state_dir` ("" for the default) the
// command names it too: "(conflictctl history <id> --state-dir DIR)".
std::string recorded_note(const std::string& id, const std::string& state_dir);

// How the commands that run something (execute, simulate, run) record their runs.
struct RecordOptions {
  std::string state_dir;   // Default: budget::RunStore::default_directory()
  bool no_record = false;  // --no-record: write nothing
};

// Adds --state-dir and --no-record to `command`.
void add_record_options(CLI::App& command, RecordOptions& options);

// Records one run of a command. The command fills record() — the header before begin(), the
// rest before finish() — then calls begin() as the run starts (leaves the marker), finish()
// after it (writes the record) and print_note() last; a command that fails after finish()
// ends its CommandError with note() instead, so the note still comes last.
class RunRecorder {
 public:
  RunRecorder(const RecordOptions& options, std::string command);

  budget::RunRecord& record() { return record_; }
  void begin();
  void finish();
  // False with --no-record, or once a store could not be used: then nothing is written.
  bool recording() const { return store_.has_value(); }
  // "recorded run <id> (conflictctl history <id>)" once the record is written, else ""; with
  // --state-dir DIR the command names it too: "(conflictctl history <id> --state-dir DIR)".
  std::string note() const;
  // note() on stderr, when there is one.
  void print_note() const;

 private:
  void warn(const Error& error);

  std::optional<budget::RunStore> store_;  // empty: --no-record, or after a failure
  std::string state_dir_;                  // --state-dir as given; "" for the default
  budget::RunRecord record_;
  bool begun_ = false;
  bool finished_ = false;
};

}  // namespace conflictctl::app

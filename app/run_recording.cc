#include "run_recording.h"

#include <fmt/format.h>

#include <cstdlib>

#include "console.h"
#include "core/shell_word.h"

namespace conflictctl::app {

void add_state_dir_option(CLI::App& command, std::string& state_dir) {
  command.add_option("--state-dir", state_dir,
                     "Where runs are recorded (default: $CONFLICTCTL_STATE_DIR, else "
                     "$XDG_STATE_HOME/conflictctl, else ~/.local/state/conflictctl)");
}

budget::RunStore open_run_store(const std::string& state_dir) {
  return budget::RunStore(state_dir.empty() ? budget::RunStore::default_directory() : state_dir);
}

std::string mode_name(tasks::TaskMode mode, bool remote) {
  if (remote) return "remote";
  return mode == tasks::TaskMode::kMock ? "mock" : "database";
}

std::string recorded_note(const std::string& id, const std::string& state_dir) {
  std::string where = state_dir.empty() ? "" : " --state-dir " + shell_word(state_dir);
  return fmt::format("recorded run {} (conflictctl history {}{})", id, id, where);
}

void add_record_options(CLI::App& command, RecordOptions& options) {
  add_state_dir_option(command, options.state_dir);
  command.add_flag("--no-record", options.no_record,
                   "Do not record this run for `conflictctl history` and `conflictctl budget`");
}

RunRecorder::RunRecorder(const RecordOptions& options, std::string command)
    : state_dir_(options.state_dir) {
  record_.command = std::move(command);
  // ENVIRONMENT as app/settings.h left it in the process environment (.env included).
  if (const char* environment = std::getenv("ENVIRONMENT")) record_.environment = environment;
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

std::string RunRecorder::note() const {
  if (!finished_) return "";
  return recorded_note(record_.id, state_dir_);
}

void RunRecorder::print_note() const {
  if (std::string line = note(); !line.empty()) app::note(line);
}

void RunRecorder::warn(const Error& error) {
  warning(fmt::format("run not recorded: {}: {}", error.name, error.cause));
  store_.reset();
}

}  // namespace conflictctl::app

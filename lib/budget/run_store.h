#pragma once
// Run records: every `simulate`, `run` and `execute` keeps its execution history in a local
// state directory, so that `conflictctl history` and `conflictctl budget` can read it later.
//
// Layout: <directory>/runs/<id>.json, one complete record per file. A record is written to a
// temporary file in the same directory, flushed (fsync), and renamed into place, then the
// directory is flushed: a reader sees a whole record or none. A run that starts leaves a small
// marker <id>.started first, removed when its record lands; a marker without a record is a run
// that never finished (killed, crashed) and is listed with status "INCOMPLETE".
//
// The directory: RunStore::default_directory() — $CONFLICTCTL_STATE_DIR, else
// $XDG_STATE_HOME/conflictctl, else $HOME/.local/state/conflictctl (else ".conflictctl" in
// the working directory when none of them is set). Created on first write.
//
// Records and markers are created with mode 0600 (kRecordMode), owner only: a record holds
// the execution's input and every task's output, which may be personal data
// (docs/budget.md, "What a run record holds").
//
// Temporary files are named ".<id>.<suffix>.<pid>-<n>.tmp": a leftover one (a writer killed
// before its rename) is never read or listed. The marker is published with link(), which
// never replaces an existing file, so two runs can never share an id. The marker holds the
// record's header (to_json without "definition", "input" and "history").
//
// `conflictctl run TASK` records too: its definition is null, its history holds the one
// invocation's LambdaFunction* events (no state events), its input is the event.
//
// Thread safety: a RunStore may be used from one thread; several processes may write to one
// directory at once (ids are unique, writes are atomic renames).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/json.h"
#include "core/workflow_type.h"
#include "core/random.h"
#include "core/timestamp.h"

namespace conflictctl::budget {

namespace error_names {
inline constexpr std::string_view kWriteFailed = "State.WriteFailed";      // cause: path, reason
inline constexpr std::string_view kRunNotFound = "State.RunNotFound";      // also: ambiguous prefix
inline constexpr std::string_view kCorruptRecord = "State.CorruptRecord";  // cause: file, pointer
inline constexpr std::string_view kReadFailed = "State.ReadFailed";  // the runs/ folder itself
}  // namespace error_names

// The permission bits of every file the store writes.
inline constexpr unsigned kRecordMode = 0600;

// The status of a run that left a marker and no record.
inline constexpr std::string_view kIncomplete = "INCOMPLETE";

struct RunRecord {
  std::string id;               // set by begin(): "<UTC yyyymmddThhmmssZ>-<pipeline>-<4 hex>"
  std::string command;          // "simulate", "run" or "execute"
  std::string pipeline;         // pipeline or state machine name
  std::string definition_path;  // the ASL file that ran
  std::string mode;             // "mock", "database" or "remote"
  bool virtual_clock = true;
  // The workflow type it ran as ("type": "STANDARD" or "EXPRESS"; absent in older records,
  // which were all STANDARD).
  WorkflowType type = WorkflowType::kStandard;
  // The seed the execution ran with ("seed"): `--seed` with it reruns it exactly. Absent in
  // older records and in those of `conflictctl run`, which draws no random numbers.
  std::optional<std::uint64_t> seed;
  // The ENVIRONMENT setting the run was made under ("environment", e.g. "staging"; absent in
  // older records and when unset: "").
  std::string environment;
  std::string status;           // the execution's status ("SUCCEEDED", …) or "INCOMPLETE"
  Timestamp started;
  std::optional<Timestamp> finished;
  Json definition;              // the ASL definition as run (a JSON object)
  Json function_timeouts = Json::object();  // {"<Task Resource>": seconds} from the bindings
  Json input;                   // the execution input
  Json history;                 // {"events": [...]}, as engine::History::to_json()
  // The run's Distributed Map Runs that did not succeed, child execution by child execution
  // ("map_runs", absent when none): what `redrive` reads (engine/map_run_record.h).
  Json map_runs = Json::array();
};

// One line of `conflictctl history`: the record without its definition and history.
struct RunListing {
  std::string id;
  std::string command;
  std::string pipeline;
  std::string mode;
  bool virtual_clock = true;
  std::string status;  // "INCOMPLETE" for a run without a record
  Timestamp started;
  std::optional<Timestamp> finished;
  std::size_t events = 0;
};

class RunStore {
 public:
  explicit RunStore(std::string directory);
  // `seed` fixes the random part of the ids this store draws (tests use it to make two
  // stores draw the same ids). Default: from std::random_device.
  RunStore(std::string directory, std::uint64_t seed);
  static std::string default_directory();

  const std::string& directory() const { return directory_; }

  // Assigns record.id (from record.started and record.pipeline) and leaves the .started
  // marker. Errors (State.WriteFailed) name the path and the system's reason.
  Result<std::string> begin(RunRecord& record);
  // Writes the whole record atomically and removes its marker.
  Result<void> finish(const RunRecord& record);

  // Newest first (by started, then id); pipeline "" = all; limit 0 = all. Unreadable files
  // are skipped — each one's error (State.CorruptRecord, naming the file and the field) is
  // appended to `skipped` when it is given, whatever its pipeline; a missing directory is an
  // empty list. Error: State.ReadFailed.
  Result<std::vector<RunListing>> list(const std::string& pipeline = "", std::size_t limit = 0,
                                       std::vector<Error>* skipped = nullptr) const;
  // One record by id, or by a unique prefix of an id. Errors: State.RunNotFound (the cause
  // lists the candidates when the prefix is ambiguous), State.CorruptRecord (naming the
  // file). A run with only a marker loads as its header, status INCOMPLETE, no events.
  Result<RunRecord> load(const std::string& id) const;

 private:
  std::string directory_;
  Random random_;
};

// The record as stored: {"version": 1, "id", "command", "pipeline", "definition_path",
// "mode", "virtual_clock", "type", "seed" (when known), "status", "started", "finished"
// (RFC 3339 or null), "function_timeouts", "input", "definition", "history", "map_runs"
// (when there are any)}.
Json to_json(const RunRecord& record);
// Errors: State.CorruptRecord naming `file` and the JSON Pointer of the bad field.
Result<RunRecord> record_from_json(const Json& json, const std::string& file);

}  // namespace conflictctl::budget

#include "budget/run_store.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <system_error>

#include "budget/recorded_execution.h"
#include "core/diagnostic.h"
#include "core/json_text.h"
#include "core/random.h"

namespace conflictctl::budget {

namespace fs = std::filesystem;

namespace {

constexpr int kVersion = 1;
constexpr std::string_view kRecordSuffix = ".json";
constexpr std::string_view kMarkerSuffix = ".started";
constexpr int kIdAttempts = 32;

std::string reason(int code) { return std::generic_category().message(code); }

Error write_failed(const std::string& path, const std::string& why) {
  return Error{std::string(error_names::kWriteFailed),
               fmt::format("{}: cannot write: {}", path, why)};
}

Error corrupt(const std::string& file, const std::string& what) {
  return Error{std::string(error_names::kCorruptRecord), fmt::format("{}: {}", file, what)};
}

Error not_found(const std::string& what) {
  return Error{std::string(error_names::kRunNotFound), what};
}

// An id names a file in runs/: never empty, never hidden, never a path.
bool is_plain_id(const std::string& id) {
  return !id.empty() && !id.starts_with('.') && id.find('/') == std::string::npos;
}

// The id of a file in runs/ and whether it is a record or a marker; temporaries (hidden
// names) and anything else give nullopt.
struct Entry {
  std::string id;
  bool marker = false;
};
std::optional<Entry> entry_of(const fs::path& path) {
  std::string name = path.filename().string();
  if (name.starts_with('.')) return std::nullopt;
  for (auto [suffix, marker] : {std::pair{kRecordSuffix, false}, std::pair{kMarkerSuffix, true}}) {
    if (name.size() > suffix.size() && name.ends_with(suffix))
      return Entry{name.substr(0, name.size() - suffix.size()), marker};
  }
  return std::nullopt;
}

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t written = ::write(fd, data.data(), data.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

Result<void> sync_directory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return write_failed(dir.string(), reason(errno));
  int synced = ::fsync(fd);
  int error = errno;
  ::close(fd);
  if (synced != 0) return write_failed(dir.string(), reason(error));
  return {};
}

// Writes `content` to a new hidden temporary file beside `path` (O_EXCL: never one another
// writer uses; O_NOFOLLOW: never through a symbolic link) and flushes it to disk; returns its
// path. Mode 0600: a record holds task inputs and outputs (run_store.h).
Result<fs::path> write_temporary(const fs::path& path, const std::string& content) {
  static std::atomic<unsigned> counter{0};
  for (int attempt = 0; attempt < kIdAttempts; ++attempt) {
    fs::path temporary = path.parent_path() / fmt::format(".{}.{}-{}.tmp", path.filename().string(),
                                                          ::getpid(), counter++);
    int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                    kRecordMode);
    if (fd < 0) {
      if (errno == EEXIST) continue;
      return write_failed(temporary.string(), reason(errno));
    }
    bool written = write_all(fd, content) && ::fsync(fd) == 0;
    int error = errno;
    if (::close(fd) != 0 && written) {
      written = false;
      error = errno;
    }
    if (!written) {
      ::unlink(temporary.c_str());
      return write_failed(temporary.string(), reason(error));
    }
    return temporary;
  }
  return write_failed(path.string(), "no unused temporary file name");
}

enum class Publish { kReplace, kNoReplace };

// Moves a flushed temporary file to `path` atomically and flushes the directory. With
// kNoReplace an existing `path` is left alone and the result is false.
Result<bool> publish(const fs::path& path, const std::string& content, Publish how) {
  auto temporary = write_temporary(path, content);
  if (!temporary) return temporary.error();
  bool published = true;
  if (how == Publish::kReplace) {
    if (::rename(temporary->c_str(), path.c_str()) != 0) {
      int error = errno;
      ::unlink(temporary->c_str());
      return write_failed(path.string(), reason(error));
    }
  } else {
    // link() fails with EEXIST instead of replacing: the file's name is claimed atomically.
    if (::link(temporary->c_str(), path.c_str()) != 0) {
      int error = errno;
      ::unlink(temporary->c_str());
      if (error != EEXIST) return write_failed(path.string(), reason(error));
      return false;
    }
    ::unlink(temporary->c_str());
  }
  if (auto synced = sync_directory(path.parent_path()); !synced) return synced.error();
  return published;
}

std::string dump(const Json& json) {
  return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

// "20240102T030405Z-<pipeline>-<4 hex>"; the pipeline keeps [A-Za-z0-9_-], others become _.
std::string make_id(Timestamp started, const std::string& pipeline, unsigned random) {
  std::string stamp;
  for (char c : format_timestamp(started).substr(0, 19))
    if (c != '-' && c != ':') stamp += c;
  std::string name;
  for (char c : pipeline) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '_' || c == '-';
    name += plain ? c : '_';
  }
  if (name.empty()) name = "run";
  return fmt::format("{}Z-{}-{:04x}", stamp, name, random & 0xFFFFu);
}

// The header fields of a record, as the marker holds them.
Json header_json(const RunRecord& record) {
  Json json = Json::object();
  json["version"] = kVersion;
  json["id"] = record.id;
  json["command"] = record.command;
  json["pipeline"] = record.pipeline;
  json["definition_path"] = record.definition_path;
  json["mode"] = record.mode;
  json["virtual_clock"] = record.virtual_clock;
  json["type"] = to_string(record.type);
  if (record.seed) json["seed"] = *record.seed;
  if (!record.environment.empty()) json["environment"] = record.environment;
  json["status"] = record.status;
  json["started"] = format_timestamp(record.started);
  json["finished"] = record.finished ? Json(format_timestamp(*record.finished)) : Json(nullptr);
  return json;
}

// Reads the fields of a stored record; the first problem is kept as the error.
class FieldReader {
 public:
  FieldReader(const Json& json, const std::string& file) : json_(json), file_(file) {
    if (!json.is_object()) fail("", "not a JSON object");
  }

  std::string text(const char* key) {
    const Json* value = field(key);
    if (value && !value->is_string()) fail(key, "not a string");
    return value && value->is_string() ? value->get<std::string>() : "";
  }
  bool boolean(const char* key) {
    const Json* value = field(key);
    if (value && !value->is_boolean()) fail(key, "not true or false");
    return value && value->is_boolean() && value->get<bool>();
  }
  std::optional<Timestamp> timestamp(const char* key, bool nullable) {
    const Json* value = field(key);
    if (!value || (nullable && value->is_null())) return std::nullopt;
    std::optional<Timestamp> parsed;
    if (value->is_string()) parsed = parse_timestamp(value->get<std::string>());
    if (!parsed) fail(key, "not an RFC 3339 timestamp");
    return parsed;
  }
  // Any JSON value (null included), or null when missing.
  Json value(const char* key) {
    const Json* value = field(key);
    return value ? *value : Json();
  }
  void check(bool ok, const char* key, const std::string& what) {
    if (!ok) fail(key, what);
  }

  const std::optional<Error>& error() const { return error_; }

 private:
  const Json* field(const char* key) {
    if (!json_.is_object()) return nullptr;
    auto found = json_.find(key);
    if (found == json_.end()) {
      fail(key, "missing");
      return nullptr;
    }
    return &*found;
  }
  void fail(const std::string& key, const std::string& what) {
    if (!error_) error_ = corrupt(file_, key.empty() ? what : fmt::format("/{}: {}", key, what));
  }

  const Json& json_;
  std::string file_;
  std::optional<Error> error_;
};

// The header fields (what a marker holds).
Result<RunRecord> header_from_json(const Json& json, const std::string& file, FieldReader& reader) {
  RunRecord record;
  if (json.is_object()) {
    auto version = json.find("version");
    if (version == json.end() || !version->is_number_integer())
      return corrupt(file, "/version: missing or not an integer");
    if (version->get<long long>() != kVersion)
      return corrupt(file, fmt::format("/version: {} is not a version this conflictctl reads ({})",
                                       version->dump(), kVersion));
  }
  record.id = reader.text("id");
  record.command = reader.text("command");
  record.pipeline = reader.text("pipeline");
  record.definition_path = reader.text("definition_path");
  record.mode = reader.text("mode");
  record.virtual_clock = reader.boolean("virtual_clock");
  if (auto type = json.is_object() ? json.find("type") : json.end();
      json.is_object() && type != json.end()) {
    auto parsed = type->is_string() ? parse_workflow_type(type->get<std::string>()) : std::nullopt;
    if (!parsed) return corrupt(file, "/type: not \"STANDARD\" or \"EXPRESS\"");
    record.type = *parsed;
  }
  if (auto seed = json.is_object() ? json.find("seed") : json.end();
      json.is_object() && seed != json.end()) {
    if (!seed->is_number_unsigned()) return corrupt(file, "/seed: not an integer ≥ 0");
    record.seed = seed->get<std::uint64_t>();
  }
  if (auto environment = json.is_object() ? json.find("environment") : json.end();
      json.is_object() && environment != json.end()) {
    if (!environment->is_string()) return corrupt(file, "/environment: not a string");
    record.environment = environment->get<std::string>();
  }
  record.status = reader.text("status");
  record.started = reader.timestamp("started", false).value_or(Timestamp{});
  record.finished = reader.timestamp("finished", true);
  if (reader.error()) return *reader.error();
  return record;
}

Result<Json> read_json(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in.is_open()) return corrupt(path.string(), "cannot read the file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  auto json = parse_json_text(text, path.string());
  if (!json) return Error{std::string(error_names::kCorruptRecord), json.error().cause};
  return json;
}

// A record file, or a marker (then status INCOMPLETE and no events); the stored id must be
// the file's.
Result<RunRecord> read_entry(const fs::path& path, const Entry& entry) {
  auto json = read_json(path);
  if (!json) return json.error();
  FieldReader reader(*json, path.string());
  auto record = entry.marker ? header_from_json(*json, path.string(), reader)
                             : record_from_json(*json, path.string());
  if (!record) return record;
  if (record->id != entry.id) return corrupt(path.string(), "/id: not the file's name");
  if (entry.marker) {
    record->status = std::string(kIncomplete);
    record->history = Json{{"events", Json::array()}};
  }
  return record;
}

RunListing listing_of(const RunRecord& record) {
  RunListing listing{record.id,      record.command,       record.pipeline,
                     record.mode,    record.virtual_clock, record.status,
                     record.started, record.finished};
  if (record.history.is_object()) {
    auto events = record.history.find("events");
    if (events != record.history.end() && events->is_array()) listing.events = events->size();
  }
  return listing;
}

// The ids in runs/ (records and markers), each once; marker ids only when no record exists.
Result<std::map<std::string, Entry>> scan(const fs::path& runs) {
  std::map<std::string, Entry> entries;
  std::error_code error;
  if (!fs::exists(runs, error)) return entries;
  fs::directory_iterator it(runs, error), end;
  for (; !error && it != end; it.increment(error)) {
    auto entry = entry_of(it->path());
    if (!entry) continue;
    auto [found, inserted] = entries.emplace(entry->id, *entry);
    if (!inserted && !entry->marker) found->second = *entry;  // a record beats its marker
  }
  if (error)
    return Error{std::string(error_names::kReadFailed),
                 fmt::format("{}: cannot read the folder: {}", runs.string(), error.message())};
  return entries;
}

fs::path entry_path(const fs::path& runs, const Entry& entry) {
  return runs / (entry.id + std::string(entry.marker ? kMarkerSuffix : kRecordSuffix));
}

}  // namespace

RunStore::RunStore(std::string directory)
    : directory_(std::move(directory)), random_(Random::from_entropy()) {}

RunStore::RunStore(std::string directory, std::uint64_t seed)
    : directory_(std::move(directory)), random_(seed) {}

std::string RunStore::default_directory() {
  auto set = [](const char* name) -> const char* {
    const char* value = std::getenv(name);
    return value && *value ? value : nullptr;
  };
  if (const char* dir = set("CONFLICTCTL_STATE_DIR")) return dir;
  if (const char* dir = set("XDG_STATE_HOME")) return (fs::path(dir) / "conflictctl").string();
  if (const char* home = set("HOME"))
    return (fs::path(home) / ".local" / "state" / "conflictctl").string();
  return ".conflictctl";
}

Result<std::string> RunStore::begin(RunRecord& record) {
  fs::path runs = fs::path(directory_) / "runs";
  std::error_code error;
  fs::create_directories(runs, error);
  if (error) return write_failed(runs.string(), error.message());
  for (int attempt = 0; attempt < kIdAttempts; ++attempt) {
    record.id = make_id(record.started, record.pipeline, static_cast<unsigned>(random_.next()));
    fs::path marker = runs / (record.id + std::string(kMarkerSuffix));
    auto claimed = publish(marker, dump(header_json(record)), Publish::kNoReplace);
    if (!claimed) {
      record.id.clear();
      return claimed.error();
    }
    if (!*claimed) continue;  // another run holds this id
    // A run that finished under this id has removed its marker but left its record.
    if (fs::exists(runs / (record.id + std::string(kRecordSuffix)), error)) {
      ::unlink(marker.c_str());
      continue;
    }
    return record.id;
  }
  record.id.clear();
  return write_failed(runs.string(), "no unused run id");
}

Result<void> RunStore::finish(const RunRecord& record) {
  fs::path runs = fs::path(directory_) / "runs";
  if (!is_plain_id(record.id))
    return write_failed(runs.string(), fmt::format("'{}' is not a run id", record.id));
  std::error_code error;
  fs::create_directories(runs, error);
  if (error) return write_failed(runs.string(), error.message());
  auto written = publish(runs / (record.id + std::string(kRecordSuffix)), dump(to_json(record)),
                         Publish::kReplace);
  if (!written) return written.error();
  // Once the record is in place the marker means nothing; a crash here leaves it harmlessly.
  fs::remove(runs / (record.id + std::string(kMarkerSuffix)), error);
  return {};
}

Result<std::vector<RunListing>> RunStore::list(const std::string& pipeline, std::size_t limit,
                                               std::vector<Error>* skipped) const {
  fs::path runs = fs::path(directory_) / "runs";
  auto entries = scan(runs);
  if (!entries) return entries.error();
  std::vector<RunListing> listings;
  for (const auto& [id, entry] : *entries) {
    auto record = read_entry(entry_path(runs, entry), entry);
    if (!record) {  // unreadable or corrupt: `history ID` names the problem
      if (skipped) skipped->push_back(record.error());
      continue;
    }
    if (!pipeline.empty() && record->pipeline != pipeline) continue;
    listings.push_back(listing_of(*record));
  }
  // Newest first. A redrive keeps its execution's start: of two records that started
  // together, the one that finished later (the redrive) comes first.
  std::sort(listings.begin(), listings.end(), [](const RunListing& a, const RunListing& b) {
    if (a.started != b.started) return a.started > b.started;
    if (a.finished != b.finished) return a.finished > b.finished;
    return a.id > b.id;
  });
  if (limit != 0 && listings.size() > limit) listings.resize(limit);
  return listings;
}

Result<RunRecord> RunStore::load(const std::string& id) const {
  fs::path runs = fs::path(directory_) / "runs";
  if (!is_plain_id(id)) return not_found(fmt::format("{}: no run '{}'", runs.string(), id));
  auto entries = scan(runs);
  if (!entries) return entries.error();
  std::vector<Entry> candidates;
  if (auto exact = entries->find(id); exact != entries->end()) {
    candidates.push_back(exact->second);
  } else {
    for (auto it = entries->lower_bound(id); it != entries->end() && it->first.starts_with(id);
         ++it)
      candidates.push_back(it->second);
  }
  if (candidates.empty()) return not_found(fmt::format("{}: no run '{}'", runs.string(), id));
  if (candidates.size() > 1) {
    std::string names;
    for (const auto& candidate : candidates) names += (names.empty() ? "" : ", ") + candidate.id;
    return not_found(
        fmt::format("{}: '{}' is the start of several runs: {}", runs.string(), id, names));
  }
  auto record = read_entry(entry_path(runs, candidates.front()), candidates.front());
  // The run may have finished between the scan and the read: its marker is gone then.
  if (!record && candidates.front().marker) {
    Entry finished{candidates.front().id, false};
    if (fs::exists(entry_path(runs, finished)))
      return read_entry(entry_path(runs, finished), finished);
  }
  return record;
}

Json to_json(const RunRecord& record) {
  Json json = header_json(record);
  json["function_timeouts"] = record.function_timeouts;
  json["input"] = record.input;
  json["definition"] = record.definition;
  json["history"] = record.history;
  if (!record.map_runs.empty()) json["map_runs"] = record.map_runs;
  return json;
}

Result<RunRecord> record_from_json(const Json& json, const std::string& file) {
  FieldReader reader(json, file);
  auto record = header_from_json(json, file, reader);
  if (!record) return record;
  record->function_timeouts = reader.value("function_timeouts");
  reader.check(record->function_timeouts.is_object(), "function_timeouts", "not an object");
  record->input = reader.value("input");
  record->definition = reader.value("definition");
  reader.check(record->definition.is_object() || record->definition.is_null(), "definition",
               "not an object or null");
  record->history = reader.value("history");
  reader.check(record->history.is_object() && record->history.contains("events") &&
                   record->history.at("events").is_array(),
               "history", "not an object with an \"events\" array");
  if (json.contains("map_runs")) {
    record->map_runs = json.at("map_runs");
    reader.check(record->map_runs.is_array(), "map_runs", "not an array");
  }
  if (reader.error()) return *reader.error();
  // Every event's fields have the types the readers of a record (history, report, budget)
  // rely on: "FILE: /history/events/3/type: expected a string", never a JSON exception.
  if (auto events = history_from_json(record->history, file, "/history"); !events)
    return events.error();
  return record;
}

}  // namespace conflictctl::budget

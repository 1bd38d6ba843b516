#include "budget/run_store.h"

#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "budget/test_support.h"

namespace conflictctl::budget {
namespace {

namespace fs = std::filesystem;

using testing::TempDir;

std::string runs_of(const TempDir& dir) { return dir.path() + "/runs"; }

Timestamp at(const char* text) { return *parse_timestamp(text); }

RunRecord sample(const std::string& pipeline = "conflict_report",
                 Timestamp started = at("2024-01-02T03:04:05.678Z"), std::size_t events = 2,
                 std::size_t padding = 0) {
  RunRecord record;
  record.command = "simulate";
  record.pipeline = pipeline;
  record.definition_path = "pipelines/" + pipeline + ".asl.json";
  record.mode = "mock";
  record.status = "RUNNING";
  record.started = started;
  record.definition = Json{{"StartAt", "A"}, {"States", {{"A", {{"Type", "Succeed"}}}}}};
  record.function_timeouts = Json{{"arn:aws:lambda:us-east-1:1:function:f", 720}};
  record.input = Json{{"day", "2024-01-02"}};
  Json list = Json::array();
  for (std::size_t i = 1; i <= events; ++i)
    list.push_back(
        Json{{"timestamp", format_timestamp(started)},
             {"id", i},
             {"type", "PassStateEntered"},
             {"pad", std::string(padding, 'x')}});
  record.history = Json{{"events", list}};
  return record;
}

// Begins and finishes `record`; returns its id.
std::string store(RunStore& store, RunRecord record, const std::string& status = "SUCCEEDED") {
  auto id = store.begin(record);
  REQUIRE(id.ok());
  record.status = status;
  record.finished = record.started + Millis(1500);
  REQUIRE(store.finish(record).ok());
  return *id;
}

std::vector<std::string> ids(const std::vector<RunListing>& listings) {
  std::vector<std::string> out;
  for (const auto& listing : listings) out.push_back(listing.id);
  return out;
}

std::set<std::string> files_in(const std::string& dir) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.insert(entry.path().filename());
  return names;
}

TEST_CASE("a finished run loads back field by field and leaves only its record") {
  TempDir dir;
  RunStore runs(dir.path());
  RunRecord record = sample();
  auto id = runs.begin(record);
  REQUIRE(id.ok());
  CHECK(std::regex_match(*id, std::regex("20240102T030405Z-conflict_report-[0-9a-f]{4}")));
  CHECK(record.id == *id);
  CHECK(files_in(runs_of(dir)) == std::set<std::string>{*id + ".started"});

  record.status = "SUCCEEDED";
  record.finished = at("2024-01-02T03:05:00Z");
  REQUIRE(runs.finish(record).ok());
  CHECK(files_in(runs_of(dir)) == std::set<std::string>{*id + ".json"});

  auto loaded = runs.load(*id);
  REQUIRE(loaded.ok());
  CHECK(to_json(*loaded) == to_json(record));
  CHECK(loaded->started == record.started);
  CHECK(loaded->finished == record.finished);
  CHECK(loaded->history.at("events").size() == 2);
  Json stored = Json::parse(std::ifstream(runs_of(dir) + "/" + *id + ".json"));
  CHECK(stored.at("started") == "2024-01-02T03:04:05.678Z");
  CHECK(stored.at("finished") == "2024-01-02T03:05:00.000Z");
}

TEST_CASE("the ENVIRONMENT a run was made under is kept, older records have none") {
  TempDir dir;
  RunStore runs(dir.path());
  RunRecord staging = sample();
  staging.environment = "staging";
  std::string with = store(runs, staging);
  std::string without = store(runs, sample());
  CHECK(runs.load(with)->environment == "staging");
  CHECK(runs.load(without)->environment.empty());
  Json stored = Json::parse(std::ifstream(runs_of(dir) + "/" + with + ".json"));
  CHECK(stored.at("environment") == "staging");
  Json old = Json::parse(std::ifstream(runs_of(dir) + "/" + without + ".json"));
  CHECK_FALSE(old.contains("environment"));
}

unsigned mode_of(const std::string& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 0777;
}

// Regression (issue 14): records hold task outputs (personal data) and were created 0644.
TEST_CASE("records and markers are readable by their owner only (0600)") {
  TempDir dir;
  RunStore runs(dir.path());
  RunRecord record = sample();
  auto id = runs.begin(record);
  REQUIRE(id.ok());
  CHECK(mode_of(runs_of(dir) + "/" + *id + ".started") == 0600);
  record.status = "SUCCEEDED";
  REQUIRE(runs.finish(record).ok());
  CHECK(mode_of(runs_of(dir) + "/" + *id + ".json") == 0600);
}

// Two processes starting the same pipeline in the same second and drawing the same random
// suffix: the second one draws again, whether the first is still running or finished.
TEST_CASE("two runs never share an id, even when they draw the same one") {
  TempDir dir;
  RunStore first(dir.path(), 7), second(dir.path(), 7), third(dir.path(), 7);
  RunRecord running = sample(), finished = sample(), later = sample();
  auto running_id = first.begin(running);
  REQUIRE(running_id.ok());
  auto finished_id = second.begin(finished);  // draws running_id first, then another
  REQUIRE(finished_id.ok());
  CHECK(*finished_id != *running_id);
  finished.status = "SUCCEEDED";
  REQUIRE(second.finish(finished).ok());  // its marker is gone, its record holds the id

  auto later_id = third.begin(later);  // draws both ids before a free one
  REQUIRE(later_id.ok());
  CHECK(*later_id != *running_id);
  CHECK(*later_id != *finished_id);
  CHECK(files_in(runs_of(dir)) == std::set<std::string>{*running_id + ".started",
                                                        *finished_id + ".json",
                                                        *later_id + ".started"});
  auto loaded = first.load(*finished_id);
  REQUIRE(loaded.ok());
  CHECK(loaded->status == "SUCCEEDED");
}

TEST_CASE("a pipeline name that is not a plain file name is made one in the id") {
  TempDir dir;
  RunStore runs(dir.path());
  RunRecord record = sample("../a b");
  auto id = runs.begin(record);
  REQUIRE(id.ok());
  CHECK(id->find("Z-___a_b-") != std::string::npos);
  CHECK(fs::exists(runs_of(dir) + "/" + *id + ".started"));
}

TEST_CASE("list is newest first, filters by pipeline and stops at the limit") {
  TempDir dir;
  RunStore runs(dir.path());
  auto old_report = store(runs, sample("conflict_report", at("2024-01-01T00:00:00Z"), 3));
  auto new_chunked = store(runs, sample("conflict_report_chunked", at("2024-01-03T00:00:00Z")));
  auto mid_report = store(runs, sample("conflict_report", at("2024-01-02T00:00:00Z")), "FAILED");

  auto all = runs.list();
  REQUIRE(all.ok());
  CHECK(ids(*all) == std::vector<std::string>{new_chunked, mid_report, old_report});
  CHECK(all->back().events == 3);
  CHECK(all->back().status == "SUCCEEDED");
  CHECK((*all)[1].status == "FAILED");
  CHECK(all->back().finished == at("2024-01-01T00:00:01.500Z"));

  auto reports = runs.list("conflict_report");
  REQUIRE(reports.ok());
  CHECK(ids(*reports) == std::vector<std::string>{mid_report, old_report});

  auto newest = runs.list("", 1);
  REQUIRE(newest.ok());
  CHECK(ids(*newest) == std::vector<std::string>{new_chunked});
}

TEST_CASE("of two runs that started together, the one that finished later is listed first") {
  // A redrive keeps its execution's start time; it finishes after the attempt it redrives.
  for (int order = 0; order < 2; ++order) {
    TempDir dir;
    RunStore runs(dir.path());
    RunRecord attempt = sample("conflict_report", at("2024-01-02T00:00:00Z"));
    RunRecord redrive = attempt;
    redrive.command = "redrive";
    auto keep = [&](RunRecord record, Millis after) {
      auto id = runs.begin(record);
      REQUIRE(id.ok());
      record.status = "SUCCEEDED";
      record.finished = record.started + after;
      REQUIRE(runs.finish(record).ok());
      return *id;
    };
    std::string first, second;
    if (order == 0) {
      first = keep(attempt, Millis(1000));
      second = keep(redrive, Millis(90000));
    } else {
      second = keep(redrive, Millis(90000));
      first = keep(attempt, Millis(1000));
    }
    auto all = runs.list();
    REQUIRE(all.ok());
    CHECK(ids(*all) == std::vector<std::string>{second, first});
  }
}

TEST_CASE("list of a directory never written is empty") {
  TempDir dir;
  auto listed = RunStore(dir.path() + "/nothing").list();
  REQUIRE(listed.ok());
  CHECK(listed->empty());
}

TEST_CASE("a run is found by its id or a unique prefix") {
  TempDir dir;
  RunStore runs(dir.path());
  auto first = store(runs, sample("alpha", at("2024-01-01T00:00:00Z")));
  auto second = store(runs, sample("alpha", at("2024-01-01T00:00:00Z")));
  auto other = store(runs, sample("beta", at("2024-02-01T00:00:00Z")));

  CHECK(runs.load(first)->id == first);
  CHECK(runs.load("20240201")->id == other);

  auto ambiguous = runs.load("20240101T000000Z-alpha");
  REQUIRE_FALSE(ambiguous.ok());
  CHECK(ambiguous.error().name == "State.RunNotFound");
  CHECK(ambiguous.error().cause.find("several runs") != std::string::npos);
  CHECK(ambiguous.error().cause.find(first) != std::string::npos);
  CHECK(ambiguous.error().cause.find(second) != std::string::npos);

  for (std::string missing : {"2023", "", "../runs", ".hidden"}) {
    auto none = runs.load(missing);
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().name == "State.RunNotFound");
    CHECK(none.error().cause.find(runs_of(dir)) != std::string::npos);
  }
}

TEST_CASE("a run that never finished is listed and loaded as INCOMPLETE") {
  TempDir dir;
  RunStore runs(dir.path());
  auto done = store(runs, sample("p", at("2024-01-01T00:00:00Z")));
  RunRecord killed = sample("p", at("2024-01-05T00:00:00Z"));
  auto id = runs.begin(killed);
  REQUIRE(id.ok());

  auto listed = runs.list();
  REQUIRE(listed.ok());
  REQUIRE(ids(*listed) == std::vector<std::string>{*id, done});
  CHECK(listed->front().status == "INCOMPLETE");
  CHECK(listed->front().command == "simulate");
  CHECK(listed->front().events == 0);
  CHECK_FALSE(listed->front().finished);

  auto loaded = runs.load(*id);
  REQUIRE(loaded.ok());
  CHECK(loaded->status == "INCOMPLETE");
  CHECK(loaded->started == killed.started);
  CHECK(loaded->history.at("events").empty());
}

TEST_CASE("a corrupt record is named when loaded and skipped when listed") {
  TempDir dir;
  RunStore runs(dir.path());
  auto good = store(runs, sample());
  std::string bad_id = "20240101T000000Z-p-0bad";
  std::string bad_file = runs_of(dir) + "/" + bad_id + ".json";
  std::ofstream(bad_file) << "{\"version\": 1, \"id\": \"" << bad_id << "\",\n \"command\": ";

  auto loaded = runs.load(bad_id);
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.error().name == "State.CorruptRecord");
  CHECK(loaded.error().cause.starts_with(bad_file + ":2:"));
  CHECK(loaded.error().cause.find("not valid JSON") != std::string::npos);

  auto listed = runs.list();
  REQUIRE(listed.ok());
  CHECK(ids(*listed) == std::vector<std::string>{good});
}

TEST_CASE("a record with a bad field is named with the file and the field's pointer") {
  Json json = to_json(sample());
  json["started"] = "yesterday";
  auto parsed = record_from_json(json, "runs/x.json");
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error() ==
        Error{"State.CorruptRecord", "runs/x.json: /started: not an RFC 3339 timestamp"});

  json = to_json(sample());
  json.erase("history");
  CHECK(record_from_json(json, "f").error().cause == "f: /history: missing");

  json = to_json(sample());
  json["version"] = 2;
  CHECK(record_from_json(json, "f").error().cause.starts_with("f: /version: 2 is not"));
}

TEST_CASE("an event of the wrong shape is named by its pointer, never a JSON exception") {
  Json json = to_json(sample());
  json["history"]["events"][1]["type"] = 5;
  CHECK(record_from_json(json, "runs/x.json").error() ==
        Error{"State.CorruptRecord", "runs/x.json: /history/events/1/type: expected a string"});

  json = to_json(sample());
  json["history"]["events"][0] = 7;
  CHECK(record_from_json(json, "f").error().cause == "f: /history/events/0: expected an event "
                                                     "object");

  json = to_json(sample());
  json["history"]["events"][0]["timestamp"] = nullptr;
  CHECK(record_from_json(json, "f").error().cause ==
        "f: /history/events/0/timestamp: not an RFC 3339 timestamp");
}

TEST_CASE("a record nested 50,000 deep is a corrupt record, not a stack overflow") {
  TempDir dir;
  RunStore runs(dir.path());
  fs::create_directories(runs_of(dir));
  const std::string id = "20240101T000000Z-p-deep";
  const std::string file = runs_of(dir) + "/" + id + ".json";
  std::ofstream(file) << std::string(50000, '[') << std::string(50000, ']');
  auto loaded = runs.load(id);
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.error() ==
        Error{"State.CorruptRecord", file + ":1:513: JSON nested more than 512 levels deep"});
}

TEST_CASE("a leftover temporary file is never listed") {
  TempDir dir;
  RunStore runs(dir.path());
  auto good = store(runs, sample());
  std::ofstream(runs_of(dir) + "/." + good + ".json.123-0.tmp") << "{\"half\": ";
  std::ofstream(runs_of(dir) + "/.x.started.9-1.tmp") << "{}";
  auto listed = runs.list();
  REQUIRE(listed.ok());
  CHECK(ids(*listed) == std::vector<std::string>{good});
  CHECK(runs.load(good).ok());
}

TEST_CASE("a state directory that cannot be created is a WriteFailed naming it") {
  TempDir dir;
  std::string file = dir.path() + "/a-file";
  std::ofstream(file) << "x";
  RunStore runs(file);
  RunRecord record = sample();
  auto id = runs.begin(record);
  REQUIRE_FALSE(id.ok());
  CHECK(id.error().name == "State.WriteFailed");
  CHECK(id.error().cause.starts_with(file + "/runs: cannot write: "));
  CHECK(record.id.empty());
}

TEST_CASE("the default directory follows CONFLICTCTL_STATE_DIR, XDG_STATE_HOME, HOME") {
  auto saved = [](const char* name) {
    const char* value = std::getenv(name);
    return value ? std::optional<std::string>(value) : std::nullopt;
  };
  auto state = saved("CONFLICTCTL_STATE_DIR"), xdg = saved("XDG_STATE_HOME"), home = saved("HOME");
  ::setenv("CONFLICTCTL_STATE_DIR", "/s", 1);
  ::setenv("XDG_STATE_HOME", "/x", 1);
  ::setenv("HOME", "/h", 1);
  CHECK(RunStore::default_directory() == "/s");
  ::unsetenv("CONFLICTCTL_STATE_DIR");
  CHECK(RunStore::default_directory() == "/x/conflictctl");
  ::setenv("XDG_STATE_HOME", "", 1);
  CHECK(RunStore::default_directory() == "/h/.local/state/conflictctl");
  auto restore = [](const char* name, const std::optional<std::string>& value) {
    if (value)
      ::setenv(name, value->c_str(), 1);
    else
      ::unsetenv(name);
  };
  restore("CONFLICTCTL_STATE_DIR", state);
  restore("XDG_STATE_HOME", xdg);
  restore("HOME", home);
}

// Kill safety: a writer killed at any moment leaves, for every run, a complete record or a
// marker (INCOMPLETE), never a truncated record; its temporary files are never listed.
TEST_CASE("records survive a writer killed at any moment") {
  TempDir dir;
  constexpr std::size_t kEvents = 1000, kPadding = 250;  // ~300 kB per record
  constexpr int kKills = 24;
  for (int kill = 0; kill < kKills; ++kill) {
    int finished[2];  // the child writes one byte here after each record it finishes
    REQUIRE(::pipe(finished) == 0);
    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      ::close(finished[0]);
      RunStore runs(dir.path());
      RunRecord record = sample("killed", at("2024-01-01T00:00:00Z"), kEvents, kPadding);
      for (int i = 0;; ++i) {
        record.started = at("2024-01-01T00:00:00Z") + Millis(i);
        record.status = "RUNNING";
        if (!runs.begin(record)) ::_exit(2);
        record.status = "SUCCEEDED";
        if (!runs.finish(record)) ::_exit(3);
        if (::write(finished[1], "f", 1) != 1) ::_exit(4);
      }
    }
    ::close(finished[1]);
    // Every other child is killed only after it finished a record (so some records are
    // complete however slow the build, e.g. under sanitizers); then, in real time and only
    // here, after 1 to 93 ms more: a different moment of its loop each time.
    if (kill % 2 == 1) {
      char byte = 0;
      REQUIRE(::read(finished[0], &byte, 1) == 1);
    }
    ::poll(nullptr, 0, 1 + 4 * kill);
    int status = 0;
    REQUIRE(::waitpid(child, &status, WNOHANG) == 0);  // still writing
    ::kill(child, SIGKILL);
    REQUIRE(::waitpid(child, &status, 0) == child);
    ::close(finished[0]);  // only now: closed earlier, the child's next write would SIGPIPE
    CHECK((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));
  }

  RunStore runs(dir.path());
  auto listed = runs.list();
  REQUIRE(listed.ok());
  std::size_t complete = 0, incomplete = 0;
  for (const auto& listing : *listed) {
    CHECK_FALSE(listing.id.starts_with("."));
    CHECK(listing.id.find(".tmp") == std::string::npos);
    auto loaded = runs.load(listing.id);
    REQUIRE(loaded.ok());
    if (listing.status == "INCOMPLETE") {
      ++incomplete;
      continue;
    }
    ++complete;
    CHECK(loaded->status == "SUCCEEDED");
    CHECK(loaded->history.at("events").size() == kEvents);
    CHECK(listing.events == kEvents);
  }
  // Every record file on disk is whole (list() would skip a corrupt one silently).
  for (const auto& name : files_in(runs_of(dir))) {
    if (name.starts_with(".") || !name.ends_with(".json")) continue;
    auto loaded = runs.load(name.substr(0, name.size() - 5));
    INFO(name);
    CHECK(loaded.ok());
  }
  CHECK(complete + incomplete == listed->size());
  CHECK(incomplete <= kKills);
  CHECK(complete > 0);
}

}  // namespace
}  // namespace conflictctl::budget

// Golden tests: state machines run on the virtual clock against expected outcomes and
// histories. One file per case in test/golden/:
//
//   {"description": "...", "source": "where the expected values come from",
//    "definition": {ASL}, "input": {...},
//    "mocks": {"StateName": {"0": {"Return": ...}, "1-2": {"Throw": {...}, "DurationSeconds": 5}}},
//    "expected": {"status": "SUCCEEDED", "output": ..., "error": ..., "cause": ...,
//                 "events": ["ExecutionStarted@0", "TaskStateEntered@0", ...],
//                 "history_contains": [{"type": "TaskFailed", "lambdaFunctionFailedEventDetails": {...}}],
//                 "files": {"runs/ID/manifest.json": {...}}}}
//
// A redrive (engine/redrive.h): "redrive": {"mocks": {...}, "expected": {...},
// "invocations": {"StateName": n}} redrives the run once it has ended, with those mocks
// (their invocation counts start again at 0), and checks the redriven run as above — its
// "events" list the whole history, both attempts — and how many times each named Task state's
// task was invoked in the redrive. A Distributed Map's Map Run that failed is redriven from
// what the run kept of it (ExecutionOptions::keep_map_runs, on for every case with a redrive).
//
// A Distributed Map's S3 objects (engine/s3_files.h): "s3_roots": {"s3://in": "files",
// "s3://out": "@out"} maps a prefix to a folder under test/golden/, or "@out" to a fresh
// folder whose files "expected.files" lists (each compared as JSON, or as text when the
// expected value is a string: a JSON Lines file; any other file there fails the case).
// "{golden}" in an expected cause stands for the test/golden folder.
//
// A single-state test (engine/test_state.h, AWS's TestState API): "test_state": {"state":
// NAME, "input": …, "variables": {…}, "mock": {"result": …} or {"errorOutput": {"error": …,
// "cause": …}}, "retry_count": n, "inspection_level": "INFO" | "DEBUG" | "TRACE"} runs that
// state alone at the start time below, and "expected" is the whole TestState response
// (engine::test_state_response: output and inspection data as JSON text, compared as written).
//
// "mocks" are the MockedResponses of an AWS Step Functions Local mock configuration, keyed by
// the state they answer. "events" lists every history event as "Type@seconds" since the start
// (seconds printed exactly: "@7.5", "@6314340"); "history_contains" lists events that must
// appear (a subset match on their fields, e.g. {"type": ..., "timestamp": ...}). JSON values
// are compared as JSON (object key order does not matter); the input/output strings inside
// event details are compared as written.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "asl/parser.h"
#include "engine/executor.h"
#include "engine/redrive.h"
#include "engine/s3_files.h"
#include "engine/test_state.h"
#include "tasks/mock_config.h"
#include "tasks/mock_runner.h"

namespace {

using conflictctl::Json;
namespace fs = std::filesystem;

const conflictctl::Timestamp kStart = *conflictctl::parse_timestamp("2024-01-01T00:00:00Z");

// JSON equality that ignores object key order (ordered_json compares it).
bool same_json(const Json& a, const Json& b) {
  return nlohmann::json::parse(a.dump()) == nlohmann::json::parse(b.dump());
}

bool contains(const Json& actual, const Json& expected) {
  if (!expected.is_object()) return same_json(actual, expected);
  if (!actual.is_object()) return false;
  for (const auto& [key, value] : expected.items()) {
    auto it = actual.find(key);
    if (it == actual.end() || !contains(*it, value)) return false;
  }
  return true;
}

std::string event_label(const conflictctl::engine::HistoryEvent& event) {
  double seconds = conflictctl::millis_to_seconds(event.timestamp - kStart);
  return fmt::format("{}@{}", event.type, seconds);
}

conflictctl::tasks::MockTestCase mock_case(const Json& mocked, const fs::path& file) {
  Json mock_file = {{"StateMachines", {{"golden", {{"TestCases", {{"case", Json::object()}}}}}}},
                    {"MockedResponses", Json::object()}};
  for (const auto& [state, responses] : mocked.items()) {
    mock_file["StateMachines"]["golden"]["TestCases"]["case"][state] = state;
    mock_file["MockedResponses"][state] = responses;
  }
  auto mocks = conflictctl::tasks::parse_mock_config(mock_file.dump(), file.string());
  for (const auto& diagnostic : mocks.diagnostics) FAIL(diagnostic.to_string());
  auto test_case = mocks.config->test_case("golden", "case");
  REQUIRE(test_case.ok());
  return *test_case;
}

// Counts the invocations of each Task state's task, then hands them on.
class CountingRunner final : public conflictctl::engine::TaskRunner {
 public:
  explicit CountingRunner(conflictctl::engine::TaskRunner& inner) : inner_(inner) {}
  conflictctl::engine::TaskOutcome invoke(const conflictctl::engine::TaskInvocation& invocation,
                                          conflictctl::engine::TaskContext& context) override {
    ++counts[invocation.state_name];
    return inner_.invoke(invocation, context);
  }
  std::map<std::string, int> counts;

 private:
  conflictctl::engine::TaskRunner& inner_;
};

void check_result(const Json& expected, const conflictctl::engine::ExecutionResult& result,
                  const fs::path& golden_dir, const fs::path& out);

void run_test_state(const conflictctl::asl::StateMachine& machine, const Json& given,
                    const Json& expected) {
  using conflictctl::engine::InspectionLevel;
  conflictctl::engine::TestStateRequest request;
  request.state = given.at("state").get<std::string>();
  request.input = given.value("input", Json::object());
  request.variables = given.value("variables", Json::object());
  const Json mock = given.value("mock", Json::object());
  if (mock.contains("result")) request.mock_result = mock.at("result");
  if (mock.contains("errorOutput")) {
    request.mock_error = conflictctl::Error{mock.at("errorOutput").at("error").get<std::string>(),
                                            mock.at("errorOutput").value("cause", "")};
  }
  request.retry_count = given.value("retry_count", 0);
  const std::string level = given.value("inspection_level", "INFO");
  request.level = level == "TRACE"   ? InspectionLevel::kTrace
                  : level == "DEBUG" ? InspectionLevel::kDebug
                                     : InspectionLevel::kInfo;
  request.now = kStart;
  auto result = conflictctl::engine::test_state(machine, request);
  if (!result) FAIL(result.error().name + ": " + result.error().cause);
  const Json response = conflictctl::engine::test_state_response(*result);
  INFO("response: " << response.dump());
  CHECK(same_json(response, expected));
}

void run_case(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  Json golden = Json::parse(text.str());
  INFO(file.filename().string() << ": " << golden.value("description", ""));

  auto loaded = conflictctl::asl::parse_definition(golden.at("definition").dump(), file.string());
  for (const auto& diagnostic : loaded.diagnostics) FAIL(diagnostic.to_string());
  REQUIRE(loaded.machine);
  if (golden.contains("test_state")) {
    run_test_state(*loaded.machine, golden.at("test_state"), golden.at("expected"));
    return;
  }

  conflictctl::tasks::MockRunner runner(mock_case(golden.value("mocks", Json::object()), file),
                                       nullptr);

  conflictctl::VirtualClock clock(kStart);
  conflictctl::NullLogger log;
  conflictctl::engine::ExecutionOptions options;
  options.input = golden.value("input", Json::object());
  options.execution_name = "golden";
  options.state_machine_name = "Golden";
  const fs::path golden_dir = CONFLICTCTL_GOLDEN_DIR;
  const fs::path out = fs::temp_directory_path() / ("conflictctl_golden_" + file.stem().string());
  fs::remove_all(out);
  const Json roots = golden.value("s3_roots", Json::object());
  for (const auto& [prefix, folder] : roots.items()) {
    std::string dir =
        folder == "@out" ? out.string() : (golden_dir / folder.get<std::string>()).string();
    auto root = conflictctl::engine::parse_s3_root(prefix + "=" + dir);
    REQUIRE(root.ok());
    options.s3_roots.push_back(*root);
  }
  options.keep_map_runs = golden.contains("redrive");
  auto result = conflictctl::engine::execute(*loaded.machine, options, {runner, clock, log});
  check_result(golden.at("expected"), result, golden_dir, out);
  if (!golden.contains("redrive")) return;

  const Json& redrive = golden.at("redrive");
  INFO("the redrive");
  clock.advance_to(clock.now() + conflictctl::seconds_to_millis(60));
  // The Map Runs as a run record keeps them, read back (engine/map_run_record.h).
  auto map_runs = conflictctl::engine::map_runs_from_json(
      conflictctl::engine::to_json(result.map_runs), "/map_runs");
  REQUIRE(map_runs.ok());
  auto plan = conflictctl::engine::plan_redrive(*loaded.machine, result.history.to_json(),
                                                options.input, *map_runs);
  if (!plan) FAIL(plan.error().name + ": " + plan.error().cause);
  conflictctl::tasks::MockRunner fixed(mock_case(redrive.value("mocks", Json::object()), file),
                                      nullptr);
  CountingRunner counting(fixed);
  options.redrive = &*plan;
  auto redriven = conflictctl::engine::execute(*loaded.machine, options, {counting, clock, log});
  check_result(redrive.at("expected"), redriven, golden_dir, out);
  const Json invocations = redrive.value("invocations", Json::object());
  for (const auto& [state, count] : invocations.items()) {
    INFO("invocations of " << state);
    CHECK(counting.counts[state] == count.get<int>());
  }
}

void check_result(const Json& expected, const conflictctl::engine::ExecutionResult& result,
                  const fs::path& golden_dir, const fs::path& out) {
  std::vector<std::string> events;
  for (const auto& event : result.history.events()) events.push_back(event_label(event));
  INFO("history: " << result.history.to_json().dump(1));
  INFO("output: " << result.output.dump());
  CHECK(std::string(conflictctl::engine::to_string(result.status)) == expected.at("status"));
  if (expected.contains("output")) CHECK(same_json(result.output, expected.at("output")));
  if (expected.contains("error")) {
    REQUIRE(result.error);
    CHECK(result.error->name == expected.at("error").get<std::string>());
  }
  if (expected.contains("cause")) {
    REQUIRE(result.error);
    std::string cause = expected.at("cause").get<std::string>();
    if (auto at = cause.find("{golden}"); at != std::string::npos)
      cause.replace(at, 8, golden_dir.string());
    CHECK(result.error->cause == cause);
  }
  if (expected.contains("files")) {
    std::size_t found = 0;
    for (const auto& entry : fs::recursive_directory_iterator(out)) {
      if (!entry.is_regular_file()) continue;
      ++found;
      std::string name = fs::relative(entry.path(), out).generic_string();
      INFO("written file " << name);
      REQUIRE(expected.at("files").contains(name));
      std::ifstream written(entry.path());
      std::stringstream content;
      content << written.rdbuf();
      const Json& wanted = expected.at("files").at(name);
      if (wanted.is_string()) CHECK(content.str() == wanted.get<std::string>());
      else CHECK(same_json(Json::parse(content.str()), wanted));
    }
    CHECK(found == expected.at("files").size());
    fs::remove_all(out);
  }
  if (expected.contains("events"))
    CHECK(events == expected.at("events").get<std::vector<std::string>>());
  const Json wanted_events = expected.value("history_contains", Json::array());
  for (const auto& wanted : wanted_events) {
    bool found = std::any_of(result.history.events().begin(), result.history.events().end(),
                             [&](const auto& event) { return contains(event.to_json(), wanted); });
    INFO("expected an event matching " << wanted.dump());
    CHECK(found);
  }
}

}  // namespace

TEST_CASE("golden state machine runs") {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(CONFLICTCTL_GOLDEN_DIR))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE(!files.empty());
  for (const auto& file : files) {
    DYNAMIC_SECTION(file.stem().string()) { run_case(file); }
  }
}

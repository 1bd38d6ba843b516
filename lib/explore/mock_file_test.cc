#include "explore/mock_file.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "scratch_dir.h"
#include "tasks/mock_config.h"

using namespace conflictctl;
using namespace conflictctl::explore;

namespace {

constexpr const char* kDefinition = R"({"StartAt": "Load", "States": {
  "Load": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
           "TimeoutSeconds": 60,
           "Retry": [{"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 2}],
           "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}],
           "Next": "Done"},
  "Failed": {"Type": "Fail", "Error": "LoadFailed"},
  "Done": {"Type": "Succeed"}}})";

struct Fixture {
  Fixture() {
    std::ofstream(dir / "load.asl.json") << kDefinition;
    request.definition = (dir / "load.asl.json").string();
    auto loaded = load_subject(request);
    REQUIRE(loaded.subject);
    subject = std::move(*loaded.subject);
  }

  std::string write(const Json& file) {
    std::string path = (dir / "mocks.json").string();
    std::ofstream(path) << file.dump(2);
    return path;
  }

  test::ScratchDir scratch{"explore_mock_file"};
  std::filesystem::path dir = scratch.path();
  ExploreRequest request;
  Subject subject;
};

}  // namespace

TEST_CASE("a test case is named after its outcome") {
  CHECK(test_case_name({"Done", "SUCCEEDED", ""}) == "Done--SUCCEEDED");
  CHECK(test_case_name({"Load", "FAILED", "States.Timeout"}) == "Load--FAILED--States.Timeout");
}

TEST_CASE("the written mock file plays each outcome back, and a change is found") {
  Fixture fixture;
  Report report = explore::explore(fixture.subject, fixture.request);
  Json file = write_mock_file(report);
  auto parsed = tasks::parse_mock_config(file.dump(), "mocks.json");
  REQUIRE(parsed.diagnostics.empty());
  // The failing outcome's smallest scenario: one call, States.Timeout (no Retrier names it).
  CHECK(file["MockedResponses"]["Failed--FAILED--LoadFailed/Load"] ==
        Json::parse(R"({"0": {"Throw": {"Error": "States.Timeout",
                         "Cause": "injected by conflictctl explore: States.Timeout"}}})"));
  // The baseline: its one call, as the handlers answered it.
  CHECK(file["MockedResponses"]["Done--SUCCEEDED/Load"] == Json::parse(R"({"0": {"Return": {}}})"));

  std::string path = fixture.write(file);
  CheckResult checked = check_mock_file(fixture.subject, path);
  REQUIRE(checked.diagnostics.empty());
  CHECK(format_check_text(checked, "mocks.json") ==
        "same     Done--SUCCEEDED  (0 s)\n"
        "same     Failed--FAILED--LoadFailed  (0 s)\n"
        "mocks.json: 2 test cases, 0 changed.\n");

  // The failing case now fails twice and succeeds on its last retry: its outcome changed.
  file["MockedResponses"]["Failed--FAILED--LoadFailed/Load"] = Json::parse(
      R"({"0-1": {"Throw": {"Error": "States.TaskFailed", "Cause": "c"}}, "2": {"Return": {}}})");
  checked = check_mock_file(fixture.subject, fixture.write(file));
  CHECK(format_check_text(checked, "mocks.json") ==
        "same     Done--SUCCEEDED  (0 s)\n"
        "CHANGED  Failed--FAILED--LoadFailed: now SUCCEEDED at Done\n"
        "mocks.json: 2 test cases, 1 changed.\n");
}

TEST_CASE("a test case whose name states no outcome is a diagnostic") {
  Fixture fixture;
  std::string path = fixture.write(Json::parse(R"({
    "StateMachines": {"load": {"TestCases": {"HappyPath": {"Load": "R"}}}},
    "MockedResponses": {"R": {"0": {"Return": {}}}}})"));
  CheckResult checked = check_mock_file(fixture.subject, path);
  REQUIRE(checked.diagnostics.size() == 1);
  CHECK(checked.diagnostics[0].to_string() ==
        path + ": /StateMachines/load/TestCases/HappyPath: the test case's name states no "
               "outcome (<end state>--<STATUS>[--<error>])");
}

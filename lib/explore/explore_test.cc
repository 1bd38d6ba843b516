#include "explore/explore.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "explore/report.h"
#include "source_tree.h"

using namespace conflictctl;
using namespace conflictctl::explore;

namespace {

Report explored(ExploreRequest request) {
  auto loaded = load_subject(request);
  for (const auto& diagnostic : loaded.diagnostics) FAIL(diagnostic.to_string());
  REQUIRE(loaded.subject);
  return explore::explore(*loaded.subject, request);
}

// Explores `definition` written to a temporary "<name>.asl.json"; every Task returns {}.
Report explored_text(const std::string& name, const std::string& definition) {
  auto dir = std::filesystem::temp_directory_path() / ("conflictctl_explore_test_" + name);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / (name + ".asl.json")) << definition;
  ExploreRequest request;
  request.definition = (dir / (name + ".asl.json")).string();
  Report report = explored(request);
  std::filesystem::remove_all(dir);
  return report;
}

}  // namespace

TEST_CASE("a Retrier inside a Map fires though the iterations' calls interleave") {
  Report report = explored_text("interleaved", R"({"StartAt": "Items", "States": {
    "Items": {"Type": "Pass", "Result": [1, 2, 3], "ResultPath": "$.items", "Next": "Each"},
    "Each": {"Type": "Map", "ItemsPath": "$.items", "End": true,
             "ItemProcessor": {"StartAt": "Send", "States": {
               "Send": {"Type": "Task", "End": true,
                        "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
                        "Retry": [{"ErrorEquals": ["Custom.Busy"], "MaxAttempts": 1},
                                  {"ErrorEquals": ["States.Timeout"], "MaxAttempts": 0}]}}}}}})");
  // Every iteration starts at once; iteration 1's retry comes after iteration 2's first call.
  REQUIRE(report.idle_retriers.size() == 1);
  CHECK(report.idle_retriers[0].index == 1);
  CHECK(report.idle_retriers[0].reason == "MaxAttempts is 0");
}

TEST_CASE("the reference chunked definition's ChunkFailed and ChunkTimeout are unreachable, "
          "and why") {
  ExploreRequest request;
  request.definition = test::source_path("pipelines/conflict_report_chunked.asl.json");
  request.bindings = test::source_path("pipelines/conflict_report_chunked.yaml");
  Report report = explored(request);
  REQUIRE(report.unreachable_catchers.size() == 2);
  std::string cannot = "its ResultPath \"$.error\" cannot apply: States.ResultPathMatchFailure: "
                       "Unable to apply ReferencePath $.error to input 0";
  CHECK(report.unreachable_catchers[0].state == "ProcessSingleChunk");
  CHECK(report.unreachable_catchers[0].catcher->next == "ChunkTimeout");
  CHECK(report.unreachable_catchers[0].reason == cannot);
  CHECK(report.unreachable_catchers[1].catcher->next == "ChunkFailed");
  CHECK(report.unreachable_catchers[1].reason == cannot);

  std::vector<std::string> states;
  for (const auto& state : report.unreachable_states)
    states.push_back(state.state + " (in " + state.map + "): " + state.reason);
  CHECK(states == std::vector<std::string>{
      "NoChunksToProcess (in ): only Choice CheckIfChunksExist leads to it, and explore varies "
      "failures and durations, not the results its rules read",
      "ChunkTimeout (in ProcessTask02Chunks): only ProcessSingleChunk Catch[0] leads to it, and "
      "no scenario takes it",
      "ChunkFailed (in ProcessTask02Chunks): only ProcessSingleChunk Catch[1] leads to it, and no "
      "scenario takes it"});
  CHECK(report.escaping_errors.empty());
}

TEST_CASE("with the mock test case that has no chunks, the Choice's Default is reached") {
  ExploreRequest request;
  request.pipeline = "conflict_report_chunked";
  request.mocks = pipeline::MockSelection{
      test::source_path("pipelines/mocks/conflict_report.mocks.json"), "", "NoChunks"};
  Report report = explored(request);
  REQUIRE(report.outcomes.size() >= 1);
  CHECK(to_string(report.outcomes[0].outcome) == "SUCCEEDED at NoChunksToProcess");
  for (const auto& state : report.unreachable_states) CHECK(state.state != "NoChunksToProcess");
}

TEST_CASE("every terminal state of the daily pipeline has a scenario") {
  ExploreRequest request;
  request.pipeline = "conflict_report_daily";
  Report report = explored(request);
  std::vector<std::string> outcomes;
  for (const auto& finding : report.outcomes) outcomes.push_back(to_string(finding.outcome));
  CHECK(outcomes == std::vector<std::string>{
      "SUCCEEDED at PipelineSuccess",
      "FAILED at ConfigValidationFailed: ConfigValidationError",
      "FAILED at Task01Failed: Task01ExecutionError",
      "FAILED at Task01Timeout: Task01TimeoutError",
      "FAILED at Task02Failed: Task02ExecutionError",
      "FAILED at Task02Timeout: Task02TimeoutError",
      "FAILED at Task03Failed: Task03ExecutionError",
      "FAILED at Task03Timeout: Task03TimeoutError"});
  CHECK(report.unreachable_states.empty());
  CHECK(report.unreachable_catchers.empty());
  CHECK(report.scenarios_run == 68);

  Json json = to_json(report);
  CHECK(json["state_machine"] == "conflict_report_daily");
  CHECK(json["scenarios"] == Json{{"run", 68}, {"skipped", 0}});
  CHECK(json["outcomes"][1] ==
        Json{{"end_state", "ConfigValidationFailed"},
             {"status", "FAILED"},
             {"error", "ConfigValidationError"},
             {"scenarios", 10},
             {"smallest",
              {{"scenario", "ValidateConfig: States.Timeout on every attempt"},
               {"seconds", 0.0}}},
             {"test_case", "ConfigValidationFailed--FAILED--ConfigValidationError"}});
}

TEST_CASE("an unknown pipeline is a diagnostic and nothing runs") {
  ExploreRequest request;
  request.pipeline = "no_such_pipeline";
  auto loaded = load_subject(request);
  CHECK_FALSE(loaded.subject);
  REQUIRE(loaded.diagnostics.size() == 1);
}

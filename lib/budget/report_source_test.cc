#include "budget/report_source.h"

#include <catch2/catch.hpp>

#include "budget/test_support.h"
#include "source_tree.h"

namespace conflictctl::budget {
namespace {

const char* kDefinition = R"({"StartAt": "Load", "States": {
  "Load": {"Type": "Task", "Resource": "arn:aws:lambda:r:1:function:etl", "End": true}}})";

const char* kMocks = R"({"StateMachines": {"test": {"TestCases": {"C": {"Load": "R"}}}},
  "MockedResponses": {"R": {"0": {"Return": {}, "DurationSeconds": 60}}}})";

// Records a run of pipeline "test" started `minutes` after midnight; returns its id.
std::string record(RunStore& store, int minutes, bool real) {
  RunRecord run = testing::mock_run(kDefinition, kMocks, "C", "", testing::at(minutes * 60.0));
  if (real) run = testing::as_real(std::move(run));
  auto id = store.begin(run);
  REQUIRE(id);
  REQUIRE(store.finish(run));
  return *id;
}

BudgetRequest request_for(const std::string& pipeline) {
  BudgetRequest request;
  request.pipeline = pipeline;
  request.pipelines_dir = test::source_path("pipelines");
  return request;
}

}  // namespace

TEST_CASE("the newest real runs are measured and the newest one is drawn") {
  testing::TempDir dir;
  RunStore store(dir.path());
  std::string first = record(store, 1, true);
  std::string second = record(store, 2, true);
  std::string third = record(store, 3, true);
  std::string mock = record(store, 4, false);

  BudgetRequest request = request_for("test");
  request.runs = 2;
  auto inputs = gather_report_inputs(store, request);
  REQUIRE(inputs);
  REQUIRE(inputs->records.size() == 2);
  CHECK(inputs->records[0].id == third);
  CHECK(inputs->records[1].id == second);
  CHECK(inputs->mock_runs_left_out == 1);
  REQUIRE(inputs->timeline_run);
  CHECK(inputs->timeline_run->id == third);
  REQUIRE(inputs->machine);
  CHECK(inputs->machine->start_at == "Load");
  CHECK(inputs->function_timeout("arn:aws:lambda:r:1:function:etl") == 900);

  request.options.include_mock = true;
  inputs = gather_report_inputs(store, request);
  REQUIRE(inputs);
  CHECK(inputs->records[0].id == mock);

  request.run = first;
  inputs = gather_report_inputs(store, request);
  REQUIRE(inputs);
  CHECK(inputs->timeline_run->id == first);
}

TEST_CASE("with mock runs only, the newest is drawn and said not to be measured") {
  testing::TempDir dir;
  RunStore store(dir.path());
  record(store, 1, false);
  std::string newest = record(store, 2, false);
  auto inputs = gather_report_inputs(store, request_for("test"));
  REQUIRE(inputs);
  CHECK(inputs->records.empty());
  CHECK(inputs->mock_runs_left_out == 2);
  REQUIRE(inputs->timeline_run);
  CHECK(inputs->timeline_run->id == newest);
  CHECK(inputs->notes ==
        std::vector<std::string>{"The timeline shows run " + newest +
                                 ", a mock run that is not measured."});
}

TEST_CASE("without recorded runs the pipeline's definition file is analysed") {
  testing::TempDir dir;
  RunStore store(dir.path());
  auto inputs = gather_report_inputs(store, request_for("conflict_report"));
  REQUIRE(inputs);
  CHECK(inputs->records.empty());
  CHECK_FALSE(inputs->timeline_run);
  REQUIRE(inputs->machine);
  CHECK(inputs->machine->start_at == "ValidateConfig");
  CHECK(inputs->definition_path.ends_with("pipelines/conflict_report.asl.json"));
  CHECK(inputs->notes == std::vector<std::string>{
                             "No runs of conflict_report are recorded in " + dir.path() +
                             ": the worst case comes from the definition alone."});
}

TEST_CASE("an unknown pipeline without runs, or an unknown run, is an error") {
  testing::TempDir dir;
  RunStore store(dir.path());
  auto unknown = gather_report_inputs(store, request_for("no_such_pipeline"));
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().name == "Budget.InvalidDefinition");
  CHECK(unknown.error().cause.find("no_such_pipeline") != std::string::npos);

  BudgetRequest request = request_for("conflict_report");
  request.run = "20240101T000000Z-nothing";
  auto missing = gather_report_inputs(store, request);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().name == "State.RunNotFound");
}

}  // namespace conflictctl::budget

#include "tasks/plugins.h"

#include <catch2/catch.hpp>

#include "tasks/task_testing.h"
#include "source_tree.h"

using namespace conflictctl;
using namespace conflictctl::tasks;
using namespace conflictctl::tasks::testing;

namespace {
const std::string kPipelines = test::source_path("pipelines");

std::vector<std::string> messages(const Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics) out.push_back(d.to_string());
  return out;
}
}  // namespace

TEST_CASE("the conflict_report pipeline runs its states' actions in mock mode", "[plugins]") {
  LoadedBindings loaded = find_pipeline(kPipelines, "conflict_report");
  REQUIRE(loaded.bindings);
  BuiltRunner built = make_runner_for(*loaded.bindings, TaskMode::kMock);
  REQUIRE(built.diagnostics.empty());
  CHECK(built.runner->functions() == std::vector<std::string>{"etl-pipeline-function"});

  FakeContext fake;
  // ExecuteTask01 of pipelines/conflict_report.asl.json.
  engine::TaskOutcome outcome = built.runner->invoke(
      invocation("arn:aws:lambda:REGION:ACCOUNT_ID:function:etl-pipeline-function",
                 Json{{"action", "task_01"}}, "ExecuteTask01"),
      fake.context);
  REQUIRE(outcome.result.ok());
  CHECK((*outcome.result)["body"]["task"] == "TASK_01");
  CHECK(outcome.simulated_seconds == 95.0);
}

TEST_CASE("the chunked pipeline's Map item reaches process_task02_chunk", "[plugins]") {
  LoadedBindings loaded = find_pipeline(kPipelines, "conflict_report_chunked");
  REQUIRE(loaded.bindings);
  BuiltRunner built = make_runner_for(*loaded.bindings, TaskMode::kMock);
  REQUIRE(built.runner);
  FakeContext fake;
  engine::TaskOutcome outcome = built.runner->invoke(
      invocation("arn:aws:lambda:REGION:ACCOUNT_ID:function:cm-task-ag-test01",
                 Json{{"action", "process_task02_chunk"}, {"chunk_id", 4}}, "ProcessSingleChunk"),
      fake.context);
  REQUIRE(outcome.result.ok());
  CHECK((*outcome.result)["chunk_id"] == 4);
}

TEST_CASE("an unknown handler is reported where the bindings name it", "[plugins]") {
  LoadedBindings loaded = parse_bindings(
      "name: x\ndefinition: x.asl.json\nfunctions:\n  f:\n    handler: nope\n", "x.yaml");
  REQUIRE(loaded.bindings);
  BuiltRunner built = make_runner_for(*loaded.bindings, TaskMode::kMock);
  CHECK_FALSE(built.runner);
  CHECK(messages(built.diagnostics) ==
        std::vector<std::string>{"x.yaml:5:14: function 'f': unknown handler 'nope' (known "
                                 "handlers: conflict-report)"});
}

TEST_CASE("the database mode needs database settings", "[plugins]") {
  LoadedBindings loaded = parse_bindings(
      "name: x\ndefinition: x.asl.json\nfunctions:\n  f:\n    handler: conflict-report\n",
      "x.yaml");
  REQUIRE(loaded.bindings);
  BuiltRunner built = make_runner_for(*loaded.bindings, TaskMode::kDatabase);
  CHECK_FALSE(built.runner);
  CHECK(messages(built.diagnostics) ==
        std::vector<std::string>{"x.yaml:5:14: function 'f': the handler runs against a "
                                 "database, but no database settings were given"});
}

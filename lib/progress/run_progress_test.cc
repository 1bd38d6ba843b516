// RunProgress drawn on a fake terminal while the engine runs a machine on the virtual clock:
// the whole text written, escapes and all.
#include "progress/run_progress.h"

#include <catch2/catch.hpp>

#include "asl/parser.h"
#include "core/clock.h"
#include "core/logger.h"
#include "engine/executor.h"

namespace conflictctl::progress {
namespace {

// Each function by the last part of its Resource: "validate" takes 0.3 s; "load" fails
// with Database.Busy the first time, then takes 2 s; "chunk" takes 10 s and fails for
// item 3; "risky" fails.
class Runner final : public engine::TaskRunner {
 public:
  engine::TaskOutcome invoke(const engine::TaskInvocation& invocation,
                             engine::TaskContext&) override {
    const std::string& resource = invocation.resource;
    if (resource.ends_with(":validate")) return engine::TaskOutcome::success(1, 0.3);
    if (resource.ends_with(":load"))
      return ++loads == 1 ? engine::TaskOutcome::failure("Database.Busy", "locked")
                          : engine::TaskOutcome::success(2, 2.0);
    if (resource.ends_with(":chunk"))
      return invocation.payload == 3 ? engine::TaskOutcome::failure("ChunkError", "bad", 10.0)
                                     : engine::TaskOutcome::success(3, 10.0);
    return engine::TaskOutcome::failure("Risky.Failed", "as planned");
  }
  int loads = 0;
};

std::string run(const std::string& definition, const Json& input, bool colors = false) {
  auto loaded = asl::parse_definition(definition, "test.asl.json");
  for (const auto& diagnostic : loaded.diagnostics) FAIL(diagnostic.to_string());
  Runner runner;
  VirtualClock clock(Timestamp{});
  NullLogger log;
  FakeTerminal terminal(colors);
  RunProgress progress(terminal, "Pipeline demo");
  engine::ExecutionOptions options;
  options.input = input;
  options.observer = &progress;
  engine::execute(*loaded.machine, options, {runner, clock, log});
  return terminal.written();
}

constexpr const char* kPipeline = R"({"StartAt": "Validate", "States": {
  "Validate": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:validate",
               "ResultPath": null, "Next": "Load"},
  "Load": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:load",
           "ResultPath": null,
           "Retry": [{"ErrorEquals": ["Database.Busy"], "IntervalSeconds": 5}], "Next": "Chunks"},
  "Chunks": {"Type": "Map", "ItemsPath": "$.chunks", "MaxConcurrency": 1,
             "ToleratedFailureCount": 1, "ResultPath": null,
             "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED",
                                                   "ExecutionType": "STANDARD"},
               "StartAt": "Chunk", "States": {
               "Chunk": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:chunk",
                         "End": true}}},
             "Next": "Risky"},
  "Risky": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:risky",
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}], "Next": "Done"},
  "Done": {"Type": "Succeed"}}})";

}  // namespace

TEST_CASE("progress draws each state as it starts and ends, retries, Map counts and the end") {
  const std::string clear = "\r\033[K";
  CHECK(run(kPipeline, Json{{"chunks", {1, 2, 3, 4}}}) ==
        "Pipeline demo\n"
        "… Validate" + clear + "✓ Validate  0.3 s\n"
        "… Load" + clear + "↻ Load  Database.Busy, retrying in 5 s (retry 1)\n"
        "… Load  waiting 5 s to retry" + clear + "… Load  retry 1" + clear +
        "✓ Load  7 s, 1 retry\n"
        // A Distributed Map's items run as child executions, counted as they end; an
        // ItemsPath array tells how many at the start.
        "… Chunks" + clear + "… Chunks  0 child executions done" +
        clear + "… Chunks  0/4 child executions" +
        clear + "… Chunks  1/4 child executions, about 30 s left" +
        clear + "… Chunks  2/4 child executions, about 20 s left" +
        clear + "… Chunks  3/4 child executions, 1 failed, about 10 s left" +
        clear + "… Chunks  4/4 child executions, 1 failed" +
        clear + "✓ Chunks  40 s, 4 child executions, 1 failed\n"
        "… Risky" + clear + "✗ Risky  0 s, Risky.Failed caught\n"
        "… Done" + clear + "✓ Done  0 s\n"
        "✓ execution SUCCEEDED in 47.3 s\n");
}

TEST_CASE("a Map's estimate counts the iterations that run at once") {
  const std::string definition = R"({"StartAt": "Chunks", "States": {
    "Chunks": {"Type": "Map", "MaxConcurrency": 2, "ItemProcessor": {"StartAt": "Chunk",
      "States": {"Chunk": {"Type": "Task",
                           "Resource": "arn:aws:lambda:us-east-1:1:function:chunk",
                           "End": true}}}, "End": true}}})";
  const std::string clear = "\r\033[K";
  // Two at a time, 10 s each: 20 s for four, 10 s left when the first two are done; a line
  // is redrawn at most every RunProgress::kRedrawInterval of the run's time.
  CHECK(run(definition, Json{1, 2, 4, 5}) ==
        "Pipeline demo\n"
        "… Chunks" + clear + "… Chunks  0/4 items" +
        clear + "… Chunks  1/4 items, about 10 s left" +  // 2/4 at the same instant: not drawn
        clear + "… Chunks  3/4 items, finishing" +
        clear + "… Chunks  4/4 items" +
        clear + "✓ Chunks  20 s, 4 items\n"
        "✓ execution SUCCEEDED in 20 s\n");
}

TEST_CASE("a Map Run's child executions are counted until the last has started") {
  // Batches (or items streamed from a file): how many child executions is known only once
  // the last batch is made, here when the third of three starts at 20 s.
  const std::string definition = R"({"StartAt": "Chunks", "States": {
    "Chunks": {"Type": "Map", "MaxConcurrency": 1, "ItemBatcher": {"MaxItemsPerBatch": 2},
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
        "StartAt": "Chunk", "States": {"Chunk": {"Type": "Task",
          "Resource": "arn:aws:lambda:us-east-1:1:function:chunk", "End": true}}},
      "End": true}}})";
  const std::string clear = "\r\033[K";
  CHECK(run(definition, Json{10, 20, 30, 40, 50}) ==
        "Pipeline demo\n"
        "… Chunks" + clear + "… Chunks  0 child executions done" +
        clear + "… Chunks  1 child execution done" +
        clear + "… Chunks  2 child executions done" +
        clear + "… Chunks  2/3 child executions, about 10 s left" +
        clear + "… Chunks  3/3 child executions" +
        clear + "✓ Chunks  30 s, 3 child executions\n"
        "✓ execution SUCCEEDED in 30 s\n");
}

TEST_CASE("progress names the error a run ended with, in color when the terminal allows") {
  const std::string definition = R"({"StartAt": "Risky", "States": {
    "Risky": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:risky",
              "End": true}}})";
  CHECK(run(definition, Json::object(), true) ==
        "Pipeline demo\n"
        "… Risky\r\033[K\033[31m✗\033[0m Risky  0 s, Risky.Failed\n"
        "\033[31m✗\033[0m execution FAILED in 0 s: Risky.Failed\n");
  CHECK(run(definition, Json::object(), false) ==
        "Pipeline demo\n"
        "… Risky\r\033[K✗ Risky  0 s, Risky.Failed\n"
        "✗ execution FAILED in 0 s: Risky.Failed\n");
}

}  // namespace conflictctl::progress

#include "budget/task_limits.h"

#include <catch2/catch.hpp>

#include "asl/parser.h"

namespace conflictctl::budget {

TEST_CASE("a Task's limit is the smaller of TimeoutSeconds and its function's timeout") {
  auto machine = asl::parse_definition(R"({"StartAt": "A", "States": {
    "A": {"Type": "Task", "Resource": "arn:aws:lambda:r:1:function:short", "TimeoutSeconds": 900,
          "Next": "M"},
    "M": {"Type": "Map", "ItemProcessor": {"StartAt": "Chunk", "States": {
            "Chunk": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                      "Parameters": {"FunctionName": "long"}, "TimeoutSeconds": 600,
                      "End": true}}}, "Next": "Q"},
    "Q": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
          "Parameters": {"QueueUrl": "q"}, "End": true}}})",
                                       "x.asl.json")
                     .machine;
  REQUIRE(machine);
  Json recorded = {{"arn:aws:lambda:r:1:function:short", 300}};
  auto tasks = task_states(*machine, recorded_function_timeouts(recorded));
  REQUIRE(tasks.size() == 3);

  CHECK(tasks[0].name == "A");
  CHECK(tasks[0].limit.timeout_seconds == 900);
  CHECK(tasks[0].limit.function_timeout_seconds == 300);
  CHECK(tasks[0].limit.seconds == 300);
  CHECK(tasks[0].map.empty());

  CHECK(tasks[1].name == "Chunk");
  CHECK(tasks[1].map == "M");
  CHECK(tasks[1].depth == 1);
  CHECK(tasks[1].limit.function_timeout_seconds == 900);  // a Lambda not in the record
  CHECK(tasks[1].limit.seconds == 600);

  CHECK(tasks[2].name == "Q");
  CHECK_FALSE(tasks[2].limit.function_timeout_seconds);
  CHECK_FALSE(tasks[2].limit.seconds);
}

}  // namespace conflictctl::budget

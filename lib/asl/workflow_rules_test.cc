#include "asl/workflow_rules.h"

#include <catch2/catch.hpp>

#include "asl/test_support.h"

namespace conflictctl::asl {
namespace {

std::vector<std::string> problems_as(WorkflowType type, const std::string& text) {
  auto loaded = parse_definition(text, "x.asl.json");
  REQUIRE(loaded.machine);
  return testing::printed(check_workflow_type(*loaded.machine, type, "x.asl.json"));
}

std::string task(const std::string& resource) {
  return testing::single_state(R"json({"Type": "Task", "Resource": ")json" + resource +
                               R"json(", "End": true})json");
}

const char* kDistributedMap = R"json({"StartAt": "M", "States": {"M": {"Type": "Map",
  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
    "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}})json";

}  // namespace

TEST_CASE("an EXPRESS machine may not use .sync, .waitForTaskToken, activities or Distributed Map") {
  CHECK(problems_as(WorkflowType::kExpress, task("arn:aws:states:::ecs:runTask.sync")) ==
        std::vector<std::string>{"x.asl.json: /States/A/Resource: Express state machine does not "
                                 "support '.sync' service integration"});
  CHECK(problems_as(WorkflowType::kExpress,
                    task("arn:aws:states:::states:startExecution.sync:2")) ==
        std::vector<std::string>{"x.asl.json: /States/A/Resource: Express state machine does not "
                                 "support '.sync' service integration"});
  CHECK(problems_as(WorkflowType::kExpress, task("arn:aws:states:::sqs:sendMessage.waitForTaskToken")) ==
        std::vector<std::string>{"x.asl.json: /States/A/Resource: Express state machine does not "
                                 "support '.waitForTaskToken' service integration"});
  CHECK(problems_as(WorkflowType::kExpress,
                    task("arn:aws:states:us-east-1:123456789012:activity:approve")) ==
        std::vector<std::string>{
            "x.asl.json: /States/A/Resource: Express state machine does not support Activity ARN"});
  CHECK(problems_as(WorkflowType::kExpress, kDistributedMap) ==
        std::vector<std::string>{"x.asl.json: /States/M/ItemProcessor/ProcessorConfig/Mode: "
                                 "Express state machine does not support Distributed Map"});
}

TEST_CASE("the EXPRESS rules reach nested machines and report every problem") {
  auto text = R"json({"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
      {"StartAt": "A", "States": {"A": {"Type": "Task", "End": true,
        "Resource": "arn:aws:states:::glue:startJobRun.sync"}}},
      {"StartAt": "B", "States": {"B": {"Type": "Task", "End": true,
        "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
        "Parameters": {"FunctionName": "f", "Payload": {"token.$": "$$.Task.Token"}}}}}]}}})json";
  CHECK(problems_as(WorkflowType::kExpress, text).size() == 2);
}

TEST_CASE("a STANDARD machine may use every integration pattern, and Request Response is fine for EXPRESS") {
  for (const char* resource :
       {"arn:aws:states:::ecs:runTask.sync", "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "arn:aws:states:us-east-1:123456789012:activity:approve"})
    CHECK(problems_as(WorkflowType::kStandard, task(resource)).empty());
  CHECK(problems_as(WorkflowType::kStandard, kDistributedMap).empty());
  CHECK(problems_as(WorkflowType::kExpress, task("arn:aws:states:::lambda:invoke")).empty());
  CHECK(problems_as(WorkflowType::kExpress,
                    task("arn:aws:lambda:us-east-1:123456789012:function:sync")).empty());
}

}  // namespace conflictctl::asl

namespace conflictctl::asl {

TEST_CASE("a Distributed Map's EXPRESS child workflows follow the EXPRESS rules, STANDARD ones do not") {
  auto machine = [](const std::string& type, const std::string& resource) {
    return R"json({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": ")json" +
           type + R"json("}, "StartAt": "T", "States": {"T": {"Type": "Task", "End": true,
        "Resource": ")json" + resource + R"json("}}}}}})json";
  };
  CHECK(problems_as(WorkflowType::kStandard,
                    machine("EXPRESS", "arn:aws:states:::sqs:sendMessage.waitForTaskToken")) ==
        std::vector<std::string>{"x.asl.json: /States/M/ItemProcessor/States/T/Resource: Express "
                                 "child workflow does not support '.waitForTaskToken' service "
                                 "integration"});
  CHECK(problems_as(WorkflowType::kStandard,
                    machine("EXPRESS", "arn:aws:states:::ecs:runTask.sync")) ==
        std::vector<std::string>{"x.asl.json: /States/M/ItemProcessor/States/T/Resource: Express "
                                 "child workflow does not support '.sync' service integration"});
  CHECK(problems_as(WorkflowType::kStandard,
                    machine("STANDARD", "arn:aws:states:::ecs:runTask.sync"))
            .empty());
  CHECK(problems_as(WorkflowType::kStandard,
                    machine("EXPRESS", "arn:aws:states:::lambda:invoke"))
            .empty());
}

}  // namespace conflictctl::asl

#include "asl/parser.h"

#include <catch2/catch.hpp>

#include "asl/test_support.h"
#include "source_tree.h"

namespace conflictctl::asl {
namespace {

using testing::problems;
using conflictctl::test::source_path;

const State& state_named(const StateMachine& machine, const std::string& name) {
  auto it = machine.states.find(name);
  REQUIRE(it != machine.states.end());
  return it->second;
}

TEST_CASE("the sequential reference pipeline parses into the expected model") {
  Loaded loaded = load_definition(source_path("pipelines/conflict_report.asl.json"));
  REQUIRE(testing::printed(loaded.diagnostics) == std::vector<std::string>{});
  REQUIRE(loaded.machine);
  const StateMachine& machine = *loaded.machine;

  CHECK(machine.comment ==
        "ETL Pipeline State Machine - Executes Task 01 and Task 02 sequentially");
  CHECK(machine.start_at == "ValidateConfig");
  CHECK(machine.pointer == "");
  CHECK(machine.version == "1.0");
  CHECK(machine.query_language == QueryLanguage::kJsonPath);
  CHECK_FALSE(machine.timeout_seconds);
  CHECK(machine.state_order ==
        std::vector<std::string>{"ValidateConfig", "ConfigValidationFailed", "ExecuteTask01",
                                 "Task01Timeout", "Task01Failed", "ExecuteTask02", "Task02Timeout",
                                 "Task02Failed", "PipelineSuccess"});

  const State& validate = state_named(machine, "ValidateConfig");
  CHECK(validate.type == StateType::kTask);
  CHECK(validate.pointer == "/States/ValidateConfig");
  CHECK(validate.next == "ExecuteTask01");
  CHECK_FALSE(validate.end);
  CHECK(validate.input_path.path == "$");
  CHECK_FALSE(validate.input_path.discard);
  CHECK(validate.output_path.path == "$");
  CHECK(validate.result_path.path == "$.validateResult");
  CHECK(validate.parameters == Json{{"action", "validate_config"}});
  CHECK_FALSE(validate.result_selector);
  const auto& task = std::get<TaskSpec>(validate.spec);
  CHECK(task.resource == "arn:aws:lambda:REGION:ACCOUNT_ID:function:etl-pipeline-function");
  CHECK(task.timeout_seconds == 60);
  CHECK_FALSE(task.heartbeat_seconds);

  REQUIRE(validate.retry.size() == 1);
  const Retrier& retrier = validate.retry[0];
  CHECK(retrier.error_equals == std::vector<std::string>{"States.TaskFailed"});
  CHECK(retrier.interval_seconds == 2);
  CHECK(retrier.max_attempts == 2);
  CHECK(retrier.backoff_rate == 2.0);
  CHECK_FALSE(retrier.max_delay_seconds);
  CHECK(retrier.jitter == JitterStrategy::kNone);
  CHECK(retrier.pointer == "/States/ValidateConfig/Retry/0");

  REQUIRE(validate.catchers.size() == 1);
  CHECK(validate.catchers[0].error_equals == std::vector<std::string>{"States.ALL"});
  CHECK(validate.catchers[0].next == "ConfigValidationFailed");
  CHECK(validate.catchers[0].result_path.path == "$.error");
  CHECK(validate.catchers[0].pointer == "/States/ValidateConfig/Catch/0");

  const auto& task01 = state_named(machine, "ExecuteTask01");
  CHECK(std::get<TaskSpec>(task01.spec).timeout_seconds == 900);
  REQUIRE(task01.catchers.size() == 2);
  CHECK(task01.catchers[0].error_equals == std::vector<std::string>{"States.Timeout"});
  CHECK(task01.catchers[0].next == "Task01Timeout");
  CHECK(task01.catchers[1].next == "Task01Failed");
  CHECK(task01.catchers[1].pointer == "/States/ExecuteTask01/Catch/1");

  const State& failed = state_named(machine, "ConfigValidationFailed");
  CHECK(failed.type == StateType::kFail);
  const auto& fail = std::get<FailSpec>(failed.spec);
  CHECK(fail.error == "ConfigValidationError");
  CHECK(fail.cause ==
        "Configuration validation failed. Check environment variables and database "
        "connectivity.");
  CHECK_FALSE(fail.error_path);

  CHECK(state_named(machine, "PipelineSuccess").type == StateType::kSucceed);
}

TEST_CASE("the chunked reference pipeline parses into the expected model") {
  Loaded loaded = load_definition(source_path("pipelines/conflict_report_chunked.asl.json"));
  REQUIRE(testing::printed(loaded.diagnostics) == std::vector<std::string>{});
  REQUIRE(loaded.machine);
  const StateMachine& machine = *loaded.machine;
  CHECK(machine.state_order ==
        std::vector<std::string>{"ValidateConfig", "ConfigValidationFailed", "ExecuteTask01",
                                 "Task01Timeout", "Task01Failed", "GetTask02Chunks",
                                 "GetChunksFailed", "CheckIfChunksExist", "NoChunksToProcess",
                                 "ProcessTask02Chunks", "ChunkedProcessingFailed",
                                 "VerifyAllChunks", "PipelineSuccess"});

  const State& check = state_named(machine, "CheckIfChunksExist");
  CHECK(check.type == StateType::kChoice);
  CHECK(check.comment == "Check if there are any chunks to process");
  const auto& choice = std::get<ChoiceSpec>(check.spec);
  REQUIRE(choice.choices.size() == 1);
  const ChoiceRule& rule = choice.choices[0];
  CHECK(rule.variable == "$.task02_chunks.num_chunks");
  CHECK(rule.op == "NumericGreaterThan");
  CHECK(rule.operand == Json(0));
  CHECK(rule.next == "ProcessTask02Chunks");
  CHECK(rule.children.empty());
  CHECK(rule.pointer == "/States/CheckIfChunksExist/Choices/0");
  CHECK(choice.default_next == "NoChunksToProcess");

  const State& map_state = state_named(machine, "ProcessTask02Chunks");
  CHECK(map_state.type == StateType::kMap);
  CHECK(map_state.result_path.path == "$.chunk_results");
  CHECK(map_state.next == "VerifyAllChunks");
  REQUIRE(map_state.catchers.size() == 1);
  CHECK(map_state.catchers[0].result_path.path == "$.map_error");
  const auto& map = std::get<MapSpec>(map_state.spec);
  CHECK(map.items_path.path == "$.task02_chunks.chunk_ids");
  CHECK(map.max_concurrency == 5);
  CHECK_FALSE(map.distributed);
  CHECK_FALSE(map.item_selector);
  CHECK_FALSE(map.item_reader);

  REQUIRE(map.processor);
  const StateMachine& processor = *map.processor;
  CHECK(processor.pointer == "/States/ProcessTask02Chunks/Iterator");
  CHECK(processor.start_at == "ProcessSingleChunk");
  CHECK(processor.state_order ==
        std::vector<std::string>{"ProcessSingleChunk", "ChunkTimeout", "ChunkFailed"});

  const State& chunk = state_named(processor, "ProcessSingleChunk");
  CHECK(chunk.pointer == "/States/ProcessTask02Chunks/Iterator/States/ProcessSingleChunk");
  CHECK(chunk.end);
  CHECK_FALSE(chunk.next);
  CHECK(chunk.parameters == Json{{"action", "process_task02_chunk"}, {"chunk_id.$", "$"}});
  CHECK(std::get<TaskSpec>(chunk.spec).timeout_seconds == 900);
  REQUIRE(chunk.retry.size() == 1);
  CHECK(chunk.retry[0].error_equals ==
        std::vector<std::string>{"States.TaskFailed", "Lambda.ServiceException",
                                 "Lambda.AWSLambdaException", "Lambda.SdkClientException"});
  CHECK(chunk.retry[0].interval_seconds == 10);
  CHECK(chunk.retry[0].max_attempts == 2);
  CHECK(chunk.retry[0].backoff_rate == 2.0);
  CHECK(chunk.retry[0].pointer ==
        "/States/ProcessTask02Chunks/Iterator/States/ProcessSingleChunk/Retry/0");
  CHECK(chunk.catchers[1].next == "ChunkFailed");

  const State& verify = state_named(machine, "VerifyAllChunks");
  CHECK(verify.type == StateType::kPass);
  CHECK(verify.result_path.path == "$.verification");
  CHECK_FALSE(std::get<PassSpec>(verify.spec).result);
}

TEST_CASE("the fuzzing seed with every state type is a valid definition") {
  Loaded loaded = load_definition(source_path("test/fuzz/corpus/parser/every_state_type.asl.json"));
  CHECK(testing::printed(loaded.diagnostics) == std::vector<std::string>{});
  REQUIRE(loaded.machine);
  CHECK(loaded.machine->timeout_seconds == 3600);
  const auto& parallel = std::get<ParallelSpec>(state_named(*loaded.machine, "Fan").spec);
  REQUIRE(parallel.branches.size() == 2);
  const auto& map = std::get<MapSpec>(state_named(*parallel.branches[1], "Each").spec);
  CHECK(map.processor->pointer == "/States/Fan/Branches/1/States/Each/ItemProcessor");
}

TEST_CASE("parse_definition keeps the raw document") {
  Loaded loaded =
      parse_definition(R"({"StartAt": "A", "States": {"A": {"Type": "Succeed"}}})", "x.asl.json");
  REQUIRE(loaded.diagnostics.empty());
  CHECK(loaded.document["States"]["A"]["Type"] == "Succeed");
}

TEST_CASE("an invalid definition yields diagnostics and no machine") {
  Loaded loaded =
      parse_definition(R"({"StartAt": "B", "States": {"A": {"Type": "Succeed"}}})", "x.asl.json");
  CHECK_FALSE(loaded.machine);
  REQUIRE(loaded.diagnostics.size() == 1);
  CHECK(loaded.diagnostics[0] == Diagnostic{"x.asl.json", "/StartAt", "no state named 'B'"});
  CHECK(loaded.document.is_object());
}

TEST_CASE("a JSON syntax error is reported at its line and column") {
  Loaded loaded = load_definition(source_path("test/asl/trailing_comma.asl.json"));
  CHECK_FALSE(loaded.machine);
  CHECK(loaded.document.is_null());
  REQUIRE(loaded.diagnostics.size() == 1);
  const Diagnostic& diagnostic = loaded.diagnostics[0];
  CHECK(diagnostic.line == 4);
  CHECK(diagnostic.column == 29);
  CHECK(diagnostic.message ==
        "syntax error while parsing object key - unexpected '}'; expected string literal");
}

TEST_CASE("a syntax error at the end of the text points just past it") {
  CHECK(problems("{\"StartAt\": \"A\",\n") ==
        std::vector<std::string>{"x.asl.json:2:1: syntax error while parsing object key - "
                                 "unexpected end of input; expected string literal"});
}

TEST_CASE("a missing file is one diagnostic") {
  Loaded loaded = load_definition(source_path("test/asl/does-not-exist.asl.json"));
  CHECK_FALSE(loaded.machine);
  REQUIRE(loaded.diagnostics.size() == 1);
  CHECK(loaded.diagnostics[0].message == "cannot read file: No such file or directory");
  CHECK(loaded.diagnostics[0].file == source_path("test/asl/does-not-exist.asl.json"));
}

TEST_CASE("a directory is not a readable definition") {
  Loaded loaded = load_definition(source_path("test/asl"));
  REQUIRE(loaded.diagnostics.size() == 1);
  CHECK(loaded.diagnostics[0].message == "cannot read file: Is a directory");
}

TEST_CASE("every problem of a file is reported, each at its pointer") {
  Loaded loaded = load_definition(source_path("test/asl/several_problems.asl.json"));
  std::vector<std::string> printed;
  for (const Diagnostic& d : loaded.diagnostics) printed.push_back(d.message + " @ " + d.pointer);
  CHECK(printed ==
        std::vector<std::string>{
            "TimeoutSeconds must be an integer, not a string @ /States/Load/TimeoutSeconds",
            "unknown field 'MaxAttempt' in a Retrier @ /States/Load/Retry/0/MaxAttempt",
            "unknown field 'Resource' in a Pass state @ /States/Done/Resource",
        });
}

TEST_CASE("the validator's rules still run past the reader's problems, without their echoes") {
  // A Next of the wrong type: no "neither Next nor End" for its state. A state that cannot be
  // read: no "no state named" for transitions to it, no "cannot be reached" for what follows.
  CHECK(problems(R"({"StartAt": "A", "Version": "2", "States": {
      "A": {"Type": "Pass", "Next": 7},
      "B": {"Type": "Teleport", "Next": "C"},
      "C": {"Type": "Pass", "Next": "B", "Catch": []},
      "D": {"Type": "Wait", "Next": "Nowhere"}}})") ==
        std::vector<std::string>{
            "x.asl.json: /Version: Version must be \"1.0\", not '2'",
            "x.asl.json: /States/A/Next: Next must be a string, not a number",
            "x.asl.json: /States/B/Type: unknown state type 'Teleport'; expected Pass, Task, "
            "Choice, Wait, Succeed, Fail, Parallel or Map",
            "x.asl.json: /States/C/Catch: unknown field 'Catch' in a Pass state",
            "x.asl.json: /States/D: a Wait state must have exactly one of Seconds, Timestamp, "
            "SecondsPath or TimestampPath",
            "x.asl.json: /States/D/Next: no state named 'Nowhere'",
        });
}

TEST_CASE("a definition whose every part is broken gives the reader's problems, no echoes") {
  CHECK(problems(R"({"States": {"P": {"Type": "Parallel", "Branches": [3, {"States": 1}],
      "End": true}}})") ==
        std::vector<std::string>{
            "x.asl.json: missing required field 'StartAt'",
            "x.asl.json: /States/P/Branches/0: a Parallel branch must be an object, not a number",
            "x.asl.json: /States/P/Branches/1: missing required field 'StartAt'",
            "x.asl.json: /States/P/Branches/1/States: States must be an object, not a number",
        });
}

}  // namespace
}  // namespace conflictctl::asl

// The shape checks of the reader (asl/machine_reader.h, state_reader.h,
// choice_rule_reader.h, error_handler_reader.h) and the model it builds.
#include "asl/machine_reader.h"

#include <catch2/catch.hpp>

#include "asl/test_support.h"
#include "dataflow/payload_template.h"

namespace conflictctl::asl {
namespace {

using Lines = std::vector<std::string>;
using testing::problems;
using testing::single_state;
using testing::state_and_done;

std::shared_ptr<const StateMachine> machine_of(const std::string& text) {
  Loaded loaded = parse_definition(text, "x.asl.json");
  REQUIRE(testing::printed(loaded.diagnostics) == std::vector<std::string>{});
  return loaded.machine;
}

const State& only_state(const std::shared_ptr<const StateMachine>& machine) {
  return machine->states.at("A");
}

// --- the document -----------------------------------------------------------------------

TEST_CASE("a definition is a JSON object") {
  CHECK(problems("[]") ==
        Lines{"x.asl.json: a state machine definition must be a JSON object, not an array"});
}

TEST_CASE("StartAt and States are required") {
  CHECK(problems("{}") == Lines{"x.asl.json: missing required field 'StartAt'",
                                "x.asl.json: missing required field 'States'"});
}

TEST_CASE("unknown top-level fields are reported") {
  CHECK(problems(R"({"StartAt": "A", "Start": "A", "States": {"A": {"Type": "Succeed"}}})") ==
        Lines{"x.asl.json: /Start: unknown field 'Start' in a state machine"});
}

TEST_CASE("Version is 1.0") {
  CHECK(problems(R"({"Version": "2.0", "StartAt": "A", "States": {"A": {"Type": "Succeed"}}})") ==
        Lines{R"(x.asl.json: /Version: Version must be "1.0", not '2.0')"});
}

TEST_CASE("JSONata states: their own fields, checked expressions, no JSONPath fields") {
  CHECK(problems(R"({"QueryLanguage": "JSONata", "StartAt": "A", "States": {
      "A": {"Type": "Task", "Resource": "r", "Arguments": {"x": "{% $states.input.x %}"},
            "Output": "{% $states.result %}", "Assign": {"n": "{% 1 + 1 %}"},
            "TimeoutSeconds": "{% 5 %}",
            "Catch": [{"ErrorEquals": ["States.ALL"], "Output": {"e": "{% $states.errorOutput %}"},
                       "Next": "B"}],
            "Next": "B"},
      "B": {"Type": "Choice", "Choices": [{"Condition": "{% $n > 1 %}", "Next": "C",
                                           "Output": "{% 'big' %}"}], "Default": "C"},
      "C": {"Type": "Map", "Items": "{% [1, 2] %}", "MaxConcurrency": "{% 1 %}",
            "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "Next": "D"},
      "D": {"Type": "Wait", "Seconds": "{% 1 %}", "Next": "E"},
      "E": {"Type": "Fail", "Error": "{% 'Bad' %}", "Cause": "why"}}})")
            .empty());
  CHECK(problems(single_state(R"({"Type": "Pass", "QueryLanguage": "JSONata",
                                  "Output": "{% $states.input + %}", "End": true})")) ==
        Lines{"x.asl.json: /States/A/Output: the JSONata expression '$states.input +' is not "
              "valid: S0207: Unexpected end of expression (position 15)"});
  CHECK(problems(single_state(R"({"Type": "Pass", "QueryLanguage": "JSONata",
                                  "InputPath": "$.a", "End": true})")) ==
        Lines{"x.asl.json: /States/A/InputPath: 'InputPath' is a JSONPath field, which a Pass "
              "state in the JSONata query language does not have (JSONata states use Arguments, "
              "Output and \"{% … %}\" expressions)"});
  CHECK(problems(single_state(R"({"Type": "Choice", "QueryLanguage": "JSONata", "Default": "A",
      "Choices": [{"Variable": "$.a", "IsNull": true, "Condition": true, "Next": "A"}]})")) ==
        Lines{"x.asl.json: /States/A/Choices/0/Variable: 'Variable' is a JSONPath field, which a "
              "Choice rule in the JSONata query language does not have (JSONata states use "
              "Arguments, Output and \"{% … %}\" expressions)",
              "x.asl.json: /States/A/Choices/0/IsNull: unknown field 'IsNull' in a Choice rule"});
  CHECK(problems(R"({"QueryLanguage": "JSONata", "StartAt": "A", "States": {
      "A": {"Type": "Succeed", "QueryLanguage": "JSONPath"}}})") ==
        Lines{"x.asl.json: /States/A/QueryLanguage: a state cannot use JSONPath when the state "
              "machine's QueryLanguage is JSONata"});
  CHECK(problems(single_state(R"({"Type": "Task", "QueryLanguage": "JSONata", "Resource": "r",
                                  "TimeoutSeconds": "5", "End": true})")) ==
        Lines{"x.asl.json: /States/A/TimeoutSeconds: TimeoutSeconds must be an integer or a "
              "JSONata expression \"{% … %}\", not a string"});
  CHECK(
      problems(
          R"({"QueryLanguage": "JSONPath", "StartAt": "A", "States": {"A": {"Type": "Succeed"}}})") ==
      Lines{});
}

TEST_CASE("duplicate state names are reported") {
  CHECK(problems(
            R"({"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "A": {"Type": "Fail"}}})") ==
        Lines{"x.asl.json: /States/A: duplicate key 'A'; only the last one is kept"});
}

// --- states -------------------------------------------------------------------------------

TEST_CASE("a state is an object with a known Type") {
  CHECK(problems(single_state(R"("Succeed")")) ==
        Lines{"x.asl.json: /States/A: state 'A' must be an object, not a string"});
  CHECK(problems(single_state(R"({"End": true})")) ==
        Lines{"x.asl.json: /States/A: missing required field 'Type'"});
  CHECK(problems(single_state(R"({"Type": "Lambda", "End": true})")) ==
        Lines{"x.asl.json: /States/A/Type: unknown state type 'Lambda'; expected Pass, Task, "
              "Choice, Wait, Succeed, Fail, Parallel or Map"});
}

TEST_CASE("fields of the wrong JSON type are reported") {
  CHECK(problems(single_state(
            R"({"Type": "Task", "Resource": "r", "End": true, "TimeoutSeconds": "60"})")) ==
        Lines{"x.asl.json: /States/A/TimeoutSeconds: TimeoutSeconds must be an integer, not a "
              "string"});
  CHECK(problems(single_state(
            R"({"Type": "Task", "Resource": "r", "End": true, "TimeoutSeconds": 1.5})")) ==
        Lines{"x.asl.json: /States/A/TimeoutSeconds: TimeoutSeconds must be an integer, not 1.5"});
  CHECK(problems(single_state(R"({"Type": "Pass", "End": "true"})")) ==
        Lines{"x.asl.json: /States/A/End: End must be a boolean, not a string"});
  CHECK(problems(state_and_done(R"({"Type": "Pass", "Next": ["Done"]})")) ==
        Lines{"x.asl.json: /States/A/Next: Next must be a string, not an array"});
  CHECK(problems(single_state(R"({"Type": "Pass", "InputPath": 3, "End": true})")) ==
        Lines{"x.asl.json: /States/A/InputPath: InputPath must be a string or null, not a number"});
  CHECK(problems(single_state(R"({"Type": "Pass", "Parameters": "x", "End": true})")) ==
        Lines{"x.asl.json: /States/A/Parameters: Parameters must be an object, not a string"});
}

TEST_CASE("fields a state type does not have are unknown") {
  CHECK(problems(single_state(R"({"Type": "Pass", "Resource": "r", "End": true})")) ==
        Lines{"x.asl.json: /States/A/Resource: unknown field 'Resource' in a Pass state"});
  CHECK(problems(single_state(R"({"Type": "Fail", "InputPath": "$"})")) ==
        Lines{"x.asl.json: /States/A/InputPath: unknown field 'InputPath' in a Fail state"});
  CHECK(problems(single_state(R"({"Type": "Succeed", "ResultPath": "$.x"})")) ==
        Lines{"x.asl.json: /States/A/ResultPath: unknown field 'ResultPath' in a Succeed state"});
  CHECK(problems(single_state(R"({"Type": "Wait", "Seconds": 1, "Retry": [], "End": true})")) ==
        Lines{"x.asl.json: /States/A/Retry: unknown field 'Retry' in a Wait state"});
  CHECK(problems(single_state(R"({"Type": "Pass", "ResultSelector": {}, "End": true})")) ==
        Lines{"x.asl.json: /States/A/ResultSelector: unknown field 'ResultSelector' in a Pass "
              "state"});
}

TEST_CASE("Assign: names, paths, and the states that may have it") {
  CHECK(problems(single_state(
            R"({"Type": "Pass", "Assign": {"x": 1, "_y.$": "$.a", "z.$": "$v.b"}, "End": true})"))
            .empty());
  CHECK(problems(single_state(R"({"Type": "Pass", "Assign": {"1x": 1, "states": 2, "a-b": 3},
                                  "End": true})")) ==
        Lines{"x.asl.json: /States/A/Assign/1x: '1x' is not a valid variable name: a name starts "
              "with a letter or '_' and goes on with letters, digits and '_'",
              "x.asl.json: /States/A/Assign/states: 'states' is reserved: $states is Step "
              "Functions' own variable",
              "x.asl.json: /States/A/Assign/a-b: 'a-b' is not a valid variable name: a name "
              "starts with a letter or '_' and goes on with letters, digits and '_'"});
  CHECK(problems(single_state(R"({"Type": "Pass", "Assign": {"x.$": "$.["}, "End": true})")) ==
        Lines{"x.asl.json: /States/A/Assign/x.$: '$.[' is not a valid JSONPath: unclosed '['"});
  CHECK(problems(single_state(R"({"Type": "Pass", "Assign": [1], "End": true})")) ==
        Lines{"x.asl.json: /States/A/Assign: Assign must be an object, not an array"});
  CHECK(problems(single_state(R"({"Type": "Succeed", "Assign": {"x": 1}})")) ==
        Lines{"x.asl.json: /States/A/Assign: unknown field 'Assign' in a Succeed state"});
  CHECK(problems(single_state(R"({"Type": "Pass", "ResultPath": "$x", "End": true})")) ==
        Lines{"x.asl.json: /States/A/ResultPath: ResultPath '$x' names a variable; a result is "
              "placed in the state's input, and variables are set with Assign"});
  CHECK(problems(single_state(R"({"Type": "Choice", "Default": "A", "Assign": {"d": 1},
      "Choices": [{"Variable": "$x", "IsPresent": true, "Next": "A", "Assign": {"m": 1}},
                  {"Not": {"Variable": "$.a", "IsNull": true, "Assign": {"n": 1}}, "Next": "A"}]
      })")) ==
        Lines{"x.asl.json: /States/A/Choices/1/Not/Assign: Assign belongs on a top-level Choice "
              "rule, not on a rule nested in And, Or or Not"});
}

TEST_CASE("a JSONata field in a JSONPath state says how to use it") {
  CHECK(problems(
            single_state(R"({"Type": "Task", "Resource": "r", "Arguments": {}, "End": true})")) ==
        Lines{"x.asl.json: /States/A/Arguments: 'Arguments' belongs to the JSONata query "
              "language; set \"QueryLanguage\": \"JSONata\" on the state or the state machine "
              "to use it"});
}

TEST_CASE("required fields of each state type are reported when missing") {
  CHECK(problems(single_state(R"({"Type": "Task", "End": true})")) ==
        Lines{"x.asl.json: /States/A: missing required field 'Resource'"});
  CHECK(problems(single_state(R"({"Type": "Choice", "Default": "A"})")) ==
        Lines{"x.asl.json: /States/A: missing required field 'Choices'"});
  CHECK(problems(single_state(R"({"Type": "Parallel", "End": true})")) ==
        Lines{"x.asl.json: /States/A: missing required field 'Branches'"});
  CHECK(problems(single_state(R"({"Type": "Map", "End": true})")) ==
        Lines{"x.asl.json: /States/A: missing required field 'ItemProcessor'"});
}

TEST_CASE("the ItemProcessor and its older name Iterator cannot both be set") {
  CHECK(problems(single_state(R"({"Type": "Map", "End": true,
      "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}},
      "Iterator": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}})")) ==
        Lines{"x.asl.json: /States/A/Iterator: ItemProcessor and Iterator cannot both be set "
              "(Iterator is the older name of ItemProcessor)"});
}

TEST_CASE("the older Iterator takes no ProcessorConfig: AWS documents it for Inline mode only") {
  for (std::string mode : {"INLINE", "DISTRIBUTED"}) {
    INFO(mode);
    std::string state = R"({"Type": "Map", "End": true, "Parameters": {"v.$": "$"},
        "Iterator": {"ProcessorConfig": {"Mode": ")" + mode + R"("},
                     "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}})";
    CHECK(problems(single_state(state)) ==
          Lines{"x.asl.json: /States/A/Iterator/ProcessorConfig: unknown field 'ProcessorConfig' "
                "in an Iterator"});
  }
}

TEST_CASE("distributed-only Map fields need Mode DISTRIBUTED") {
  CHECK(problems(single_state(R"({"Type": "Map", "End": true,
      "ItemReader": {"Resource": "arn:aws:states:::s3:getObject"},
      "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}})")) ==
        Lines{"x.asl.json: /States/A/ItemReader: ItemReader is only valid in a Map state whose "
              "ProcessorConfig Mode is DISTRIBUTED"});
}

TEST_CASE("ProcessorConfig takes the documented values") {
  CHECK(problems(single_state(R"({"Type": "Map", "End": true, "ItemProcessor": {
      "ProcessorConfig": {"Mode": "PARALLEL", "ExecutionType": "FAST"},
      "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}})")) ==
        Lines{"x.asl.json: /States/A/ItemProcessor/ProcessorConfig/Mode: Mode must be INLINE or "
              "DISTRIBUTED, not 'PARALLEL'",
              "x.asl.json: /States/A/ItemProcessor/ProcessorConfig/ExecutionType: ExecutionType "
              "must be STANDARD or EXPRESS, not 'FAST'"});
}

TEST_CASE("a DISTRIBUTED ProcessorConfig needs its ExecutionType") {
  CHECK(problems(single_state(R"({"Type": "Map", "End": true, "ItemProcessor": {
      "ProcessorConfig": {"Mode": "DISTRIBUTED"},
      "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}})")) ==
        Lines{"x.asl.json: /States/A/ItemProcessor/ProcessorConfig: ProcessorConfig needs "
              "ExecutionType (STANDARD or EXPRESS) when Mode is DISTRIBUTED"});
  CHECK(problems(single_state(R"({"Type": "Map", "End": true, "ItemProcessor": {
      "ProcessorConfig": {"Mode": "INLINE"},
      "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}})"))
            .empty());
}

TEST_CASE("nested machines have only StartAt, States and Comment") {
  CHECK(problems(single_state(R"({"Type": "Parallel", "End": true, "Branches": [
      {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}, "TimeoutSeconds": 5}]})")) ==
        Lines{"x.asl.json: /States/A/Branches/0/TimeoutSeconds: unknown field 'TimeoutSeconds' "
              "in a Parallel branch"});
  CHECK(problems(single_state(R"({"Type": "Parallel", "End": true, "Branches": ["B"]})")) ==
        Lines{"x.asl.json: /States/A/Branches/0: a Parallel branch must be an object, not a "
              "string"});
}

TEST_CASE("payload template problems are reported at the template field") {
  Json parameters = {{"id.$", "$.a["}};
  auto expected = dataflow::check_template(parameters, "/States/A/Parameters");
  REQUIRE(expected.size() == 1);
  CHECK(
      problems(single_state(R"({"Type": "Pass", "Parameters": {"id.$": "$.a["}, "End": true})")) ==
      Lines{"x.asl.json: " + expected[0].pointer + ": " + expected[0].message});
  auto legacy = dataflow::check_template(parameters, "/States/A/Parameters");
  CHECK(problems(single_state(R"({"Type": "Map", "End": true, "Parameters": {"id.$": "$.a["},
      "Iterator": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}})")) ==
        Lines{"x.asl.json: " + legacy[0].pointer + ": " + legacy[0].message});
}

// --- Choice rules, Retry and Catch --------------------------------------------------------

TEST_CASE("a Choice rule's structure is checked") {
  CHECK(problems(state_and_done(R"({"Type": "Choice", "Choices": ["Done"]})")) ==
        Lines{"x.asl.json: /States/A/Choices/0: a Choice rule must be an object, not a string"});
  CHECK(problems(state_and_done(
            R"({"Type": "Choice", "Choices": [{"IsPresent": true, "Next": "Done"}]})")) ==
        Lines{"x.asl.json: /States/A/Choices/0: missing required field 'Variable'"});
  CHECK(problems(state_and_done(R"({"Type": "Choice", "Choices": [
      {"Variable": "$.x", "Not": {"Variable": "$.x", "IsNull": true}, "Next": "Done"}]})")) ==
        Lines{"x.asl.json: /States/A/Choices/0/Variable: a Choice rule with Not cannot have a "
              "Variable; its nested rules name their own"});
  CHECK(
      problems(state_and_done(R"({"Type": "Choice", "Choices": [{"Not": [], "Next": "Done"}]})")) ==
      Lines{"x.asl.json: /States/A/Choices/0/Not: Not must be an object, not an array"});
}

TEST_CASE("Retriers and Catchers are checked field by field") {
  CHECK(problems(state_and_done(R"({"Type": "Task", "Resource": "r", "Next": "Done",
      "Retry": [{"ErrorEquals": ["E"], "JitterStrategy": "HALF", "MaxAttempt": 2}]})")) ==
        Lines{"x.asl.json: /States/A/Retry/0/JitterStrategy: JitterStrategy must be FULL or NONE, "
              "not 'HALF'",
              "x.asl.json: /States/A/Retry/0/MaxAttempt: unknown field 'MaxAttempt' in a Retrier"});
  CHECK(problems(state_and_done(R"({"Type": "Task", "Resource": "r", "Next": "Done",
      "Retry": [{"ErrorEquals": ["E", 7], "IntervalSeconds": 2.5}]})")) ==
        Lines{"x.asl.json: /States/A/Retry/0/ErrorEquals/1: error names in ErrorEquals must be "
              "strings, not a number",
              "x.asl.json: /States/A/Retry/0/IntervalSeconds: IntervalSeconds must be an integer, "
              "not 2.5"});
  CHECK(problems(state_and_done(R"({"Type": "Task", "Resource": "r", "Next": "Done",
      "Catch": [{"ErrorEquals": ["States.ALL"]}, "Done"]})")) ==
        Lines{"x.asl.json: /States/A/Catch/0: missing required field 'Next'",
              "x.asl.json: /States/A/Catch/1: a Catcher must be an object, not a string"});
}

// --- the model ---------------------------------------------------------------------------------

TEST_CASE("absent Retrier fields get the spec defaults") {
  auto machine = machine_of(single_state(R"({"Type": "Task", "Resource": "r", "End": true,
      "Retry": [{"ErrorEquals": ["States.ALL"]}]})"));
  const Retrier& retrier = only_state(machine).retry.at(0);
  CHECK(retrier.interval_seconds == 1.0);
  CHECK(retrier.max_attempts == 3);
  CHECK(retrier.backoff_rate == 2.0);
  CHECK_FALSE(retrier.max_delay_seconds);
  CHECK(retrier.jitter == JitterStrategy::kNone);
}

TEST_CASE("every Retrier field is read") {
  auto machine = machine_of(single_state(R"({"Type": "Task", "Resource": "r", "End": true,
      "Retry": [{"ErrorEquals": ["Custom"], "IntervalSeconds": 3, "MaxAttempts": 0,
                 "BackoffRate": 1.5, "MaxDelaySeconds": 10, "JitterStrategy": "FULL",
                 "Comment": "c"}]})"));
  const Retrier& retrier = only_state(machine).retry.at(0);
  CHECK(retrier.interval_seconds == 3);
  CHECK(retrier.max_attempts == 0);
  CHECK(retrier.backoff_rate == 1.5);
  CHECK(retrier.max_delay_seconds == 10);
  CHECK(retrier.jitter == JitterStrategy::kFull);
}

TEST_CASE("absent paths are $ and null paths discard") {
  auto machine = machine_of(state_and_done(R"({"Type": "Task", "Resource": "r", "Next": "Done",
      "InputPath": null, "ResultPath": null,
      "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done", "ResultPath": null}]})"));
  const State& state = only_state(machine);
  CHECK(state.input_path.discard);
  CHECK(state.result_path.discard);
  CHECK_FALSE(state.output_path.discard);
  CHECK(state.output_path.path == "$");
  CHECK(state.catchers.at(0).result_path.discard);
}

TEST_CASE("every Task field is read") {
  auto machine = machine_of(single_state(R"({"Type": "Task", "Comment": "load",
      "Resource": "arn:aws:states:::lambda:invoke", "End": true,
      "Parameters": {"FunctionName": "f", "Payload.$": "$"},
      "ResultSelector": {"body.$": "$.Payload"},
      "TimeoutSecondsPath": "$.timeout", "HeartbeatSecondsPath": "$.beat",
      "Credentials": {"RoleArn": "arn:aws:iam::123456789012:role/r"}})"));
  const State& state = only_state(machine);
  CHECK(state.comment == "load");
  CHECK(state.end);
  CHECK(state.parameters == Json{{"FunctionName", "f"}, {"Payload.$", "$"}});
  CHECK(state.result_selector == Json{{"body.$", "$.Payload"}});
  const auto& task = std::get<TaskSpec>(state.spec);
  CHECK(task.resource == "arn:aws:states:::lambda:invoke");
  CHECK(task.timeout_seconds_path == "$.timeout");
  CHECK(task.heartbeat_seconds_path == "$.beat");
  CHECK(task.credentials == Json{{"RoleArn", "arn:aws:iam::123456789012:role/r"}});
}

TEST_CASE("a Pass state keeps its Result") {
  auto machine = machine_of(single_state(
      R"({"Type": "Pass", "Result": {"x-datum": 0.381018, "y-datum": 622.2269926397355},
          "ResultPath": "$.coords", "End": true})"));
  const auto& pass = std::get<PassSpec>(only_state(machine).spec);
  CHECK(pass.result == Json{{"x-datum", 0.381018}, {"y-datum", 622.2269926397355}});
}

TEST_CASE("Wait and Fail fields are read") {
  auto wait =
      machine_of(single_state(R"({"Type": "Wait", "TimestampPath": "$.expirydate", "End": true})"));
  CHECK(std::get<WaitSpec>(only_state(wait).spec).timestamp_path == "$.expirydate");
  auto fail = machine_of(single_state(
      R"json({"Type": "Fail", "ErrorPath": "$.error", "CausePath": "States.Format('{}', $.why)"})json"));
  const auto& spec = std::get<FailSpec>(only_state(fail).spec);
  CHECK(spec.error_path == "$.error");
  CHECK(spec.cause_path == "States.Format('{}', $.why)");
  CHECK_FALSE(spec.error);
}

TEST_CASE("nested Choice rules are read with their pointers") {
  auto machine = machine_of(state_and_done(R"({"Type": "Choice", "Choices": [
      {"Or": [{"Variable": "$.a", "StringEquals": "x"},
              {"Not": {"Variable": "$.b", "BooleanEqualsPath": "$.c"}}],
       "Next": "Done"}]})"));
  const ChoiceRule& rule = std::get<ChoiceSpec>(only_state(machine).spec).choices.at(0);
  CHECK(rule.op == "Or");
  CHECK(rule.next == "Done");
  REQUIRE(rule.children.size() == 2);
  CHECK(rule.children[0].op == "StringEquals");
  CHECK(rule.children[0].variable == "$.a");
  CHECK(rule.children[0].operand == "x");
  CHECK(rule.children[0].pointer == "/States/A/Choices/0/Or/0");
  const ChoiceRule& negation = rule.children[1];
  CHECK(negation.op == "Not");
  REQUIRE(negation.children.size() == 1);
  CHECK(negation.children[0].pointer == "/States/A/Choices/0/Or/1/Not");
  CHECK(negation.children[0].op == "BooleanEqualsPath");
  CHECK(negation.children[0].operand == "$.c");
}

TEST_CASE("a Parallel state's branches are nested machines") {
  auto machine = machine_of(single_state(R"({"Type": "Parallel", "End": true, "Branches": [
      {"StartAt": "B1", "States": {"B1": {"Type": "Succeed"}}},
      {"Comment": "second", "StartAt": "B2", "States": {"B2": {"Type": "Pass", "End": true}}}]})"));
  const auto& parallel = std::get<ParallelSpec>(only_state(machine).spec);
  REQUIRE(parallel.branches.size() == 2);
  CHECK(parallel.branches[1]->pointer == "/States/A/Branches/1");
  CHECK(parallel.branches[1]->comment == "second");
  CHECK(parallel.branches[1]->states.at("B2").pointer == "/States/A/Branches/1/States/B2");
}

TEST_CASE("a Distributed Map reads its ItemReader, ItemBatcher, ResultWriter and Label") {
  auto machine = machine_of(single_state(R"({"Type": "Map", "End": true, "Label": "chunks",
      "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                     "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"}},
      "ItemBatcher": {"MaxItemsPerBatch": 10},
      "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                       "Parameters": {"Bucket": "out"},
                       "WriterConfig": {"Transformation": "FLATTEN", "OutputType": "JSONL"}},
      "ItemSelector": {"item.$": "$$.Map.Item.Value"},
      "MaxConcurrencyPath": "$.limit", "ToleratedFailurePercentage": 5,
      "ToleratedFailureCountPath": "$.failures",
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                        "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}})"));
  const auto& map = std::get<MapSpec>(only_state(machine).spec);
  CHECK(map.distributed);
  CHECK(map.item_reader->resource == "arn:aws:states:::s3:getObject");
  CHECK(map.item_reader->input_type == "CSV");
  CHECK_FALSE(map.item_reader->csv_header_given);
  CHECK(map.item_batcher->max_items_per_batch.number == 10);
  CHECK(map.result_writer->resource == "arn:aws:states:::s3:putObject");
  CHECK(map.result_writer->exports());
  CHECK(map.result_writer->writer_config);
  CHECK(map.result_writer->transformation == "FLATTEN");
  CHECK(map.result_writer->jsonl);
  CHECK(map.label == "chunks");
  CHECK(map.item_selector == Json{{"item.$", "$$.Map.Item.Value"}});
  CHECK(map.max_concurrency_path == "$.limit");
  CHECK(map.tolerated_failure_percentage == 5);
  CHECK(map.tolerated_failure_count_path == "$.failures");
  CHECK(map.processor->pointer == "/States/A/ItemProcessor");
}

TEST_CASE("the ItemsPath example of the Step Functions guide parses") {
  auto machine = machine_of(R"({"StartAt": "PiratesSay", "States": {"PiratesSay": {
      "Type": "Map", "ItemsPath": "$.ThingsPiratesSay",
      "ItemProcessor": {"StartAt": "SayWord", "States": {"SayWord": {"Type": "Pass", "End": true}}},
      "End": true}}})");
  const auto& map = std::get<MapSpec>(machine->states.at("PiratesSay").spec);
  CHECK(map.items_path.path == "$.ThingsPiratesSay");
  CHECK(map.processor->states.at("SayWord").end);
}

TEST_CASE("a legacy Map's Parameters is its ItemSelector") {
  auto machine = machine_of(single_state(R"({"Type": "Map", "End": true, "ItemsPath": "$.items",
      "Parameters": {"index.$": "$$.Map.Item.Index"},
      "Iterator": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}})"));
  const State& state = only_state(machine);
  CHECK_FALSE(state.parameters);
  CHECK(std::get<MapSpec>(state.spec).item_selector == Json{{"index.$", "$$.Map.Item.Index"}});
  CHECK(std::get<MapSpec>(state.spec).items_path.path == "$.items");
}

TEST_CASE("a Distributed Map's reader, batcher and writer are checked") {
  auto distributed = [](const std::string& fields) {
    return single_state(R"({"Type": "Map", "End": true, )" + fields + R"(,
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                          "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}})");
  };
  CHECK(problems(distributed(R"("ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
      "ReaderConfig": {"InputType": "XML", "MaxItems": 0.5}})")) ==
        Lines{"x.asl.json: /States/A/ItemReader/ReaderConfig/InputType: InputType must be one "
              "of JSON, JSONL, CSV, MANIFEST, PARQUET, not \"XML\"",
              "x.asl.json: /States/A/ItemReader/ReaderConfig/MaxItems: MaxItems must be an "
              "integer, not 0.5"});
  CHECK(problems(distributed(R"("ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
      "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "GIVEN", "Extra": 1}})")) ==
        Lines{"x.asl.json: /States/A/ItemReader/ReaderConfig: CSVHeaderLocation GIVEN needs "
              "CSVHeaders",
              "x.asl.json: /States/A/ItemReader/ReaderConfig/Extra: unknown field 'Extra' in a "
              "ReaderConfig"});
  CHECK(problems(distributed(R"("ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
      "Parameters": {"Bucket": "b", "Key": "k.parquet", "VersionId": "v1"},
      "ReaderConfig": {"InputType": "PARQUET", "CSVDelimiter": "PIPE"}})")) ==
        Lines{"x.asl.json: /States/A/ItemReader/Parameters/VersionId: VersionId is not "
              "supported with InputType PARQUET",
              "x.asl.json: /States/A/ItemReader/ReaderConfig: CSVHeaderLocation, CSVHeaders and "
              "CSVDelimiter are only valid with InputType CSV, not PARQUET"});
  CHECK(problems(distributed(R"("ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2",
      "Parameters": {"Bucket": "b"}, "ReaderConfig": {"MaxItems": 1, "MaxItemsPath": "$.n"}})")) ==
        Lines{"x.asl.json: /States/A/ItemReader/ReaderConfig/MaxItemsPath: MaxItems and "
              "MaxItemsPath cannot both be set"});
  CHECK(problems(distributed(R"("ItemReader": {"Resource": "arn:aws:states:::s3:putObject",
      "ReaderConfig": {"InputType": "JSON"}})")) ==
        Lines{"x.asl.json: /States/A/ItemReader/Resource: Resource "
              "\"arn:aws:states:::s3:putObject\" is not supported here: conflictctl reads and "
              "writes local files through \"arn:aws:states:::s3:getObject\" or "
              "\"arn:aws:states:::s3:listObjectsV2\" only"});
  CHECK(problems(distributed(R"("ItemReader": {"Resource": "arn:aws:states:::s3:getObject"})")) ==
        Lines{"x.asl.json: /States/A/ItemReader: missing required field 'ReaderConfig'"});
  CHECK(problems(distributed(R"("ItemBatcher": {"BatchInput": {"a.$": "$.x"}})")) ==
        Lines{"x.asl.json: /States/A/ItemBatcher: an ItemBatcher needs MaxItemsPerBatch or "
              "MaxInputBytesPerBatch (or their Path forms)"});
  CHECK(problems(distributed(R"("ItemBatcher": {"MaxInputBytesPerBatch": 300000})")) ==
        Lines{"x.asl.json: /States/A/ItemBatcher/MaxInputBytesPerBatch: MaxInputBytesPerBatch "
              "must be from 1 to 262144, not 300000"});
}

TEST_CASE("a listObjectsV2 reader, its Transformation and the manifest types are checked") {
  auto reader = [](const std::string& resource, const std::string& config) {
    return single_state(R"({"Type": "Map", "End": true, "ItemReader": {"Resource": ")" +
                        resource + R"(", "Parameters": {"Bucket": "b"}, "ReaderConfig": )" +
                        config + R"(}, "ItemProcessor": {"ProcessorConfig":
        {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}})");
  };
  const std::string get = "arn:aws:states:::s3:getObject";
  const std::string list = "arn:aws:states:::s3:listObjectsV2";
  const std::string at = "x.asl.json: /States/A/ItemReader/ReaderConfig";
  CHECK(problems(reader(list, R"({"Transformation": "LOAD_AND_FLATTEN", "InputType": "CSV",
      "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["a"]})")).empty());
  CHECK(problems(reader(list, R"({"Transformation": "NONE", "MaxItems": 5})")).empty());
  CHECK(problems(reader(list, R"({"Transformation": "LOAD_AND_FLATTEN"})")) ==
        Lines{at + ": Transformation LOAD_AND_FLATTEN needs an InputType"});
  CHECK(problems(reader(list, R"({"Transformation": "LOAD_AND_FLATTEN",
      "InputType": "MANIFEST"})")) ==
        Lines{at + "/InputType: Transformation LOAD_AND_FLATTEN reads each object as CSV, "
                   "JSON, JSONL or PARQUET, not MANIFEST"});
  CHECK(problems(reader(list, R"({"ManifestType": "ATHENA_DATA", "Transformation": "X"})")) ==
        Lines{at + "/ManifestType: ManifestType is only valid with Resource "
                   "\"arn:aws:states:::s3:getObject\"",
              at + "/Transformation: Transformation must be one of NONE, LOAD_AND_FLATTEN, "
                   "not \"X\""});
  CHECK(problems(reader(get, R"({"InputType": "JSON", "Transformation": "NONE"})")) ==
        Lines{at + "/Transformation: Transformation is only valid with Resource "
                   "\"arn:aws:states:::s3:listObjectsV2\""});
  CHECK(problems(reader(get, R"({"ManifestType": "S3_INVENTORY"})")).empty());
  CHECK(problems(reader(get, R"({"ManifestType": "S3_INVENTORY", "InputType": "CSV"})")) ==
        Lines{at + "/InputType: InputType cannot be given with ManifestType S3_INVENTORY: an "
                   "S3 inventory is read as CSV"});
  CHECK(problems(reader(get, R"({"ManifestType": "ATHENA_DATA", "InputType": "JSONL"})"))
            .empty());
  CHECK(problems(reader(get, R"({"ManifestType": "ATHENA_DATA", "InputType": "JSON"})")) ==
        Lines{at + "/InputType: ManifestType ATHENA_DATA needs InputType CSV, JSONL or "
                   "PARQUET, not JSON"});
  CHECK(problems(reader(get, R"({"ManifestType": "ATHENA_DATA"})")) ==
        Lines{at + ": missing required field 'InputType'"});
  CHECK(problems(reader(get, R"({"InputType": "PARQUET"})")).empty());
  CHECK(problems(reader(get, R"({"ManifestType": "ATHENA_DATA", "InputType": "PARQUET"})"))
            .empty());
  CHECK(problems(reader(get, R"({"InputType": "JSON", "ItemsPointer": "/a/0"})")).empty());
  CHECK(problems(reader(get, R"({"InputType": "JSON", "ItemsPointer": "a"})")) ==
        Lines{at + "/ItemsPointer: ItemsPointer must be a JSON Pointer (\"/a/b\"), not \"a\""});
  CHECK(problems(reader(get, R"({"InputType": "JSONL", "ItemsPointer": "/a"})")) ==
        Lines{at + "/ItemsPointer: ItemsPointer is only valid with InputType JSON"});
}

TEST_CASE("a JSONata Distributed Map's Items may be an object, an inline Map's may not") {
  auto map = [](const std::string& mode) {
    return single_state(R"({"Type": "Map", "End": true, "QueryLanguage": "JSONata",
        "Items": {"a": 1, "b": "{% 2 %}"}, "ItemProcessor": {"ProcessorConfig": {"Mode": ")" +
                        mode + R"("}, "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}})");
  };
  CHECK(problems(map("INLINE")) ==
        Lines{"x.asl.json: /States/A/Items: Items must be an array or a JSONata expression "
              "\"{% … %}\", not an object"});
  CHECK(problems(map("DISTRIBUTED\", \"ExecutionType\": \"STANDARD")).empty());
}

TEST_CASE("a ResultWriter needs WriterConfig, or Resource and Parameters, or all three") {
  auto writer = [](const std::string& fields) {
    return single_state(R"({"Type": "Map", "End": true, "ResultWriter": {)" + fields +
                        R"(}, "ItemProcessor": {"ProcessorConfig":
        {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}})");
  };
  const std::string at = "x.asl.json: /States/A/ResultWriter";
  CHECK(problems(writer(R"("WriterConfig": {"Transformation": "COMPACT"})")).empty());
  CHECK(problems(writer(R"("WriterConfig": {"OutputType": "JSONL"},
      "Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "b"})")).empty());
  CHECK(problems(writer("")) ==
        Lines{at + ": a ResultWriter needs WriterConfig, or Resource and Parameters, or all "
                   "three"});
  CHECK(problems(writer(R"("Resource": "arn:aws:states:::s3:putObject")")) ==
        Lines{at + ": a ResultWriter's Resource and Parameters go together: give both to "
                   "write the results to S3, or neither"});
  CHECK(problems(writer(R"("WriterConfig": {}, "Parameters": {"Bucket": "b"})")) ==
        Lines{at + ": a ResultWriter's Resource and Parameters go together: give both to "
                   "write the results to S3, or neither"});
  CHECK(problems(writer(R"("WriterConfig": {"Transformation": "SQUASH", "OutputType": "CSV",
      "Extra": 1}, "Resource": "arn:aws:states:::s3:getObject", "Parameters": {})")) ==
        Lines{at + "/WriterConfig/Transformation: Transformation must be one of NONE, "
                   "COMPACT, FLATTEN, not \"SQUASH\"",
              at + "/WriterConfig/OutputType: OutputType must be one of JSON, JSONL, not "
                   "\"CSV\"",
              at + "/WriterConfig/Extra: unknown field 'Extra' in a WriterConfig",
              at + "/Resource: Resource \"arn:aws:states:::s3:getObject\" is not supported "
                   "here: conflictctl reads and writes local files through "
                   "\"arn:aws:states:::s3:putObject\" only"});
}

}  // namespace
}  // namespace conflictctl::asl

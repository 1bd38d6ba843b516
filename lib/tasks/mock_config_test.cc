#include "tasks/mock_config.h"

#include <catch2/catch.hpp>

using namespace conflictctl;
using namespace conflictctl::tasks;

namespace {

// The example mock configuration file of the AWS Step Functions Local documentation.
constexpr const char* kAwsExample = R"({
  "StateMachines":{
    "LambdaSQSIntegration":{
      "TestCases":{
        "HappyPath":{"LambdaState":"MockedLambdaSuccess","SQSState":"MockedSQSSuccess"},
        "RetryPath":{"LambdaState":"MockedLambdaRetry","SQSState":"MockedSQSSuccess"},
        "HybridPath":{"LambdaState":"MockedLambdaSuccess"}
      }
    }
  },
  "MockedResponses":{
    "MockedLambdaSuccess":{
      "0":{"Return":{"StatusCode":200,"Payload":{"StatusCode":200,"body":"Hello from Lambda!"}}}
    },
    "LambdaMockedResourceNotReady":{
      "0":{"Throw":{"Error":"Lambda.ResourceNotReadyException",
                    "Cause":"Lambda resource is not ready."}}
    },
    "MockedSQSSuccess":{
      "0":{"Return":{"MD5OfMessageBody":"3bcb6e8e-7h85-4375-b0bc-1a59812c6e51",
                     "MessageId":"3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"}}
    },
    "MockedLambdaRetry":{
      "0":{"Throw":{"Error":"Lambda.ResourceNotReadyException",
                    "Cause":"Lambda resource is not ready."}},
      "1-2":{"Throw":{"Error":"Lambda.TimeoutException","Cause":"Lambda timed out."}},
      "3":{"Return":{"StatusCode":200,"Payload":{"StatusCode":200,"body":"Hello from Lambda!"}}}
    }
  }
})";

std::vector<std::string> messages(const LoadedMockConfig& loaded) {
  std::vector<std::string> out;
  for (const Diagnostic& d : loaded.diagnostics) out.push_back(d.to_string());
  return out;
}

// A config whose one test case maps state S to mocked response R = `response`.
std::string with_response(const std::string& response) {
  return R"({"StateMachines": {"SM": {"TestCases": {"Case": {"S": "R"}}}},
             "MockedResponses": {"R": )" +
         response + "}}";
}

std::vector<std::string> problems(const std::string& response) {
  return messages(parse_mock_config(with_response(response), "m.json"));
}

}  // namespace

TEST_CASE("the AWS example mock config parses", "[mock_config]") {
  LoadedMockConfig loaded = parse_mock_config(kAwsExample, "MockConfigFile.json");
  REQUIRE(loaded.diagnostics.empty());
  const MockConfig& config = *loaded.config;
  CHECK(config.responses.size() == 4);
  CHECK(config.state_machines.at("LambdaSQSIntegration").size() == 3);
  CHECK(config.state_machines.at("LambdaSQSIntegration").at("HybridPath") ==
        std::map<std::string, std::string>{{"LambdaState", "MockedLambdaSuccess"}});
}

TEST_CASE("a test case maps each mocked state to its invocation ranges", "[mock_config]") {
  LoadedMockConfig loaded = parse_mock_config(kAwsExample, "MockConfigFile.json");
  REQUIRE(loaded.config);
  Result<MockTestCase> test_case = loaded.config->test_case("LambdaSQSIntegration", "RetryPath");
  REQUIRE(test_case.ok());
  CHECK(test_case->name == "RetryPath");
  REQUIRE(test_case->states.size() == 2);
  const MockedResponse& retry = test_case->states.at("LambdaState");
  CHECK(retry.name == "MockedLambdaRetry");
  CHECK(retry.invocation_count() == 4);

  // "0" → the first call, "1-2" → the first and second retries, "3" → the third retry.
  REQUIRE(retry.entry_for(0));
  CHECK(retry.entry_for(0)->error ==
        Error{"Lambda.ResourceNotReadyException", "Lambda resource is not ready."});
  CHECK(retry.entry_for(1)->error == Error{"Lambda.TimeoutException", "Lambda timed out."});
  CHECK(retry.entry_for(2) == retry.entry_for(1));
  REQUIRE(retry.entry_for(3));
  CHECK(retry.entry_for(3)->value ==
        Json::parse(
            R"({"StatusCode":200,"Payload":{"StatusCode":200,"body":"Hello from Lambda!"}})"));
  CHECK_FALSE(retry.entry_for(3)->error);
  CHECK(retry.entry_for(4) == nullptr);
}

TEST_CASE("DurationSeconds is read from a mocked invocation", "[mock_config]") {
  LoadedMockConfig loaded = parse_mock_config(
      with_response(R"({"0": {"Return": 1, "DurationSeconds": 40.5},
                        "1": {"Throw": {"Error": "States.Timeout", "Cause": "c"},
                              "DurationSeconds": 900}, "2": {"Return": null}})"),
      "m.json");
  REQUIRE(loaded.diagnostics.empty());
  const MockedResponse& r = loaded.config->responses.at("R");
  CHECK(r.entry_for(0)->duration_seconds == 40.5);
  CHECK(r.entry_for(1)->duration_seconds == 900.0);
  CHECK(r.entry_for(1)->error == Error{"States.Timeout", "c"});
  CHECK_FALSE(r.entry_for(2)->duration_seconds);
  CHECK(r.entry_for(2)->value == Json());
}

TEST_CASE("Heartbeats are read from a mocked invocation, and checked", "[mock_config]") {
  LoadedMockConfig loaded = parse_mock_config(
      with_response(R"({"0": {"Return": 1, "DurationSeconds": 10, "Heartbeats": [4, 8]},
                        "1": {"Return": 2, "DurationSeconds": 10, "Heartbeats": []},
                        "2": {"Return": 3}})"),
      "m.json");
  REQUIRE(loaded.diagnostics.empty());
  const MockedResponse& r = loaded.config->responses.at("R");
  CHECK(r.entry_for(0)->heartbeats == std::vector<double>{4, 8});
  CHECK(r.entry_for(1)->heartbeats == std::vector<double>{});
  CHECK_FALSE(r.entry_for(2)->heartbeats);
  const std::string expected =
      "m.json: /MockedResponses/R/0/Heartbeats: Heartbeats must be an array of seconds in "
      "ascending order, each between 0 and the invocation's DurationSeconds";
  CHECK(problems(R"({"0": {"Return": 1, "DurationSeconds": 10, "Heartbeats": [8, 4]}})") ==
        std::vector<std::string>{expected});
  CHECK(problems(R"({"0": {"Return": 1, "DurationSeconds": 10, "Heartbeats": [11]}})") ==
        std::vector<std::string>{expected});
  CHECK(problems(R"({"0": {"Return": 1, "Heartbeats": 3}})") ==
        std::vector<std::string>{expected});
}

TEST_CASE("NoAnswer is a callback or worker that never answers, with heartbeats or none",
          "[mock_config]") {
  LoadedMockConfig loaded = parse_mock_config(
      with_response(R"({"0": {"NoAnswer": true},
                        "1": {"NoAnswer": true, "Heartbeats": [10, 5000000]}})"),
      "m.json");
  REQUIRE(loaded.diagnostics.empty());
  const MockedResponse& r = loaded.config->responses.at("R");
  CHECK(r.entry_for(0)->no_answer);
  CHECK_FALSE(r.entry_for(0)->heartbeats);
  CHECK(r.entry_for(1)->heartbeats == std::vector<double>{10, 5000000});
  CHECK_FALSE(r.entry_for(1)->value);
  CHECK(problems(R"({"0": {"NoAnswer": false}})") ==
        std::vector<std::string>{"m.json: /MockedResponses/R/0/NoAnswer: NoAnswer must be true"});
  const std::string alone =
      "m.json: /MockedResponses/R/0: a mocked invocation with NoAnswer never answers: it has no "
      "Return, Throw or DurationSeconds";
  CHECK(problems(R"({"0": {"NoAnswer": true, "Return": 1}})") == std::vector<std::string>{alone});
  CHECK(problems(R"({"0": {"NoAnswer": true, "DurationSeconds": 4}})") ==
        std::vector<std::string>{alone});
  CHECK(problems(R"({"0": {"NoAnswer": true, "Heartbeats": [5, 1]}})") ==
        std::vector<std::string>{
            "m.json: /MockedResponses/R/0/Heartbeats: Heartbeats must be an array of seconds in "
            "ascending order, each at least 0"});
}

TEST_CASE("unknown state machines and test cases are errors that list the names",
          "[mock_config]") {
  LoadedMockConfig loaded = parse_mock_config(kAwsExample, "MockConfigFile.json");
  REQUIRE(loaded.config);
  Result<MockTestCase> machine = loaded.config->test_case("Other", "HappyPath");
  REQUIRE_FALSE(machine.ok());
  CHECK(machine.error().cause ==
        "mock config 'MockConfigFile.json' has no state machine 'Other' (state machines: "
        "LambdaSQSIntegration)");
  Result<MockTestCase> test_case = loaded.config->test_case("LambdaSQSIntegration", "SadPath");
  REQUIRE_FALSE(test_case.ok());
  CHECK(test_case.error().cause ==
        "mock config 'MockConfigFile.json' has no test case 'SadPath' for state machine "
        "'LambdaSQSIntegration' (test cases: HappyPath, HybridPath, RetryPath)");
}

TEST_CASE("a JSON syntax error names the line", "[mock_config]") {
  LoadedMockConfig loaded = parse_mock_config("{\n  \"StateMachines\": {,\n}", "m.json");
  CHECK_FALSE(loaded.config);
  REQUIRE(loaded.diagnostics.size() == 1);
  CHECK(loaded.diagnostics[0].line == 2);
  // nlohmann's words start with "syntax error while parsing": said once (issue 19).
  CHECK(loaded.diagnostics[0].message ==
        "syntax error while parsing object key - unexpected ','; expected string literal");
  CHECK(loaded.diagnostics[0].to_string().starts_with("m.json:2:"));
}

TEST_CASE("a mock config nested 100,000 deep is a diagnostic naming the file, not a crash",
          "[mock_config]") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  CHECK(messages(parse_mock_config(deep, "deep.json")) ==
        std::vector<std::string>{"deep.json:1:513: JSON nested more than 512 levels deep"});
}

TEST_CASE("a number too large for a double is a syntax error, not an exception",
          "[mock_config]") {
  // nlohmann reports it as out_of_range, which the old reader did not catch.
  CHECK(messages(parse_mock_config(R"({"MockedResponses": {"R": {"0": {"Return": 1e400}}}})",
                                   "m.json")) ==
        std::vector<std::string>{"m.json: syntax error: number overflow parsing '1e400'"});
}

TEST_CASE("the top level must be an object with the two known fields", "[mock_config]") {
  CHECK(messages(parse_mock_config("[]", "m.json")) ==
        std::vector<std::string>{"m.json: a mock config must be a JSON object with "
                                 "StateMachines and MockedResponses"});
  CHECK(messages(parse_mock_config(R"({"StateMachines": {}, "Foo": 1})", "m.json")) ==
        std::vector<std::string>{
            "m.json: /Foo: unknown field 'Foo' (expected StateMachines or MockedResponses)",
            "m.json: missing required field 'MockedResponses'"});
}

TEST_CASE("a test case must name a defined mocked response", "[mock_config]") {
  CHECK(messages(parse_mock_config(
            R"({"StateMachines": {"SM": {"TestCases": {"Case": {"S": "Nope", "T": 3}}}},
                "MockedResponses": {}})",
            "m.json")) ==
        std::vector<std::string>{
            "m.json: /StateMachines/SM/TestCases/Case/S: unknown mocked response 'Nope' (not in "
            "MockedResponses)",
            "m.json: /StateMachines/SM/TestCases/Case/T: a test case maps a state name to the "
            "name of a mocked response (a string)"});
}

TEST_CASE("state machines need TestCases", "[mock_config]") {
  CHECK(messages(parse_mock_config(
            R"({"StateMachines": {"A": {"Tests": {}}, "B": 1}, "MockedResponses": {}})",
            "m.json")) ==
        std::vector<std::string>{
            "m.json: /StateMachines/A/Tests: unknown field 'Tests' (expected TestCases)",
            "m.json: /StateMachines/A: missing required field 'TestCases'",
            "m.json: /StateMachines/B: a state machine must be an object with TestCases"});
}

TEST_CASE("state names are escaped in JSON Pointers", "[mock_config]") {
  CHECK(messages(parse_mock_config(
            R"({"StateMachines": {"SM": {"TestCases": {"C": {"a/b~c": "X"}}}},
                "MockedResponses": {}})",
            "m.json")) ==
        std::vector<std::string>{"m.json: /StateMachines/SM/TestCases/C/a~1b~0c: unknown mocked "
                                 "response 'X' (not in MockedResponses)"});
}

TEST_CASE("overlapping invocation ranges are rejected", "[mock_config]") {
  CHECK(problems(R"({"0-1": {"Return": 1}, "1-2": {"Return": 2}})") ==
        std::vector<std::string>{"m.json: /MockedResponses/R/1-2: invocation range '1-2' overlaps "
                                 "'0-1'"});
  CHECK(problems(R"({"0": {"Return": 1}, "00": {"Return": 2}})") ==
        std::vector<std::string>{"m.json: /MockedResponses/R/00: invocation range '00' overlaps "
                                 "'0'"});
}

TEST_CASE("invocation ranges must be consecutive from 0", "[mock_config]") {
  CHECK(problems(R"({"0": {"Return": 1}, "2": {"Return": 2}})") ==
        std::vector<std::string>{"m.json: /MockedResponses/R: invocation 1 has no response; the "
                                 "keys must number the invocations consecutively from 0"});
  CHECK(problems(R"({"3": {"Return": 1}})") ==
        std::vector<std::string>{"m.json: /MockedResponses/R: invocations 0-2 have no response; "
                                 "the keys must number the invocations consecutively from 0"});
}

TEST_CASE("invocation keys must be numbers or inclusive ranges", "[mock_config]") {
  CHECK(problems(R"({"first": {"Return": 1}})") ==
        std::vector<std::string>{"m.json: /MockedResponses/R/first: invalid invocation key "
                                 "'first' (expected a number such as \"0\" or an inclusive range "
                                 "such as \"1-2\")"});
  CHECK(problems(R"({"0": {"Return": 1}, "-1": {"Return": 1}})") ==
        std::vector<std::string>{"m.json: /MockedResponses/R/-1: invalid invocation key '-1' "
                                 "(expected a number such as \"0\" or an inclusive range such as "
                                 "\"1-2\")"});
  CHECK(problems(R"({"0": {"Return": 1}, "2-1": {"Return": 1}})") ==
        std::vector<std::string>{
            "m.json: /MockedResponses/R/2-1: invalid invocation range '2-1': 2 is after 1"});
}

TEST_CASE("a mocked invocation has exactly one of Return and Throw", "[mock_config]") {
  CHECK(problems(R"({"0": {"Return": 1, "Throw": {"Error": "E", "Cause": "C"}}})") ==
        std::vector<std::string>{
            "m.json: /MockedResponses/R/0: a mocked invocation must have Return or Throw, not "
            "both"});
  CHECK(problems(R"({"0": {"DurationSeconds": 3}})") ==
        std::vector<std::string>{
            "m.json: /MockedResponses/R/0: a mocked invocation must have a Return, a Throw or "
            "NoAnswer"});
  CHECK(problems(R"({"0": {"Retrun": 1}})") ==
        std::vector<std::string>{
            "m.json: /MockedResponses/R/0/Retrun: unknown field 'Retrun' (expected Return, Throw, "
            "DurationSeconds, Heartbeats or NoAnswer)",
            "m.json: /MockedResponses/R/0: a mocked invocation must have a Return, a Throw or "
            "NoAnswer"});
  CHECK(problems(R"({"0": 5})") ==
        std::vector<std::string>{
            "m.json: /MockedResponses/R/0: a mocked invocation must be an object with Return or "
            "Throw"});
}

TEST_CASE("Throw needs Error and Cause strings", "[mock_config]") {
  CHECK(problems(R"({"0": {"Throw": {"Error": "Lambda.Unknown"}}})") ==
        std::vector<std::string>{
            "m.json: /MockedResponses/R/0/Throw: Throw is missing its Cause string"});
  CHECK(problems(R"({"0": {"Throw": {"Error": 5, "Cause": "c", "Code": 1}}})") ==
        std::vector<std::string>{
            "m.json: /MockedResponses/R/0/Throw/Code: unknown field 'Code' (expected Error or "
            "Cause)",
            "m.json: /MockedResponses/R/0/Throw/Error: Error must be a string"});
  CHECK(problems(R"({"0": {"Throw": "Lambda.Unknown"}})") ==
        std::vector<std::string>{
            "m.json: /MockedResponses/R/0/Throw: Throw must be an object with Error and Cause "
            "strings"});
}

TEST_CASE("DurationSeconds must be a non-negative number", "[mock_config]") {
  std::vector<std::string> expected{"m.json: /MockedResponses/R/0/DurationSeconds: "
                                    "DurationSeconds must be a non-negative number"};
  CHECK(problems(R"({"0": {"Return": 1, "DurationSeconds": -1}})") == expected);
  CHECK(problems(R"({"0": {"Return": 1, "DurationSeconds": "40"}})") == expected);
}

TEST_CASE("a mocked response must define invocations", "[mock_config]") {
  CHECK(problems("{}") == std::vector<std::string>{"m.json: /MockedResponses/R: mocked response "
                                                   "'R' defines no invocations"});
  CHECK(problems("[]") ==
        std::vector<std::string>{"m.json: /MockedResponses/R: mocked response 'R' must be an "
                                 "object whose keys number the invocations"});
}

TEST_CASE("every problem in a file is reported", "[mock_config]") {
  LoadedMockConfig loaded = parse_mock_config(
      R"({"StateMachines": {"SM": {"TestCases": {"C": {"S": "R", "T": "Missing"}}}},
          "MockedResponses": {"R": {"0": {}, "2": {"Return": 1}}, "Q": {"1": {"Return": 1}}}})",
      "m.json");
  CHECK_FALSE(loaded.config);
  CHECK(messages(loaded) ==
        std::vector<std::string>{
            "m.json: /MockedResponses/R/0: a mocked invocation must have a Return, a Throw or "
            "NoAnswer",
            "m.json: /MockedResponses/Q: invocation 0 has no response; the keys must number the "
            "invocations consecutively from 0",
            "m.json: /StateMachines/SM/TestCases/C/T: unknown mocked response 'Missing' (not in "
            "MockedResponses)"});
}

TEST_CASE("an unreadable mock config file is one diagnostic", "[mock_config]") {
  CHECK(messages(load_mock_config("/no/such/mock.json")) ==
        std::vector<std::string>{"/no/such/mock.json: cannot read the mock config file"});
}

// The rules of asl/validator.h, each shown with a small invalid definition and the exact
// diagnostic it produces. Messages that come from the dataflow syntax checkers are taken
// from them: what is tested here is that they are reported at the right field.
#include "asl/validator.h"

#include <catch2/catch.hpp>

#include "asl/test_support.h"
#include "dataflow/intrinsics.h"
#include "dataflow/path.h"

namespace conflictctl::asl {
namespace {

using Lines = std::vector<std::string>;
using testing::problems;
using testing::single_state;
using testing::state_and_done;

std::string bad_path(const std::string& path, dataflow::PathKind kind) {
  std::string message = dataflow::check_path(path, kind);
  REQUIRE_FALSE(message.empty());
  return message;
}

// --- transitions ----------------------------------------------------------------------

TEST_CASE("StartAt must name a state") {
  CHECK(problems(R"({"StartAt": "Begin", "States": {"A": {"Type": "Succeed"}}})") ==
        Lines{"x.asl.json: /StartAt: no state named 'Begin'"});
}

TEST_CASE("Next must name a state") {
  CHECK(problems(single_state(R"({"Type": "Pass", "Next": "Nowhere"})")) ==
        Lines{"x.asl.json: /States/A/Next: no state named 'Nowhere'"});
}

TEST_CASE("every state must be reachable from StartAt") {
  CHECK(problems(R"({"StartAt": "A", "States": {
                      "A": {"Type": "Succeed"},
                      "Orphan": {"Type": "Pass", "Next": "A"}}})") ==
        Lines{"x.asl.json: /States/Orphan: state 'Orphan' cannot be reached from StartAt"});
}

TEST_CASE("states reached only through Catch, Choices and Default are reachable") {
  CHECK(problems(R"({"StartAt": "T", "States": {
      "T": {"Type": "Task", "Resource": "r", "Next": "C",
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}]},
      "Caught": {"Type": "Fail"},
      "C": {"Type": "Choice",
            "Choices": [{"Not": {"Variable": "$.x", "IsPresent": true}, "Next": "Chosen"}],
            "Default": "Otherwise"},
      "Chosen": {"Type": "Succeed"},
      "Otherwise": {"Type": "Succeed"}}})") == Lines{});
}

TEST_CASE("a state that continues needs Next or End") {
  CHECK(problems(single_state(R"({"Type": "Pass"})")) ==
        Lines{R"(x.asl.json: /States/A: a Pass state must have either Next or "End": true)"});
  CHECK(problems(single_state(R"({"Type": "Wait", "Seconds": 1, "End": false})")) ==
        Lines{R"(x.asl.json: /States/A: a Wait state must have either Next or "End": true)"});
}

TEST_CASE("a state cannot have both Next and End") {
  CHECK(problems(state_and_done(R"({"Type": "Pass", "Next": "Done", "End": true})")) ==
        Lines{"x.asl.json: /States/A: a Pass state cannot have both Next and End"});
}

TEST_CASE("Choice, Succeed and Fail states have neither Next nor End") {
  CHECK(problems(state_and_done(R"({"Type": "Choice", "Default": "Done", "Next": "Done",
      "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "Done"}]})")) ==
        Lines{"x.asl.json: /States/A/Next: a Choice state cannot have Next; its Choice rules "
              "and Default choose the next state"});
  CHECK(problems(single_state(R"({"Type": "Succeed", "End": true})")) ==
        Lines{"x.asl.json: /States/A/End: a Succeed state is terminal and cannot have End"});
  CHECK(problems(single_state(R"({"Type": "Fail", "Next": "A"})")) ==
        Lines{"x.asl.json: /States/A/Next: a Fail state is terminal and cannot have Next"});
}

TEST_CASE("a branch's transitions stay inside the branch") {
  CHECK(problems(R"({"StartAt": "P", "States": {
      "P": {"Type": "Parallel", "Next": "Done", "Branches": [
        {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "Next": "Done"}}}]},
      "Done": {"Type": "Succeed"}}})") ==
        Lines{"x.asl.json: /States/P/Branches/0/States/B1/Next: no state named 'Done' in this "
              "branch"});
}

TEST_CASE("a Map processor is validated with its own pointer prefix") {
  CHECK(problems(single_state(R"({"Type": "Map", "End": true, "ItemProcessor": {
      "StartAt": "Missing", "States": {"Item": {"Type": "Succeed"}}}})")) ==
        Lines{"x.asl.json: /States/A/ItemProcessor/StartAt: no state named 'Missing' in this "
              "ItemProcessor"});
  CHECK(
      problems(single_state(R"({"Type": "Map", "End": true, "Iterator": {
      "StartAt": "Item", "States": {"Item": {"Type": "Pass"}}}})")) ==
      Lines{
          R"(x.asl.json: /States/A/Iterator/States/Item: a Pass state must have either Next or "End": true)"});
}

TEST_CASE("a Catcher's Next must name a state") {
  CHECK(problems(single_state(R"({"Type": "Task", "Resource": "r", "End": true,
      "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover"}]})")) ==
        Lines{"x.asl.json: /States/A/Catch/0/Next: no state named 'Recover'"});
}

TEST_CASE("a Choice state's Default must name a state") {
  CHECK(problems(state_and_done(R"({"Type": "Choice", "Default": "Elsewhere",
      "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "Done"}]})")) ==
        Lines{"x.asl.json: /States/A/Default: no state named 'Elsewhere'"});
}

// --- Choice rules ------------------------------------------------------------------------

std::string choice_with(const std::string& rule) {
  return state_and_done(R"({"Type": "Choice", "Choices": [)" + rule + "]}");
}

TEST_CASE("a Choice state needs at least one rule") {
  CHECK(problems(state_and_done(R"({"Type": "Choice", "Choices": [], "Default": "Done"})")) ==
        Lines{"x.asl.json: /States/A/Choices: a Choice state needs at least one Choice rule"});
}

TEST_CASE("a top-level Choice rule needs Next") {
  CHECK(problems(state_and_done(R"({"Type": "Choice", "Default": "Done",
      "Choices": [{"Variable": "$.x", "IsPresent": true}]})")) ==
        Lines{"x.asl.json: /States/A/Choices/0: a top-level Choice rule must have Next"});
}

TEST_CASE("a nested Choice rule cannot have Next") {
  CHECK(problems(choice_with(R"({"And": [{"Variable": "$.x", "IsPresent": true, "Next": "Done"}],
                                 "Next": "Done"})")) ==
        Lines{"x.asl.json: /States/A/Choices/0/And/0/Next: a Choice rule nested in And, Or or Not "
              "cannot have Next"});
}

TEST_CASE("a Choice rule needs a comparison operator") {
  CHECK(problems(choice_with(R"({"Variable": "$.x", "Next": "Done"})")) ==
        Lines{"x.asl.json: /States/A/Choices/0: a Choice rule needs a comparison operator (such "
              "as StringEquals or NumericGreaterThan), or And, Or or Not"});
}

TEST_CASE("a Choice rule has exactly one comparison operator") {
  CHECK(problems(choice_with(R"({"Variable": "$.x", "StringEquals": "a", "NumericEquals": 1,
                                 "Next": "Done"})")) ==
        Lines{"x.asl.json: /States/A/Choices/0: a Choice rule must have exactly one comparison "
              "operator, found 2: StringEquals, NumericEquals"});
}

TEST_CASE("an unknown comparison operator is an unknown field of the rule") {
  CHECK(problems(choice_with(R"({"Variable": "$.x", "StringEqual": "a", "Next": "Done"})")) ==
        Lines{"x.asl.json: /States/A/Choices/0/StringEqual: unknown field 'StringEqual' in a "
              "Choice rule"});
}

TEST_CASE("And and Or hold at least one rule") {
  CHECK(problems(choice_with(R"({"Or": [], "Next": "Done"})")) ==
        Lines{"x.asl.json: /States/A/Choices/0/Or: Or must hold at least one Choice rule"});
}

TEST_CASE("comparison operands have the operator's type") {
  CHECK(problems(choice_with(R"({"Variable": "$.n", "NumericEquals": "1", "Next": "Done"})")) ==
        Lines{"x.asl.json: /States/A/Choices/0/NumericEquals: NumericEquals needs a number, not "
              "a string"});
  CHECK(problems(choice_with(R"({"Variable": "$.s", "StringEquals": 1, "Next": "Done"})")) ==
        Lines{"x.asl.json: /States/A/Choices/0/StringEquals: StringEquals needs a string, not a "
              "number"});
  CHECK(problems(choice_with(R"({"Variable": "$.s", "StringMatches": null, "Next": "Done"})")) ==
        Lines{"x.asl.json: /States/A/Choices/0/StringMatches: StringMatches needs a string, not "
              "null"});
  CHECK(problems(choice_with(R"({"Variable": "$.b", "BooleanEquals": "true", "Next": "Done"})")) ==
        Lines{"x.asl.json: /States/A/Choices/0/BooleanEquals: BooleanEquals needs a boolean, not "
              "a string"});
  CHECK(problems(choice_with(R"({"Variable": "$.b", "IsNull": 0, "Next": "Done"})")) ==
        Lines{"x.asl.json: /States/A/Choices/0/IsNull: IsNull needs a boolean, not a number"});
  CHECK(problems(choice_with(R"({"Variable": "$.t", "TimestampEquals": 1, "Next": "Done"})")) ==
        Lines{"x.asl.json: /States/A/Choices/0/TimestampEquals: TimestampEquals needs a "
              "timestamp string, not a number"});
  CHECK(problems(choice_with(R"({"Variable": "$.t", "TimestampLessThan": "yesterday",
                                 "Next": "Done"})")) ==
        Lines{"x.asl.json: /States/A/Choices/0/TimestampLessThan: TimestampLessThan needs an RFC "
              "3339 timestamp such as 2016-03-14T01:59:00Z, not 'yesterday'"});
  // AWS's Choice page: an uppercase T between date and time, an uppercase Z without an offset.
  CHECK(problems(choice_with(R"({"Variable": "$.t", "TimestampEquals": "2016-03-14t01:59:00Z",
                                 "Next": "Done"})")) ==
        Lines{"x.asl.json: /States/A/Choices/0/TimestampEquals: TimestampEquals needs an RFC "
              "3339 timestamp such as 2016-03-14T01:59:00Z, not '2016-03-14t01:59:00Z'"});
  CHECK(problems(choice_with(R"({"Variable": "$.t", "TimestampGreaterThan":
                                 "2016-03-14T01:59:00z", "Next": "Done"})")) ==
        Lines{"x.asl.json: /States/A/Choices/0/TimestampGreaterThan: TimestampGreaterThan needs "
              "an RFC 3339 timestamp such as 2016-03-14T01:59:00Z, not '2016-03-14T01:59:00z'"});
  CHECK(problems(choice_with(R"({"Variable": "$.s", "StringEqualsPath": 5, "Next": "Done"})")) ==
        Lines{"x.asl.json: /States/A/Choices/0/StringEqualsPath: StringEqualsPath needs a "
              "reference path, not a number"});
}

TEST_CASE("the operands of the examples in the spec are accepted") {
  CHECK(problems(choice_with(R"({"Variable": "$.type", "StringEquals": "Private", "Next": "Done"},
      {"Variable": "$.value", "NumericGreaterThanEquals": 20, "Next": "Done"},
      {"Variable": "$.rating", "NumericLessThanPath": "$.auditThreshold", "Next": "Done"},
      {"Variable": "$.file", "StringMatches": "log-*.txt", "Next": "Done"},
      {"Variable": "$.when", "TimestampGreaterThan": "2016-08-18T17:33:00Z", "Next": "Done"},
      {"And": [{"Variable": "$.value", "IsPresent": true},
               {"Not": {"Variable": "$.value", "IsNull": true}}], "Next": "Done"})")) == Lines{});
}

TEST_CASE("Variable and the …Path operands are reference paths") {
  CHECK(problems(choice_with(R"({"Variable": "$.items[*]", "IsPresent": true, "Next": "Done"})")) ==
        Lines{"x.asl.json: /States/A/Choices/0/Variable: " +
              bad_path("$.items[*]", dataflow::PathKind::kReferencePath)});
  CHECK(problems(
            choice_with(R"({"Variable": "$.a", "NumericEqualsPath": "$..b", "Next": "Done"})")) ==
        Lines{"x.asl.json: /States/A/Choices/0/NumericEqualsPath: " +
              bad_path("$..b", dataflow::PathKind::kReferencePath)});
}

// --- error names -------------------------------------------------------------------------

std::string task_with(const std::string& fields) {
  return state_and_done(R"({"Type": "Task", "Resource": "r", "Next": "Done", )" + fields + "}");
}

TEST_CASE("States.ALL must appear alone in ErrorEquals") {
  CHECK(problems(task_with(R"("Retry": [{"ErrorEquals": ["States.ALL", "States.Timeout"]}])")) ==
        Lines{"x.asl.json: /States/A/Retry/0/ErrorEquals: States.ALL must appear alone in "
              "ErrorEquals"});
}

TEST_CASE("States.ALL may only appear in the last Retrier or Catcher") {
  CHECK(problems(task_with(R"("Retry": [{"ErrorEquals": ["States.ALL"]},
                                        {"ErrorEquals": ["States.Timeout"]}])")) ==
        Lines{"x.asl.json: /States/A/Retry/0/ErrorEquals: States.ALL may only appear in the last "
              "Retrier"});
  CHECK(problems(task_with(R"("Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"},
                                        {"ErrorEquals": ["Custom"], "Next": "Done"}])")) ==
        Lines{"x.asl.json: /States/A/Catch/0/ErrorEquals: States.ALL may only appear in the last "
              "Catcher"});
}

TEST_CASE("ErrorEquals names at least one error") {
  CHECK(problems(task_with(R"("Retry": [{"ErrorEquals": []}])")) ==
        Lines{"x.asl.json: /States/A/Retry/0/ErrorEquals: ErrorEquals must name at least one "
              "error"});
}

TEST_CASE("error names starting with States. must be predefined") {
  CHECK(problems(task_with(R"("Catch": [{"ErrorEquals": ["States.Timeout", "States.Tmeout"],
                                         "Next": "Done"}])")) ==
        Lines{"x.asl.json: /States/A/Catch/0/ErrorEquals/1: 'States.Tmeout' is not a predefined "
              "error name; names starting with 'States.' are reserved"});
}

TEST_CASE("a Fail state's Error cannot start with States.") {
  CHECK(problems(single_state(R"({"Type": "Fail", "Error": "States.MyError"})")) ==
        Lines{"x.asl.json: /States/A/Error: Error must not start with 'States.', which is "
              "reserved for predefined errors"});
}

// --- Retry ----------------------------------------------------------------------------------

std::string retrier_with(const std::string& fields) {
  return task_with(R"("Retry": [{"ErrorEquals": ["States.TaskFailed"], )" + fields + "}]");
}

TEST_CASE("Retrier values stay in their ranges") {
  CHECK(problems(retrier_with(R"("MaxAttempts": -1)")) ==
        Lines{"x.asl.json: /States/A/Retry/0/MaxAttempts: MaxAttempts must be between 0 and "
              "99999999"});
  CHECK(problems(retrier_with(R"("MaxAttempts": 0)")) == Lines{});
  CHECK(problems(retrier_with(R"("IntervalSeconds": 0)")) ==
        Lines{"x.asl.json: /States/A/Retry/0/IntervalSeconds: IntervalSeconds must be between 1 "
              "and 99999999"});
  CHECK(problems(retrier_with(R"("BackoffRate": 0.5)")) ==
        Lines{"x.asl.json: /States/A/Retry/0/BackoffRate: BackoffRate must be at least 1.0"});
  CHECK(problems(retrier_with(R"("BackoffRate": 1.0)")) == Lines{});
  CHECK(problems(retrier_with(R"("MaxDelaySeconds": 0)")) ==
        Lines{"x.asl.json: /States/A/Retry/0/MaxDelaySeconds: MaxDelaySeconds must be between 1 "
              "and 31622401"});
  CHECK(problems(retrier_with(R"("MaxDelaySeconds": 5, "JitterStrategy": "FULL")")) == Lines{});
}

// --- timeouts --------------------------------------------------------------------------------

TEST_CASE("TimeoutSeconds and HeartbeatSeconds are positive") {
  CHECK(problems(task_with(R"("TimeoutSeconds": 0)")) ==
        Lines{"x.asl.json: /States/A/TimeoutSeconds: TimeoutSeconds must be between 1 and "
              "99999999"});
  CHECK(problems(task_with(R"("HeartbeatSeconds": -5)")) ==
        Lines{"x.asl.json: /States/A/HeartbeatSeconds: HeartbeatSeconds must be between 1 and "
              "99999999"});
}

TEST_CASE("HeartbeatSeconds must be smaller than TimeoutSeconds") {
  CHECK(problems(task_with(R"("TimeoutSeconds": 60, "HeartbeatSeconds": 60)")) ==
        Lines{"x.asl.json: /States/A/HeartbeatSeconds: HeartbeatSeconds must be smaller than "
              "TimeoutSeconds"});
  CHECK(problems(task_with(R"("TimeoutSeconds": 60, "HeartbeatSeconds": 59)")) == Lines{});
}

TEST_CASE("a timeout and its Path form cannot both be set") {
  CHECK(problems(task_with(R"("TimeoutSeconds": 60, "TimeoutSecondsPath": "$.timeout")")) ==
        Lines{"x.asl.json: /States/A/TimeoutSecondsPath: TimeoutSeconds and TimeoutSecondsPath "
              "cannot both be set"});
  CHECK(problems(task_with(R"("HeartbeatSeconds": 6, "HeartbeatSecondsPath": "$.beat")")) ==
        Lines{"x.asl.json: /States/A/HeartbeatSecondsPath: HeartbeatSeconds and "
              "HeartbeatSecondsPath cannot both be set"});
}

// --- Task resources and Credentials -----------------------------------------------------

std::string jsonata_task_with(const std::string& fields) {
  return R"({"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Task",
            "Resource": "r", "End": true, )" + fields + "}}}";
}

TEST_CASE("Credentials name an IAM role with RoleArn or RoleArn.$") {
  CHECK(problems(task_with(R"("Credentials": {"RoleArn": "arn:aws:iam::111122223333:role/R"})"))
        == Lines{});
  CHECK(problems(task_with(R"("Credentials": {"RoleArn.$": "$.role"})")) == Lines{});
  CHECK(problems(task_with(
            R"x("Credentials": {"RoleArn.$": "States.Format('arn:aws:iam::{}:role/R', $.a)"})x"))
        == Lines{});
  CHECK(problems(task_with(R"("Credentials": {"RoleArn": "arn:aws:iam::1:user/bob"})")) ==
        Lines{"x.asl.json: /States/A/Credentials/RoleArn: 'arn:aws:iam::1:user/bob' is not an "
              "IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)"});
  CHECK(problems(task_with(R"("Credentials": {"RoleArn": 5})")) ==
        Lines{"x.asl.json: /States/A/Credentials/RoleArn: RoleArn must be a string"});
  CHECK(problems(task_with(R"("Credentials": {})")) ==
        Lines{"x.asl.json: /States/A/Credentials: Credentials must name the role: RoleArn or "
              "RoleArn.$"});
  CHECK(problems(task_with(
            R"("Credentials": {"RoleArn": "arn:aws:iam::1:role/a", "RoleArn.$": "$.r"})")) ==
        Lines{"x.asl.json: /States/A/Credentials: Credentials cannot have both RoleArn and "
              "RoleArn.$"});
  CHECK(problems(task_with(
            R"("Credentials": {"Role": "x", "RoleArn": "arn:aws:iam::1:role/a"})")) ==
        Lines{"x.asl.json: /States/A/Credentials/Role: unknown field 'Role' in Credentials "
              "(expected RoleArn or RoleArn.$)"});
  CHECK(problems(task_with(R"("Credentials": {"RoleArn.$": "$.r["})")) ==
        Lines{"x.asl.json: /States/A/Credentials/RoleArn.$: " +
              bad_path("$.r[", dataflow::PathKind::kPath)});
}

TEST_CASE("in a JSONata state Credentials.RoleArn is an IAM role ARN or an expression") {
  CHECK(problems(jsonata_task_with(R"("Credentials": {"RoleArn": "{% $states.input.r %}"})")) ==
        Lines{});
  CHECK(problems(jsonata_task_with(R"("Credentials": {"RoleArn": "role"})")) ==
        Lines{"x.asl.json: /States/A/Credentials/RoleArn: 'role' is not an IAM role ARN "
              "(arn:aws:iam::ACCOUNT:role/NAME)"});
  CHECK(problems(jsonata_task_with(R"("Credentials": {"RoleArn.$": "$.r"})")) ==
        Lines{"x.asl.json: /States/A/Credentials: Credentials must name the role: RoleArn",
              "x.asl.json: /States/A/Credentials/RoleArn.$: unknown field 'RoleArn.$' in "
              "Credentials (expected RoleArn)"});
}

TEST_CASE("an activity ARN names a valid activity, and takes no Credentials") {
  auto activity = [](const std::string& arn, const std::string& fields = "") {
    return state_and_done(R"({"Type": "Task", "Resource": ")" + arn + R"(", "Next": "Done")" +
                          fields + "}");
  };
  CHECK(problems(activity("arn:aws:states:us-east-1:123456789012:activity:approve")) == Lines{});
  CHECK(problems(activity("arn:aws:states:us-east-1:123456789012:activity:a*b")) ==
        Lines{"x.asl.json: /States/A/Resource: invalid activity name in "
              "'arn:aws:states:us-east-1:123456789012:activity:a*b': an activity name may not "
              "contain white space, control characters or any of < > { } [ ] ? * \" # % \\ ^ | "
              "~ ` $ & , ; : / (found '*')"});
  CHECK(problems(activity("arn:aws:states:us-east-1:123456789012:activity:approve",
                          R"(, "Credentials": {"RoleArn": "arn:aws:iam::1:role/r"})")) ==
        Lines{"x.asl.json: /States/A/Credentials: Credentials is not supported for an activity: "
              "the role is assumed to call a Lambda function or an AWS service"});
}

TEST_CASE("TimeoutSecondsPath is a reference path") {
  CHECK(problems(task_with(R"("TimeoutSecondsPath": "$.t[*]")")) ==
        Lines{"x.asl.json: /States/A/TimeoutSecondsPath: " +
              bad_path("$.t[*]", dataflow::PathKind::kReferencePath)});
}

TEST_CASE("the execution's TimeoutSeconds is positive") {
  CHECK(
      problems(R"({"StartAt": "A", "TimeoutSeconds": 0, "States": {"A": {"Type": "Succeed"}}})") ==
      Lines{"x.asl.json: /TimeoutSeconds: TimeoutSeconds must be between 1 and 99999999"});
}

// --- Wait ------------------------------------------------------------------------------------

TEST_CASE("a Wait state has exactly one of its four timing fields") {
  const std::string message =
      "x.asl.json: /States/A: a Wait state must have exactly one of Seconds, Timestamp, "
      "SecondsPath or TimestampPath";
  CHECK(problems(single_state(R"({"Type": "Wait", "End": true})")) == Lines{message});
  CHECK(
      problems(single_state(
          R"({"Type": "Wait", "Seconds": 10, "Timestamp": "2016-03-14T01:59:00Z", "End": true})")) ==
      Lines{message});
}

TEST_CASE("a Wait state's Seconds is between 0 and 99999999") {
  CHECK(problems(single_state(R"({"Type": "Wait", "Seconds": -1, "End": true})")) ==
        Lines{"x.asl.json: /States/A/Seconds: Seconds must be between 0 and 99999999"});
  CHECK(problems(single_state(R"({"Type": "Wait", "Seconds": 0, "End": true})")) == Lines{});
}

TEST_CASE("a Wait state's Timestamp is an RFC 3339 timestamp") {
  CHECK(problems(
            single_state(R"({"Type": "Wait", "Timestamp": "2016-03-14 01:59:00", "End": true})")) ==
        Lines{"x.asl.json: /States/A/Timestamp: '2016-03-14 01:59:00' is not an RFC 3339 "
              "timestamp such as 2016-03-14T01:59:00Z"});
  CHECK(problems(single_state(
            R"({"Type": "Wait", "Timestamp": "2016-03-14T01:59:00Z", "End": true})")) == Lines{});
}

TEST_CASE("SecondsPath and TimestampPath are reference paths") {
  CHECK(problems(single_state(R"({"Type": "Wait", "SecondsPath": "seconds", "End": true})")) ==
        Lines{"x.asl.json: /States/A/SecondsPath: " +
              bad_path("seconds", dataflow::PathKind::kReferencePath)});
}

// --- Fail ------------------------------------------------------------------------------------

TEST_CASE("a Fail state has Error or ErrorPath, Cause or CausePath, not both") {
  CHECK(problems(single_state(R"({"Type": "Fail", "Error": "E", "ErrorPath": "$.error"})")) ==
        Lines{"x.asl.json: /States/A/ErrorPath: Error and ErrorPath cannot both be set"});
  CHECK(problems(single_state(R"({"Type": "Fail", "Cause": "C", "CausePath": "$.cause"})")) ==
        Lines{"x.asl.json: /States/A/CausePath: Cause and CausePath cannot both be set"});
}

TEST_CASE("ErrorPath and CausePath are reference paths or intrinsic function calls") {
  CHECK(
      problems(single_state(
          R"json({"Type": "Fail", "ErrorPath": "$.error", "CausePath": "States.Format('{}', $.why)"})json")) ==
      Lines{});
  CHECK(problems(single_state(R"({"Type": "Fail", "ErrorPath": "$.errors[*]"})")) ==
        Lines{"x.asl.json: /States/A/ErrorPath: " +
              bad_path("$.errors[*]", dataflow::PathKind::kReferencePath)});
  std::string call = "States.Format('{}'";
  REQUIRE(dataflow::is_intrinsic_call(call));
  std::string message = dataflow::check_intrinsic(call);
  REQUIRE_FALSE(message.empty());
  CHECK(problems(single_state(R"({"Type": "Fail", "CausePath": "States.Format('{}'"})")) ==
        Lines{"x.asl.json: /States/A/CausePath: " + message});
}

// --- Parallel and Map --------------------------------------------------------------------------

TEST_CASE("a Parallel state needs at least one branch") {
  CHECK(problems(single_state(R"({"Type": "Parallel", "Branches": [], "End": true})")) ==
        Lines{"x.asl.json: /States/A/Branches: a Parallel state needs at least one branch"});
}

std::string map_with(const std::string& fields) {
  return single_state(R"({"Type": "Map", "End": true, )" + fields + R"(, "ItemProcessor": {
      "StartAt": "Item", "States": {"Item": {"Type": "Succeed"}}}})");
}

std::string distributed_map_with(const std::string& fields) {
  return single_state(R"({"Type": "Map", "End": true, )" + fields + R"(, "ItemProcessor": {
      "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
      "StartAt": "Item", "States": {"Item": {"Type": "Succeed"}}}})");
}

TEST_CASE("MaxConcurrency is not negative") {
  CHECK(problems(map_with(R"("MaxConcurrency": -1)")) ==
        Lines{"x.asl.json: /States/A/MaxConcurrency: MaxConcurrency must not be negative (0 "
              "means no limit)"});
  CHECK(problems(map_with(R"("MaxConcurrency": 0)")) == Lines{});
  CHECK(problems(map_with(R"("MaxConcurrency": 2, "MaxConcurrencyPath": "$.limit")")) ==
        Lines{"x.asl.json: /States/A/MaxConcurrencyPath: MaxConcurrency and MaxConcurrencyPath "
              "cannot both be set"});
}

TEST_CASE("the tolerated failure thresholds stay in range") {
  CHECK(problems(distributed_map_with(R"("ToleratedFailurePercentage": 150)")) ==
        Lines{"x.asl.json: /States/A/ToleratedFailurePercentage: ToleratedFailurePercentage "
              "must be between 0 and 100"});
  CHECK(problems(distributed_map_with(R"("ToleratedFailurePercentage": 12.5)")) == Lines{});
  CHECK(problems(distributed_map_with(R"("ToleratedFailureCount": -1)")) ==
        Lines{"x.asl.json: /States/A/ToleratedFailureCount: ToleratedFailureCount must not be "
              "negative"});
}

TEST_CASE("ItemsPath is a reference path") {
  CHECK(problems(map_with(R"("ItemsPath": "$.items[?(@.ok)]")")) ==
        Lines{"x.asl.json: /States/A/ItemsPath: " +
              bad_path("$.items[?(@.ok)]", dataflow::PathKind::kReferencePath)});
}

// --- paths ---------------------------------------------------------------------------------------

TEST_CASE("InputPath and OutputPath are paths, ResultPath is a reference path") {
  CHECK(problems(single_state(R"({"Type": "Pass", "InputPath": "$.a[", "End": true})")) ==
        Lines{"x.asl.json: /States/A/InputPath: " + bad_path("$.a[", dataflow::PathKind::kPath)});
  CHECK(problems(single_state(R"({"Type": "Pass", "OutputPath": "a.b", "End": true})")) ==
        Lines{"x.asl.json: /States/A/OutputPath: " + bad_path("a.b", dataflow::PathKind::kPath)});
  CHECK(problems(single_state(R"({"Type": "Pass", "InputPath": "$.items[*].id", "End": true})")) ==
        Lines{});
  CHECK(problems(single_state(R"({"Type": "Pass", "ResultPath": "$.items[*]", "End": true})")) ==
        Lines{"x.asl.json: /States/A/ResultPath: " +
              bad_path("$.items[*]", dataflow::PathKind::kReferencePath)});
  CHECK(problems(task_with(R"("Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done",
                                         "ResultPath": "$..error"}])")) ==
        Lines{"x.asl.json: /States/A/Catch/0/ResultPath: " +
              bad_path("$..error", dataflow::PathKind::kReferencePath)});
}

TEST_CASE("null paths are accepted") {
  CHECK(
      problems(single_state(
          R"({"Type": "Pass", "InputPath": null, "ResultPath": null, "OutputPath": null, "End": true})")) ==
      Lines{});
}

// --- names
// -----------------------------------------------------------------------------------------

TEST_CASE("state names are at most 80 characters long") {
  std::string longest(80, 'n');
  CHECK(problems(R"({"StartAt": ")" + longest + R"(", "States": {")" + longest +
                 R"(": {"Type": "Succeed"}}})") == Lines{});
  std::string too_long(81, 'n');
  CHECK(problems(R"({"StartAt": ")" + too_long + R"(", "States": {")" + too_long +
                 R"(": {"Type": "Succeed"}}})") ==
        Lines{"x.asl.json: /States/" + too_long +
              ": state names must be at most 80 characters long; this one has 81"});
}

TEST_CASE("state name length counts characters, not bytes") {
  std::string name;
  for (int i = 0; i < 80; ++i) name += "\xC3\xA9";  // "é", two bytes in UTF-8
  CHECK(problems(R"({"StartAt": ")" + name + R"(", "States": {")" + name +
                 R"(": {"Type": "Succeed"}}})") == Lines{});
}

// --- machines built in code
// --------------------------------------------------------------------------

TEST_CASE("validate checks a machine built in code") {
  StateMachine machine;
  machine.start_at = "A";
  State state;
  state.name = "A";
  state.pointer = "/States/A";
  state.type = StateType::kPass;
  state.next = "B";
  machine.states.emplace("A", state);
  machine.state_order.push_back("A");
  Diagnostics diagnostics = validate(machine, "built.asl.json");
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0] == Diagnostic{"built.asl.json", "/States/A/Next", "no state named 'B'"});
}

}  // namespace
}  // namespace conflictctl::asl

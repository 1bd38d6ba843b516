#include "engine/choice.h"

#include <catch2/catch.hpp>

#include <string>

// Expected values come from the Amazon States Language specification ("Choice State") and the
// Step Functions developer guide ("Choice workflow state"); the examples are theirs.

namespace conflictctl::engine {
namespace {

// Builds a rule the way the parser does, so that the tests can quote ASL rules verbatim.
asl::ChoiceRule rule_from(const Json& json, const std::string& pointer = "") {
  asl::ChoiceRule rule;
  rule.pointer = pointer;
  for (const auto& [key, value] : json.items()) {
    if (key == "Next") {
      rule.next = value.get<std::string>();
    } else if (key == "Variable") {
      rule.variable = value.get<std::string>();
    } else if (key == "And" || key == "Or") {
      rule.op = key;
      for (const auto& child : value) rule.children.push_back(rule_from(child));
    } else if (key == "Not") {
      rule.op = key;
      rule.children.push_back(rule_from(value));
    } else {
      rule.op = key;
      rule.operand = value;
    }
  }
  return rule;
}

asl::ChoiceSpec choice_from(const Json& state) {
  asl::ChoiceSpec spec;
  for (const auto& rule : state.at("Choices")) spec.choices.push_back(rule_from(rule));
  if (state.contains("Default")) spec.default_next = state.at("Default").get<std::string>();
  return spec;
}

const Json kNoContext = Json::object();

bool eval(const char* rule, const char* input) {
  auto result = evaluate_rule(rule_from(Json::parse(rule)), Json::parse(input), kNoContext);
  if (!result) FAIL(result.error().name << ": " << result.error().cause);
  return *result;
}

Error eval_error(const char* rule, const char* input) {
  auto result = evaluate_rule(rule_from(Json::parse(rule), "/States/C/Choices/0"),
                              Json::parse(input), kNoContext);
  REQUIRE_FALSE(result.ok());
  return result.error();
}

std::string next_of(const asl::ChoiceSpec& spec, const char* input) {
  auto result = choose(spec, Json::parse(input), kNoContext);
  if (!result) FAIL(result.error().name << ": " << result.error().cause);
  return *result;
}

// The developer guide's example state.
const char* const kChoiceStateX = R"({
  "Type": "Choice",
  "Choices": [
    { "Not": { "Variable": "$.type", "StringEquals": "Private" }, "Next": "Public" },
    { "Variable": "$.value", "NumericEquals": 0, "Next": "ValueIsZero" },
    { "And": [ { "Variable": "$.value", "NumericGreaterThanEquals": 20 },
               { "Variable": "$.value", "NumericLessThan": 30 } ],
      "Next": "ValueInTwenties" }
  ],
  "Default": "DefaultState"
})";

// The specification's example state.
const char* const kDispatchEvent = R"({
  "Type" : "Choice",
  "Choices": [
    { "Not": { "Variable": "$.type", "StringEquals": "Private" }, "Next": "Public" },
    { "And": [ { "Variable": "$.value", "IsPresent": true },
               { "Variable": "$.value", "IsNumeric": true },
               { "Variable": "$.value", "NumericGreaterThanEquals": 20 },
               { "Variable": "$.value", "NumericLessThan": 30 } ],
      "Next": "ValueInTwenties" },
    { "Variable": "$.rating", "NumericGreaterThanPath": "$.auditThreshold", "Next": "StartAudit" }
  ],
  "Default": "RecordEvent"
})";

const std::string kInvalidPathSuffix =
    "': The choice state's condition path references an invalid value.";

}  // namespace

TEST_CASE("choose: the developer guide's ChoiceStateX example", "[choice]") {
  const auto spec = choice_from(Json::parse(kChoiceStateX));
  // Guide: with input {"type": "Private", "value": 22} the machine goes to ValueInTwenties.
  CHECK(next_of(spec, R"({"type": "Private", "value": 22})") == "ValueInTwenties");
  CHECK(next_of(spec, R"({"type": "Public", "value": 22})") == "Public");
  CHECK(next_of(spec, R"({"type": "Private", "value": 0})") == "ValueIsZero");
  CHECK(next_of(spec, R"({"type": "Private", "value": 30})") == "DefaultState");
}

TEST_CASE("choose: the specification's DispatchEvent example", "[choice]") {
  const auto spec = choice_from(Json::parse(kDispatchEvent));
  // Spec: input {"type": "Private", "value": 22} transitions to ValueInTwenties.
  CHECK(next_of(spec, R"({"type": "Private", "value": 22})") == "ValueInTwenties");
  // No "value": IsPresent is false, And stops there, the next rule is tried.
  CHECK(next_of(spec, R"({"type": "Private", "rating": 9, "auditThreshold": 5})") ==
        "StartAudit");
  CHECK(next_of(spec, R"({"type": "Private", "value": "22", "rating": 1, "auditThreshold": 5})") ==
        "RecordEvent");
}

TEST_CASE("choose: the first matching rule wins", "[choice]") {
  const auto spec = choice_from(Json::parse(R"({"Choices": [
      {"Variable": "$.n", "NumericGreaterThan": 1, "Next": "First"},
      {"Variable": "$.n", "NumericGreaterThan": 0, "Next": "Second"}],
    "Default": "Other"})"));
  CHECK(next_of(spec, R"({"n": 2})") == "First");
  CHECK(next_of(spec, R"({"n": 1})") == "Second");
  CHECK(next_of(spec, R"({"n": 0})") == "Other");
}

TEST_CASE("choose: no match and no Default is States.NoChoiceMatched", "[choice]") {
  auto state = Json::parse(kChoiceStateX);
  state.erase("Default");
  auto result = choose(choice_from(state), Json::parse(R"({"type": "Private", "value": 30})"),
                       kNoContext);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().name == "States.NoChoiceMatched");
  CHECK(result.error().cause ==
        "Failed to transition out of the state. The state does not point to a next state.");
}

TEST_CASE("choose: an absent Variable fails the state with States.Runtime", "[choice]") {
  const auto spec = choice_from(Json::parse(kChoiceStateX));
  auto result = choose(spec, Json::parse(R"({"value": 22})"), kNoContext);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error() == Error{"States.Runtime", "Invalid path '$.type" + kInvalidPathSuffix});
}

TEST_CASE("choose: an absent operand path fails the state with States.Runtime", "[choice]") {
  const auto spec = choice_from(Json::parse(kDispatchEvent));
  auto result = choose(spec, Json::parse(R"({"type": "Private", "rating": 9})"), kNoContext);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error() ==
        Error{"States.Runtime", "Invalid path '$.auditThreshold" + kInvalidPathSuffix});
}

TEST_CASE("String comparisons", "[choice]") {
  // Guide examples.
  CHECK(eval(R"({"Variable": "$.foo", "StringEquals": "MyString"})", R"({"foo": "MyString"})"));
  CHECK(eval(R"({"Variable": "$.foo", "StringGreaterThan": "MyStringABC"})",
             R"({"foo": "MyStringABD"})"));
  CHECK_FALSE(eval(R"({"Variable": "$.foo", "StringGreaterThan": "MyStringABC"})",
                   R"({"foo": "MyStringABC"})"));
  // "No special treatments such as case-folding, white-space collapsing".
  CHECK_FALSE(eval(R"({"Variable": "$.foo", "StringEquals": "MyString"})",
                   R"({"foo": "mystring"})"));
  CHECK_FALSE(eval(R"({"Variable": "$.foo", "StringEquals": "a b"})", R"({"foo": "a  b"})"));
  // Character by character: 'Z' (U+005A) before 'a' (U+0061); a prefix comes first.
  CHECK(eval(R"({"Variable": "$.s", "StringLessThan": "a"})", R"({"s": "Z"})"));
  CHECK(eval(R"({"Variable": "$.s", "StringLessThan": "abcd"})", R"({"s": "abc"})"));
  CHECK(eval(R"({"Variable": "$.s", "StringLessThanEquals": "abc"})", R"({"s": "abc"})"));
  CHECK_FALSE(eval(R"({"Variable": "$.s", "StringLessThan": "abc"})", R"({"s": "abc"})"));
  CHECK(eval(R"({"Variable": "$.s", "StringGreaterThanEquals": "abc"})", R"({"s": "abc"})"));
  CHECK(eval(R"({"Variable": "$.s", "StringGreaterThanEquals": "abc"})", R"({"s": "abd"})"));
  CHECK_FALSE(eval(R"({"Variable": "$.s", "StringGreaterThanEquals": "abc"})",
                   R"({"s": "abb"})"));
  // Not a string on either side: false.
  CHECK_FALSE(eval(R"({"Variable": "$.foo", "StringEquals": "1"})", R"({"foo": 1})"));
  CHECK_FALSE(eval(R"({"Variable": "$.foo", "StringLessThan": "b"})", R"({"foo": null})"));
}

TEST_CASE("String comparisons against another path", "[choice]") {
  // Guide: { "Variable": "$.foo", "StringEqualsPath": "$.bar" }.
  CHECK(eval(R"({"Variable": "$.foo", "StringEqualsPath": "$.bar"})",
             R"({"foo": "x", "bar": "x"})"));
  CHECK_FALSE(eval(R"({"Variable": "$.foo", "StringEqualsPath": "$.bar"})",
                   R"({"foo": "x", "bar": "y"})"));
  CHECK(eval(R"({"Variable": "$.a", "StringLessThanPath": "$.b"})", R"({"a": "x", "b": "y"})"));
  CHECK(eval(R"({"Variable": "$.a", "StringGreaterThanPath": "$.b"})",
             R"({"a": "y", "b": "x"})"));
  CHECK(eval(R"({"Variable": "$.a", "StringLessThanEqualsPath": "$.b"})",
             R"({"a": "x", "b": "x"})"));
  CHECK(eval(R"({"Variable": "$.a", "StringGreaterThanEqualsPath": "$.b"})",
             R"({"a": "x", "b": "x"})"));
  CHECK_FALSE(eval(R"({"Variable": "$.a", "StringEqualsPath": "$.b"})", R"({"a": "1", "b": 1})"));
  CHECK(eval_error(R"({"Variable": "$.a", "StringEqualsPath": "$.b"})", R"({"a": "x"})") ==
        Error{"States.Runtime", "Invalid path '$.b" + kInvalidPathSuffix});
}

TEST_CASE("StringMatches", "[choice]") {
  // Guide: { "Variable": "$.foo", "StringMatches": "log-*.txt" }.
  const char* log = R"({"Variable": "$.foo", "StringMatches": "log-*.txt"})";
  CHECK(eval(log, R"({"foo": "log-2024-01-01.txt"})"));
  CHECK(eval(log, R"({"foo": "log-.txt"})"));  // '*' matches zero characters
  CHECK_FALSE(eval(log, R"({"foo": "log-1.txt.gz"})"));
  CHECK_FALSE(eval(log, R"({"foo": "LOG-1.txt"})"));
  CHECK_FALSE(eval(log, R"({"foo": 7})"));
  // Spec: "foo*.log matches foo23.log, *.log matches zebra.log, and foo*.* matches
  // foobar.zebra. No characters other than "*" have any special meaning".
  CHECK(eval(R"({"Variable": "$.s", "StringMatches": "foo*.log"})", R"({"s": "foo23.log"})"));
  CHECK(eval(R"({"Variable": "$.s", "StringMatches": "*.log"})", R"({"s": "zebra.log"})"));
  CHECK(eval(R"({"Variable": "$.s", "StringMatches": "foo*.*"})", R"({"s": "foobar.zebra"})"));
  CHECK_FALSE(eval(R"({"Variable": "$.s", "StringMatches": "a?c"})", R"({"s": "abc"})"));
  CHECK(eval(R"({"Variable": "$.s", "StringMatches": "a?c"})", R"({"s": "a?c"})"));
  CHECK(eval(R"({"Variable": "$.s", "StringMatches": "*a*b*"})", R"({"s": "xxaxxbxx"})"));
  CHECK_FALSE(eval(R"({"Variable": "$.s", "StringMatches": "*a*b"})", R"({"s": "xxbxxa"})"));
  CHECK(eval(R"({"Variable": "$.s", "StringMatches": "*"})", R"({"s": ""})"));
}

TEST_CASE("StringMatches escapes", "[choice]") {
  // Spec: "The escaped string \\* represents *. The escaped string \\\\ represents \."
  const char* star = R"({"Variable": "$.s", "StringMatches": "a\\*"})";
  CHECK(eval(star, R"({"s": "a*"})"));
  CHECK_FALSE(eval(star, R"({"s": "ab"})"));
  const char* backslash = R"({"Variable": "$.s", "StringMatches": "a\\\\*"})";
  CHECK(eval(backslash, R"({"s": "a\\"})"));
  CHECK(eval(backslash, R"({"s": "a\\bc"})"));
  CHECK_FALSE(eval(backslash, R"({"s": "abc"})"));
  // "If an open escape backslash \ is found in the StringMatches string, the interpreter
  // will throw a runtime error."
  CHECK(eval_error(R"({"Variable": "$.s", "StringMatches": "a\\b"})", R"({"s": "ab"})") ==
        Error{"States.Runtime",
              "Invalid Choice rule at /States/C/Choices/0: StringMatches pattern 'a\\b' has an "
              "open escape backslash at character 2"});
  CHECK(eval_error(R"({"Variable": "$.s", "StringMatches": "a\\"})", R"({"s": "a"})").name ==
        "States.Runtime");
}

TEST_CASE("Numeric comparisons", "[choice]") {
  // Guide: { "Variable": "$.foo", "NumericEquals": 1 }.
  CHECK(eval(R"({"Variable": "$.foo", "NumericEquals": 1})", R"({"foo": 1})"));
  CHECK(eval(R"({"Variable": "$.foo", "NumericEquals": 1})", R"({"foo": 1.0})"));
  CHECK(eval(R"({"Variable": "$.foo", "NumericEquals": -1})", R"({"foo": -1})"));
  CHECK_FALSE(eval(R"({"Variable": "$.foo", "NumericEquals": 1})", R"({"foo": 2})"));
  CHECK(eval(R"({"Variable": "$.v", "NumericLessThan": 30})", R"({"v": 29.5})"));
  CHECK_FALSE(eval(R"({"Variable": "$.v", "NumericLessThan": 30})", R"({"v": 30})"));
  CHECK(eval(R"({"Variable": "$.v", "NumericLessThanEquals": 30})", R"({"v": 30})"));
  CHECK(eval(R"({"Variable": "$.v", "NumericGreaterThan": -5})", R"({"v": 0})"));
  CHECK_FALSE(eval(R"({"Variable": "$.v", "NumericGreaterThan": 0})", R"({"v": 0})"));
  CHECK(eval(R"({"Variable": "$.v", "NumericGreaterThanEquals": 20})", R"({"v": 20})"));
  CHECK_FALSE(eval(R"({"Variable": "$.v", "NumericGreaterThanEquals": 20})", R"({"v": 19.99})"));
  // "If the values are not both of the appropriate type … the comparison will return false."
  CHECK_FALSE(eval(R"({"Variable": "$.foo", "NumericEquals": 1})", R"({"foo": "1"})"));
  CHECK_FALSE(eval(R"({"Variable": "$.foo", "NumericEquals": 1})", R"({"foo": true})"));
  CHECK_FALSE(eval(R"({"Variable": "$.foo", "NumericLessThan": 1})", R"({"foo": null})"));
  CHECK_FALSE(eval(R"({"Variable": "$.foo", "NumericLessThan": 1})", R"({"foo": [0]})"));
}

TEST_CASE("Numeric comparisons of a rule built in code and of large integers", "[choice]") {
  asl::ChoiceRule rule;
  rule.variable = "$.n";
  rule.op = "NumericEquals";
  rule.operand = 5;  // stored signed, while the parsed input's 5 is stored unsigned
  CHECK(*evaluate_rule(rule, Json::parse(R"({"n": 5})"), kNoContext));
  rule.operand = -5;
  CHECK_FALSE(*evaluate_rule(rule, Json::parse(R"({"n": 18446744073709551611})"), kNoContext));
  // Integers inside binary64's exact range, 2^53 - 1 and 2^53 - 2, stay distinct.
  CHECK(eval(R"({"Variable": "$.n", "NumericGreaterThan": 9007199254740990})",
             R"({"n": 9007199254740991})"));
}

TEST_CASE("Numeric comparisons against another path", "[choice]") {
  CHECK(eval(R"({"Variable": "$.rating", "NumericGreaterThanPath": "$.auditThreshold"})",
             R"({"rating": 9, "auditThreshold": 5})"));
  CHECK(eval(R"({"Variable": "$.a", "NumericEqualsPath": "$.b"})", R"({"a": 2, "b": 2.0})"));
  CHECK(eval(R"({"Variable": "$.a", "NumericLessThanPath": "$.b"})", R"({"a": 1, "b": 2})"));
  CHECK(eval(R"({"Variable": "$.a", "NumericLessThanEqualsPath": "$.b"})",
             R"({"a": 2, "b": 2})"));
  CHECK(eval(R"({"Variable": "$.a", "NumericGreaterThanEqualsPath": "$.b"})",
             R"({"a": 2, "b": 2})"));
  CHECK_FALSE(eval(R"({"Variable": "$.a", "NumericEqualsPath": "$.b"})",
                   R"({"a": 2, "b": "2"})"));
}

TEST_CASE("BooleanEquals", "[choice]") {
  CHECK(eval(R"({"Variable": "$.ok", "BooleanEquals": true})", R"({"ok": true})"));
  CHECK(eval(R"({"Variable": "$.ok", "BooleanEquals": false})", R"({"ok": false})"));
  CHECK_FALSE(eval(R"({"Variable": "$.ok", "BooleanEquals": true})", R"({"ok": false})"));
  CHECK_FALSE(eval(R"({"Variable": "$.ok", "BooleanEquals": true})", R"({"ok": "true"})"));
  CHECK_FALSE(eval(R"({"Variable": "$.ok", "BooleanEquals": true})", R"({"ok": 1})"));
  CHECK(eval(R"({"Variable": "$.a", "BooleanEqualsPath": "$.b"})",
             R"({"a": false, "b": false})"));
  CHECK_FALSE(eval(R"({"Variable": "$.a", "BooleanEqualsPath": "$.b"})",
                   R"({"a": false, "b": true})"));
}

TEST_CASE("Timestamp comparisons", "[choice]") {
  // Guide: { "Variable": "$.foo", "TimestampEquals": "2001-01-01T12:00:00Z" }.
  const char* equals = R"({"Variable": "$.foo", "TimestampEquals": "2001-01-01T12:00:00Z"})";
  CHECK(eval(equals, R"({"foo": "2001-01-01T12:00:00Z"})"));
  CHECK(eval(equals, R"({"foo": "2001-01-01T12:00:00.000Z"})"));
  CHECK(eval(equals, R"({"foo": "2001-01-01T13:00:00+01:00"})"));  // the same instant
  CHECK_FALSE(eval(equals, R"({"foo": "2001-01-01T12:00:01Z"})"));
  // Not timestamps: false, not an error.
  CHECK_FALSE(eval(equals, R"({"foo": "2001-01-01 12:00:00"})"));
  CHECK_FALSE(eval(equals, R"({"foo": 978350400})"));
  // AWS: "An uppercase T must separate the date and time portions. An uppercase Z must
  // denote that a numeric time zone offset isn't present."
  CHECK_FALSE(eval(equals, R"({"foo": "2001-01-01t12:00:00Z"})"));
  CHECK_FALSE(eval(equals, R"({"foo": "2001-01-01T12:00:00z"})"));
  CHECK_FALSE(eval(equals, R"({"foo": "2001-01-01T12:00:00"})"));
  CHECK_FALSE(eval(R"({"Variable": "$.t", "TimestampEquals": "yesterday"})",
                   R"({"t": "yesterday"})"));
  const char* t = R"({"t": "2016-03-14T01:59:00Z"})";
  CHECK(eval(R"({"Variable": "$.t", "TimestampLessThan": "2016-03-14T02:00:00Z"})", t));
  CHECK_FALSE(eval(R"({"Variable": "$.t", "TimestampLessThan": "2016-03-14T01:59:00Z"})", t));
  CHECK(eval(R"({"Variable": "$.t", "TimestampLessThanEquals": "2016-03-14T01:59:00Z"})", t));
  CHECK(eval(R"({"Variable": "$.t", "TimestampGreaterThan": "2016-03-13T23:59:59Z"})", t));
  CHECK(eval(R"({"Variable": "$.t", "TimestampGreaterThanEquals": "2016-03-14T01:59:00Z"})", t));
  CHECK_FALSE(
      eval(R"({"Variable": "$.t", "TimestampGreaterThanEquals": "2016-03-14T01:59:01Z"})", t));
}

TEST_CASE("Timestamp comparisons against another path", "[choice]") {
  const char* input = R"({"a": "2016-03-14T01:59:00Z", "b": "2016-03-14T02:00:00Z"})";
  CHECK(eval(R"({"Variable": "$.a", "TimestampLessThanPath": "$.b"})", input));
  CHECK(eval(R"({"Variable": "$.b", "TimestampGreaterThanPath": "$.a"})", input));
  CHECK(eval(R"({"Variable": "$.a", "TimestampEqualsPath": "$.a"})", input));
  CHECK(eval(R"({"Variable": "$.a", "TimestampLessThanEqualsPath": "$.b"})", input));
  CHECK(eval(R"({"Variable": "$.b", "TimestampGreaterThanEqualsPath": "$.a"})", input));
}

TEST_CASE("Type tests", "[choice]") {
  // Guide: { "Variable": "$.possiblyNullValue", "IsNull": true }.
  CHECK(eval(R"({"Variable": "$.possiblyNullValue", "IsNull": true})",
             R"({"possiblyNullValue": null})"));
  CHECK_FALSE(eval(R"({"Variable": "$.possiblyNullValue", "IsNull": true})",
                   R"({"possiblyNullValue": 0})"));
  CHECK(eval(R"({"Variable": "$.v", "IsNull": false})", R"({"v": "null"})"));
  CHECK(eval(R"({"Variable": "$.v", "IsNumeric": true})", R"({"v": -1.5})"));
  CHECK_FALSE(eval(R"({"Variable": "$.v", "IsNumeric": true})", R"({"v": "22"})"));
  CHECK(eval(R"({"Variable": "$.v", "IsNumeric": false})", R"({"v": "22"})"));
  CHECK(eval(R"({"Variable": "$.v", "IsString": true})", R"({"v": ""})"));
  CHECK_FALSE(eval(R"({"Variable": "$.v", "IsString": true})", R"({"v": {}})"));
  CHECK(eval(R"({"Variable": "$.v", "IsBoolean": true})", R"({"v": false})"));
  CHECK_FALSE(eval(R"({"Variable": "$.v", "IsBoolean": true})", R"({"v": "false"})"));
  CHECK(eval(R"({"Variable": "$.v", "IsTimestamp": true})", R"({"v": "2016-03-14T01:59:00Z"})"));
  CHECK_FALSE(eval(R"({"Variable": "$.v", "IsTimestamp": true})", R"({"v": "2016-03-14"})"));
  CHECK_FALSE(eval(R"({"Variable": "$.v", "IsTimestamp": true})",
                   R"({"v": "2016-03-14t01:59:00z"})"));
  CHECK(eval(R"({"Variable": "$.v", "IsTimestamp": true})",
             R"({"v": "2016-03-14T01:59:00+01:00"})"));
  CHECK(eval(R"({"Variable": "$.v", "IsTimestamp": false})", R"({"v": 1457920740})"));
}

TEST_CASE("IsPresent", "[choice]") {
  // Spec: "if the Variable-field Path fails to match anything in the input no exception is
  // thrown and the Choice Rule just returns false."
  CHECK_FALSE(eval(R"({"Variable": "$.missing", "IsPresent": true})", R"({})"));
  CHECK(eval(R"({"Variable": "$.missing", "IsPresent": false})", R"({})"));
  CHECK(eval(R"({"Variable": "$.a.b", "IsPresent": false})", R"({"a": 1})"));
  CHECK(eval(R"({"Variable": "$.v", "IsPresent": true})", R"({"v": null})"));
  CHECK_FALSE(eval(R"({"Variable": "$.v", "IsPresent": false})", R"({"v": null})"));
}

TEST_CASE("Only IsPresent tolerates an absent Variable", "[choice]") {
  for (const char* rule : {R"({"Variable": "$.missing", "IsNull": true})",
                           R"({"Variable": "$.missing", "IsNull": false})",
                           R"({"Variable": "$.missing", "StringEquals": "x"})",
                           R"({"Variable": "$.missing", "StringMatches": "*"})",
                           R"({"Variable": "$.missing", "BooleanEquals": true})",
                           R"({"Variable": "$.missing", "TimestampEquals": "2016-03-14T01:59:00Z"})",
                           R"({"Variable": "$.missing", "NumericEqualsPath": "$.n"})"}) {
    CAPTURE(rule);
    CHECK(eval_error(rule, R"({"n": 1})") ==
          Error{"States.Runtime", "Invalid path '$.missing" + kInvalidPathSuffix});
  }
}

TEST_CASE("And Or Not", "[choice]") {
  // Guide: the StringEquals rule "is only evaluated when $.keyThatMightNotExist exists
  // because of the preceding IsPresent Choice Rule".
  const char* guarded = R"({"And": [
      {"Variable": "$.keyThatMightNotExist", "IsPresent": true},
      {"Variable": "$.keyThatMightNotExist", "StringEquals": "foo"}]})";
  CHECK_FALSE(eval(guarded, R"({})"));
  CHECK(eval(guarded, R"({"keyThatMightNotExist": "foo"})"));
  CHECK_FALSE(eval(guarded, R"({"keyThatMightNotExist": "bar"})"));

  const char* either = R"({"Or": [
      {"Variable": "$.a", "IsPresent": true},
      {"Variable": "$.b", "NumericEquals": 1}]})";
  CHECK(eval(either, R"({"a": 0})"));  // stops at the first true: $.b is never read
  CHECK(eval(either, R"({"b": 1})"));
  CHECK_FALSE(eval(either, R"({"b": 2})"));
  CHECK(eval_error(either, R"({})").cause == "Invalid path '$.b" + kInvalidPathSuffix);

  CHECK(eval(R"({"Not": {"Variable": "$.type", "StringEquals": "Private"}})",
             R"({"type": "Public"})"));
  CHECK_FALSE(eval(R"({"Not": {"Variable": "$.type", "StringEquals": "Private"}})",
                   R"({"type": "Private"})"));
  CHECK(eval(R"({"Not": {"Not": {"Variable": "$.v", "IsPresent": true}}})", R"({"v": 1})"));
  CHECK(eval(R"({"And": [{"Or": [{"Variable": "$.v", "NumericEquals": 1},
                                  {"Variable": "$.v", "NumericEquals": 2}]},
                          {"Not": {"Variable": "$.w", "IsPresent": true}}]})",
             R"({"v": 2})"));
}

TEST_CASE("Variables on the context object and whole-input paths", "[choice]") {
  auto rule = rule_from(Json::parse(R"({"Variable": "$$.Execution.Name", "StringEquals": "e1"})"));
  const auto context = Json::parse(R"({"Execution": {"Name": "e1"}})");
  CHECK(*evaluate_rule(rule, Json::object(), context));
  // The Variable may be the whole input, which need not be an object.
  CHECK(eval(R"({"Variable": "$", "StringEquals": "No messages"})", R"("No messages")"));
  CHECK(eval(R"({"Variable": "$.items[1]", "NumericEquals": 20})", R"({"items": [10, 20]})"));
}

TEST_CASE("Rules the validator should have refused fail with States.Runtime", "[choice]") {
  CHECK(eval_error(R"({"Variable": "$.v", "StringContains": "x"})", R"({"v": "x"})") ==
        Error{"States.Runtime",
              "Invalid Choice rule at /States/C/Choices/0: unknown comparison operator "
              "'StringContains'"});
  CHECK(eval_error(R"({"Variable": "$.v", "BooleanLessThan": true})", R"({"v": true})").cause ==
        "Invalid Choice rule at /States/C/Choices/0: unknown comparison operator "
        "'BooleanLessThan'");
  CHECK(eval_error(R"({"Variable": "$.v", "IsNull": "yes"})", R"({"v": null})").cause ==
        "Invalid Choice rule at /States/C/Choices/0: IsNull needs true or false, got \"yes\"");
  CHECK(eval_error(R"({"Variable": "$.v", "NumericEqualsPath": 3})", R"({"v": 3})").cause ==
        "Invalid Choice rule at /States/C/Choices/0: NumericEqualsPath needs a reference path, "
        "got 3");
}

}  // namespace conflictctl::engine

#include "budget/rule_text.h"

#include <catch2/catch.hpp>

#include "asl/parser.h"

namespace conflictctl::budget {
namespace {

// The short form of the only rule of a Choice state with `rule` (without Next).
std::string text_of(const std::string& rule) {
  auto loaded = asl::parse_definition(
      R"({"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [)" +
          rule.substr(0, rule.size() - 1) + R"(, "Next": "D"}]}, "D": {"Type": "Succeed"}}})",
      "test.asl.json");
  for (const auto& diagnostic : loaded.diagnostics) FAIL(diagnostic.to_string());
  const auto& choice = std::get<asl::ChoiceSpec>(loaded.machine->states.at("C").spec);
  return rule_text(choice.choices.at(0));
}

}  // namespace

TEST_CASE("comparisons read as operators") {
  CHECK(text_of(R"({"Variable": "$.ok", "BooleanEquals": true})") == "$.ok == true");
  CHECK(text_of(R"({"Variable": "$.n", "NumericGreaterThan": 0})") == "$.n > 0");
  CHECK(text_of(R"({"Variable": "$.n", "NumericLessThanEquals": 2.5})") == "$.n <= 2.5");
  CHECK(text_of(R"({"Variable": "$.s", "StringEquals": "done"})") == R"($.s == "done")");
  CHECK(text_of(R"({"Variable": "$.s", "StringMatches": "log-*"})") == R"($.s matches "log-*")");
  CHECK(text_of(R"({"Variable": "$.t", "TimestampGreaterThanEqualsPath": "$.since"})") ==
        "$.t >= $.since");
}

TEST_CASE("type tests read as sentences") {
  CHECK(text_of(R"({"Variable": "$.x", "IsPresent": true})") == "$.x is present");
  CHECK(text_of(R"({"Variable": "$.x", "IsNull": false})") == "$.x is not null");
}

TEST_CASE("And, Or and Not combine in parentheses") {
  CHECK(text_of(R"({"Not": {"Variable": "$.n", "NumericEquals": 1}})") == "not ($.n == 1)");
  CHECK(text_of(R"({"Or": [{"Variable": "$.a", "BooleanEquals": true},
                          {"Variable": "$.b", "BooleanEquals": false}]})") ==
        "($.a == true) or ($.b == false)");
}

}  // namespace conflictctl::budget

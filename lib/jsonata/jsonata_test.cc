#include "jsonata/jsonata.h"

#include <catch2/catch.hpp>

using namespace conflictctl;
using namespace conflictctl::jsonata;

namespace {

const Json kAddress = Json::parse(R"({
  "FirstName": "Fred", "Surname": "Smith", "Age": 28,
  "Address": {"Street": "Hursley Park", "City": "Winchester", "Postcode": "SO21 2JN"},
  "Phone": [
    {"type": "home", "number": "0203 544 1234"},
    {"type": "office", "number": "01962 001234"},
    {"type": "office", "number": "01962 001235"},
    {"type": "mobile", "number": "077 7700 1234"}],
  "Email": [
    {"type": "work", "address": ["fred.smith@my-work.com", "fsmith@my-work.com"]},
    {"type": "home", "address": ["freddy@my-social.com", "frederic.smith@very-serious.com"]}],
  "Other": {"Over 18 ?": true, "Misc": null, "Alternative.Address": {"Street": "Brick Lane",
    "City": "London", "Postcode": "E1 6RF"}}
})");

Json eval_ok(std::string_view text, const Json& input = kAddress, const Environment& env = {}) {
  Result<Value> result = evaluate(text, input, env);
  INFO(text);
  if (!result) FAIL(result.error());
  REQUIRE(result->has_value());
  return **result;
}

std::string error_code(std::string_view text, const Json& input = kAddress) {
  Result<Value> result = evaluate(text, input);
  INFO(text);
  REQUIRE(!result.ok());
  return result.error().name;
}

bool undefined(std::string_view text, const Json& input = kAddress) {
  Result<Value> result = evaluate(text, input);
  INFO(text);
  if (!result) FAIL(result.error());
  return !result->has_value();
}

}  // namespace

TEST_CASE("jsonata: simple paths from the documentation") {
  CHECK(eval_ok("Surname") == "Smith");
  CHECK(eval_ok("Age") == 28);
  CHECK(eval_ok("Address.City") == "Winchester");
  CHECK(eval_ok("Other.Misc") == nullptr);
  CHECK(undefined("Other.Nothing"));
  CHECK(eval_ok("Other.`Over 18 ?`") == true);
  CHECK(eval_ok("Phone[0]") == Json::parse(R"({"type": "home", "number": "0203 544 1234"})"));
  CHECK(eval_ok("Phone[1].number") == "01962 001234");
  CHECK(eval_ok("Phone[-1].number") == "077 7700 1234");
  CHECK(undefined("Phone[8].number"));
  CHECK(eval_ok("Phone[[0..1]].number") == Json::parse(R"(["0203 544 1234", "01962 001234"])"));
  CHECK(eval_ok("Phone.number[0]") == Json::parse(R"(["0203 544 1234", "01962 001234",
      "01962 001235", "077 7700 1234"])"));
  CHECK(eval_ok("(Phone.number)[0]") == "0203 544 1234");
  CHECK(eval_ok("Phone[type='mobile'].number") == "077 7700 1234");
  CHECK(eval_ok("Phone[type='office'].number") == Json::parse(R"(["01962 001234", "01962 001235"])"));
  CHECK(eval_ok("Email.address") == Json::parse(R"(["fred.smith@my-work.com",
      "fsmith@my-work.com", "freddy@my-social.com", "frederic.smith@very-serious.com"])"));
  CHECK(eval_ok("Phone[type='mobile'].number[]") == Json::parse(R"(["077 7700 1234"])"));
  CHECK(eval_ok("Address.*") == Json::parse(R"(["Hursley Park", "Winchester", "SO21 2JN"])"));
  CHECK(eval_ok("*.Postcode") == "SO21 2JN");
  CHECK(eval_ok("**.Postcode") == Json::parse(R"(["SO21 2JN", "E1 6RF"])"));
}

TEST_CASE("jsonata: arrays at the top level") {
  const Json input = Json::parse(R"([{"ref": [1, 2]}, {"ref": [3, 4]}])");
  CHECK(eval_ok("$[0]", input) == Json::parse(R"({"ref": [1, 2]})"));
  CHECK(eval_ok("$[0].ref", input) == Json::parse("[1, 2]"));
  CHECK(eval_ok("$[0].ref[0]", input) == 1);
  CHECK(eval_ok("$.ref", input) == Json::parse("[1, 2, 3, 4]"));
  CHECK(eval_ok("$", input) == input);
  CHECK(eval_ok("$.ref[0]", input) == Json::parse("[1, 3]"));
}

TEST_CASE("jsonata: operators") {
  CHECK(eval_ok("1 + 2 * 3", nullptr) == 7);
  CHECK(eval_ok("7 % 3", nullptr) == 1);
  CHECK(eval_ok("0.1 + 0.2", nullptr) == 0.30000000000000004);
  CHECK(eval_ok("5 / 2", nullptr) == 2.5);
  CHECK(eval_ok("\"Hello\" & \" \" & \"World\"", nullptr) == "Hello World");
  CHECK(eval_ok("1 < 2 and 2 < 3", nullptr) == true);
  CHECK(eval_ok("\"a\" in [\"a\", \"b\"]", nullptr) == true);
  CHECK(eval_ok("[1..5]", nullptr) == Json::parse("[1,2,3,4,5]"));
  CHECK(eval_ok("Age > 18 ? \"adult\" : \"minor\"") == "adult");
  CHECK(eval_ok("Nothing ?: \"default\"") == "default");
  CHECK(eval_ok("Nothing ?? 42") == 42);
  CHECK(eval_ok("Other.Misc ?? 42") == nullptr);
  CHECK(eval_ok("($x := 5; $y := 6; $x * $y)", nullptr) == 30);
  CHECK(eval_ok("-Age") == -28);
  CHECK(eval_ok("1 = 1.0", nullptr) == true);
  CHECK(eval_ok("{\"a\": [1, {\"b\": 2}]} = {\"a\": [1, {\"b\": 2}]}", nullptr) == true);
}

TEST_CASE("jsonata: functions and lambdas") {
  CHECK(eval_ok("$sum([1, 2, 3])", nullptr) == 6);
  CHECK(eval_ok("$count(Phone)") == 4);
  CHECK(eval_ok("$string(0.1 + 0.2)", nullptr) == "0.3");
  CHECK(eval_ok("$string(1e21)", nullptr) == "1e+21");
  CHECK(eval_ok("$string({\"a\": [1, true, null]})", nullptr) == "{\"a\":[1,true,null]}");
  CHECK(eval_ok("$uppercase(Surname)") == "SMITH");
  CHECK(eval_ok("$substring(\"Hello World\", 3, 5)", nullptr) == "lo Wo");
  CHECK(eval_ok("$substring(\"Hello World\", -4)", nullptr) == "orld");
  CHECK(eval_ok("$join([\"a\", \"b\"], \"-\")", nullptr) == "a-b");
  CHECK(eval_ok("$split(\"a,b,c\", \",\")", nullptr) == Json::parse(R"(["a", "b", "c"])"));
  CHECK(eval_ok("$map([1, 2, 3], function($v) { $v * 2 })", nullptr) == Json::parse("[2,4,6]"));
  CHECK(eval_ok("$filter([1, 2, 3, 4], function($v) { $v % 2 = 0 })", nullptr) ==
        Json::parse("[2,4]"));
  CHECK(eval_ok("$reduce([1, 2, 3, 4], function($a, $b) { $a + $b })", nullptr) == 10);
  CHECK(eval_ok("$round(2.5)", nullptr) == 2);
  CHECK(eval_ok("$round(3.5)", nullptr) == 4);
  CHECK(eval_ok("$round(1.255, 2)", nullptr) == 1.26);
  CHECK(eval_ok("($f := function($n) { $n <= 1 ? 1 : $n * $f($n - 1) }; $f(10))", nullptr) ==
        3628800);
  CHECK(eval_ok("$replace(\"hello world\", /o/, \"0\")", nullptr) == "hell0 w0rld");
  CHECK(eval_ok("$match(\"ab12cd34\", /[0-9]+/).match", nullptr) == Json::parse(R"(["12","34"])"));
  CHECK(eval_ok("Phone^(>number)[0].number") == "077 7700 1234");
  CHECK(eval_ok("Phone{type: number}") == Json::parse(R"({"home": "0203 544 1234",
      "office": ["01962 001234", "01962 001235"], "mobile": "077 7700 1234"})"));
  CHECK(eval_ok("$fromMillis(1510067557121)", nullptr) == "2017-11-07T15:12:37.121Z");
  CHECK(eval_ok("$toMillis(\"2017-11-07T15:12:37.121Z\")", nullptr) == 1510067557121);
}

TEST_CASE("jsonata: errors carry jsonata-js's codes") {
  CHECK(error_code("1 +") == "S0207");
  CHECK(error_code("\"abc") == "S0101");
  CHECK(error_code("Age + Surname") == "T2002");
  CHECK(error_code("$number(\"x\")") == "D3030");
  CHECK(error_code("[1..10000000000]") == "D2014");
  CHECK(error_code("$sum(\"a\")") == "T0410");
  CHECK(error_code("($f := function($n){ $n + $f($n) }; $f(1))") == "U1001");
  CHECK(error_code("($f := function($n){ $f($n) }; $f(1))") == "U1001");
}

#include "dataflow/typed_path.h"

#include <catch2/catch.hpp>

namespace conflictctl::dataflow {
namespace {

const Json kContext = Json::object();

std::string cause_of(const Result<Json>& result) {
  REQUIRE_FALSE(result);
  CHECK(result.error().name == "States.Runtime");
  return result.error().cause;
}

TEST_CASE("a value of the required type is returned as selected") {
  Json input = Json::parse(R"({"n": 5, "f": 0.5, "s": "x", "a": [1], "t": "2026-12-06T10:00:00Z"})");
  CHECK(*evaluate_path_as("F", "$.n", input, kContext, PathType::integer(0, 10)) == 5);
  CHECK(*evaluate_path_as("F", "$.f", input, kContext, PathType::number(0, 1)) == 0.5);
  CHECK(*evaluate_path_as("F", "$.s", input, kContext, PathType::string()) == "x");
  CHECK(*evaluate_path_as("F", "$.a", input, kContext, PathType::array()) == Json::array({1}));
  CHECK(*evaluate_path_as("F", "$.t", input, kContext, PathType::timestamp()) ==
        "2026-12-06T10:00:00Z");
}

TEST_CASE("every wrong type gets the one message shape that names the field and the path and the value") {
  Json input = Json::parse(R"({"n": 5, "f": 0.5, "s": "x", "neg": -1})");
  CHECK(cause_of(evaluate_path_as("SecondsPath", "$.neg", input, kContext,
                                  PathType::integer(0, 99999999))) ==
        "The SecondsPath '$.neg' must select an integer from 0 to 99999999, but selected -1.");
  CHECK(cause_of(evaluate_path_as("MaxConcurrencyPath", "$.f", input, kContext,
                                  PathType::integer(0, 1e9))) ==
        "The MaxConcurrencyPath '$.f' must select an integer from 0 to 1000000000, but "
        "selected 0.5.");
  CHECK(cause_of(evaluate_path_as("ToleratedFailurePercentagePath", "$.s", input, kContext,
                                  PathType::number(0, 100))) ==
        "The ToleratedFailurePercentagePath '$.s' must select a number from 0 to 100, but "
        "selected \"x\".");
  CHECK(cause_of(evaluate_path_as("ErrorPath", "$.n", input, kContext, PathType::string())) ==
        "The ErrorPath '$.n' must select a string, but selected 5.");
  CHECK(cause_of(evaluate_path_as("ItemsPath", "$", input, kContext, PathType::array())) ==
        R"(The ItemsPath '$' must select a JSON array, but selected {"n":5,"f":0.5,"s":"x","neg":-1}.)");
  CHECK(cause_of(evaluate_path_as("TimestampPath", "$.s", input, kContext,
                                  PathType::timestamp())) ==
        "The TimestampPath '$.s' must select an RFC 3339 timestamp, but selected \"x\".");
}

TEST_CASE("numbers outside the range and huge values are refused") {
  Json input = Json::parse(R"({"big": 1e300})");
  CHECK_FALSE(evaluate_path_as("F", "$.big", input, kContext, PathType::integer(0, 99999999)));
  CHECK_FALSE(evaluate_path_as("F", "$.big", input, kContext, PathType::number(0, 100)));
}

TEST_CASE("a path that names nothing fails as evaluate_path does") {
  CHECK(cause_of(evaluate_path_as("SecondsPath", "$.missing", Json::object(), kContext,
                                  PathType::integer(0, 10))) ==
        "Invalid path '$.missing' : No results for path: $['missing']");
}

TEST_CASE("require_type checks a value the caller selected itself") {
  CHECK(*require_type("CausePath", "States.Format('x')", Json("x"), PathType::string()) == "x");
  CHECK(cause_of(require_type("CausePath", "States.ArrayLength($.a)", Json(3),
                              PathType::string())) ==
        "The CausePath 'States.ArrayLength($.a)' must select a string, but selected 3.");
}

}  // namespace
}  // namespace conflictctl::dataflow

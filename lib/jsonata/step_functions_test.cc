// The functions Step Functions adds to JSONata (step_functions.h).
#include "jsonata/step_functions.h"

#include <catch2/catch.hpp>

using namespace conflictctl;
using namespace conflictctl::jsonata;

namespace {

Result<Value> run(std::string_view text, Random& random) {
  Environment env;
  env.functions = step_functions_library(random);
  env.random = &random;
  return evaluate(text, std::nullopt, env);
}

Json value_of(std::string_view text) {
  Random random(1);
  Result<Value> r = run(text, random);
  INFO(text);
  if (!r) FAIL(r.error());
  REQUIRE(r->has_value());
  return **r;
}

std::string error_of(std::string_view text) {
  Random random(1);
  Result<Value> r = run(text, random);
  INFO(text);
  REQUIRE_FALSE(r.ok());
  return r.error().name;
}

}  // namespace

TEST_CASE("jsonata step functions: $partition splits an array into chunks") {
  CHECK(value_of("$partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)") ==
        Json::parse("[[1, 2, 3], [4, 5, 6], [7, 8, 9]]"));
  CHECK(value_of("$partition([1, 2, 3, 4, 5], 2)") == Json::parse("[[1, 2], [3, 4], [5]]"));
  CHECK(value_of("$partition([], 2)") == Json::array());
  CHECK(error_of("$partition([1], 0)") == "States.QueryEvaluationError");
  CHECK(error_of("$partition([1], 1.5)") == "States.QueryEvaluationError");
}

TEST_CASE("jsonata step functions: $range counts up or down, end included") {
  CHECK(value_of("$range(0, 10, 2)") == Json::parse("[0, 2, 4, 6, 8, 10]"));
  CHECK(value_of("$range(1, 4, 1)") == Json::parse("[1, 2, 3, 4]"));
  CHECK(value_of("$range(5, 1, -2)") == Json::parse("[5, 3, 1]"));
  CHECK(value_of("$range(1, 0, 1)") == Json::array());
  CHECK(error_of("$range(0, 10, 0)") == "States.QueryEvaluationError");
  CHECK(error_of("$range(0, 100000, 1)") == "States.QueryEvaluationError");
}

TEST_CASE("jsonata step functions: $hash digests a string") {
  CHECK(value_of("$hash('input data', 'SHA-1')") == "aaff4a450a104cd177d28d18d74485e8cae074b7");
  CHECK(value_of("$hash('', 'MD5')") == "d41d8cd98f00b204e9800998ecf8427e");
  CHECK(error_of("$hash('x', 'SHA-3')") == "States.QueryEvaluationError");
}

TEST_CASE("jsonata step functions: $random with a seed repeats, $uuid and $parse") {
  const Json seeded = value_of("[$random(7), $random(7)]");
  CHECK(seeded[0] == seeded[1]);
  CHECK(seeded[0].get<double>() >= 0);
  CHECK(seeded[0].get<double>() < 1);
  const Json uuid = value_of("$uuid()");
  CHECK(uuid.get<std::string>().size() == 36);
  CHECK(uuid.get<std::string>()[14] == '4');
  CHECK(value_of("$parse('{\"a\": [1, 2]}').a[1]") == 2);
  CHECK(error_of("$parse('{')") == "States.QueryEvaluationError");
}

TEST_CASE("jsonata step functions: $eval is not offered") {
  CHECK(error_of("$eval('1 + 2')") == "States.QueryEvaluationError");
}

#include "core/json_text.h"

#include <catch2/catch.hpp>

namespace conflictctl {
namespace {

std::string nested_arrays(int depth) {
  return std::string(static_cast<std::size_t>(depth), '[') +
         std::string(static_cast<std::size_t>(depth), ']');
}

TEST_CASE("parse_json_text reads valid JSON") {
  const Result<Json> parsed = parse_json_text(R"({"a": [1, "x]]]"]})", "--input");
  REQUIRE(parsed.ok());
  CHECK(*parsed == Json::parse(R"({"a": [1, "x]]]"]})"));
}

TEST_CASE("parse_json_text names the source, line and column of a syntax error") {
  const Result<Json> parsed = parse_json_text("{\n  \"a\": tru\n}", "input.json");
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().cause.starts_with("input.json:2:"));
  CHECK(parsed.error().cause.find("not valid JSON: syntax error while parsing value") !=
        std::string::npos);
}

TEST_CASE("a number too large for a double is an error, not an exception (found by fuzzing)") {
  const Result<Json> parsed = parse_json_text(R"({"n": 1e400})", "--input");
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error() ==
        Error{"", "--input: not valid JSON: number overflow parsing '1e400'"});
}

TEST_CASE("a 50,000-deep array is refused with a message, not a stack overflow") {
  const Result<Json> parsed = parse_json_text(nested_arrays(50000), "deep.json");
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error() == Error{"", "deep.json:1:513: JSON nested more than 512 levels deep"});
}

TEST_CASE("nesting up to the limit is accepted, brackets inside strings do not count") {
  CHECK(parse_json_text(nested_arrays(kMaxJsonDepth), "x").ok());
  CHECK_FALSE(parse_json_text(nested_arrays(kMaxJsonDepth + 1), "x").ok());
  const std::string in_string = "[\"" + std::string(1000, '[') + "\\\"\"]";
  CHECK(parse_json_text(in_string, "x").ok());
}

}  // namespace
}  // namespace conflictctl

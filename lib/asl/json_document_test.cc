#include "asl/json_document.h"

#include <catch2/catch.hpp>

#include "asl/limits.h"

namespace conflictctl::asl {
namespace {

TEST_CASE("valid JSON is read with its keys in document order") {
  JsonDocument document = read_json_document(R"({"b": 1, "a": [true, null, "x", 2.5]})", "f");
  REQUIRE(document.parsed);
  CHECK(document.diagnostics.empty());
  CHECK(document.value.dump() == R"({"b":1,"a":[true,null,"x",2.5]})");
}

TEST_CASE("a syntax error is located by line and column") {
  JsonDocument document = read_json_document("{\n  \"a\": tru\n}", "f.json");
  CHECK_FALSE(document.parsed);
  CHECK(document.value.is_null());
  REQUIRE(document.diagnostics.size() == 1);
  const Diagnostic& diagnostic = document.diagnostics[0];
  CHECK(diagnostic.file == "f.json");
  CHECK(diagnostic.line == 2);
  CHECK(diagnostic.column == 11);
  CHECK(diagnostic.message == "syntax error while parsing value - invalid literal");
}

TEST_CASE("what the parser expected stays in the message") {
  JsonDocument document = read_json_document("{x}", "f");
  REQUIRE(document.diagnostics.size() == 1);
  CHECK(document.diagnostics[0].column == 2);
  CHECK(document.diagnostics[0].message ==
        "syntax error while parsing object key - invalid literal; expected string literal");
}

TEST_CASE("columns count characters, not bytes") {
  JsonDocument document = read_json_document("[\"\xC3\xA9\xC3\xA9\" x]", "f");
  REQUIRE(document.diagnostics.size() == 1);
  CHECK(document.diagnostics[0].line == 1);
  CHECK(document.diagnostics[0].column == 7);
}

TEST_CASE("trailing content is a syntax error") {
  JsonDocument document = read_json_document("{} {}", "f");
  CHECK_FALSE(document.parsed);
  REQUIRE(document.diagnostics.size() == 1);
  CHECK(document.diagnostics[0].column == 4);
  CHECK(document.diagnostics[0].message ==
        "syntax error while parsing value - unexpected '{'; expected end of input");
}

TEST_CASE("duplicate keys are reported at their pointer and the last value is kept") {
  JsonDocument document =
      read_json_document(R"({"a": {"x": 1, "x": 2}, "list": [{"y/z": 0, "y/z": 1}]})", "f");
  REQUIRE(document.parsed);
  CHECK(document.value["a"]["x"] == 2);
  CHECK(document.value["list"][0]["y/z"] == 1);
  CHECK(document.diagnostics ==
        Diagnostics{{"f", "/a/x", "duplicate key 'x'; only the last one is kept"},
                    {"f", "/list/0/y~1z", "duplicate key 'y/z'; only the last one is kept"}});
}

TEST_CASE("nesting deeper than the limit is refused") {
  std::string deep(limits::kMaxJsonDepth + 1, '[');
  deep += std::string(limits::kMaxJsonDepth + 1, ']');
  JsonDocument document = read_json_document(deep, "f");
  CHECK_FALSE(document.parsed);
  CHECK(document.diagnostics == Diagnostics{{"f", "", "JSON nested more than 512 levels deep"}});

  std::string allowed(limits::kMaxJsonDepth, '[');
  allowed += std::string(limits::kMaxJsonDepth, ']');
  CHECK(read_json_document(allowed, "f").parsed);
}

}  // namespace
}  // namespace conflictctl::asl

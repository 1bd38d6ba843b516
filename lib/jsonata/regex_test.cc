// Regular expressions on PCRE2 (regex.h).
#include "jsonata/regex.h"

#include <catch2/catch.hpp>

using namespace conflictctl;
using namespace conflictctl::jsonata;

TEST_CASE("jsonata regex: JavaScript syntax, flags and groups") {
  auto regex = Regex::compile(R"(a(b+)(x)?)", "i");
  REQUIRE(regex.ok());
  auto m = (*regex)->find("zzABBc", 0);
  REQUIRE(m.ok());
  REQUIRE(m->has_value());
  CHECK((*m)->start == 2);
  CHECK((*m)->end == 5);
  REQUIRE((*m)->groups.size() == 2);
  CHECK((*m)->groups[0] == std::optional<std::string>("BB"));
  CHECK_FALSE((*m)->groups[1].has_value());
  // \u escapes as JavaScript writes them; $ only at the very end.
  auto unicode = Regex::compile(R"(\u00e9$)", "");
  REQUIRE(unicode.ok());
  CHECK((*unicode)->find("caf\xc3\xa9", 0)->has_value());
  CHECK_FALSE((*unicode)->find("caf\xc3\xa9\n", 0)->has_value());
  auto multiline = Regex::compile("^b", "m");
  REQUIRE(multiline.ok());
  CHECK((*multiline)->find("a\nb", 0)->has_value());
}

TEST_CASE("jsonata regex: refused patterns and the match limit") {
  CHECK(Regex::compile("(", "").error().name == "S0303");
  auto catastrophic = Regex::compile("(a|aa)+$", "");
  REQUIRE(catastrophic.ok());
  auto result = (*catastrophic)->find(std::string(40, 'a') + "!", 0);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().name == "D1005");
}

// Function signatures (signature.h).
#include "jsonata/signature.h"

#include <catch2/catch.hpp>

using namespace conflictctl;
using namespace conflictctl::jsonata;

TEST_CASE("jsonata signature: parameters, modifiers and matching") {
  Result<Signature> s = Signature::parse("<s-nn?:s>");
  REQUIRE(s.ok());
  REQUIRE(s->params.size() == 3);
  CHECK(s->params[0].context);
  CHECK(s->params[2].quantifier == '?');
  CHECK(s->match("sn") == std::vector<std::string>{"s", "n", ""});
  CHECK(s->match("snn") == std::vector<std::string>{"s", "n", "n"});
  CHECK(s->match("n") == std::vector<std::string>{"", "n", ""});
  CHECK_FALSE(s->match("ss").has_value());
  CHECK(s->matched_prefix("ss") == 1);

  Result<Signature> plus = Signature::parse("<a+>");
  REQUIRE(plus.ok());
  CHECK(plus->match("aaa") == std::vector<std::string>{"aaa"});
  CHECK_FALSE(plus->match("").has_value());

  Result<Signature> choice = Signature::parse("<s-(sf)(sf)n?:s>");
  REQUIRE(choice.ok());
  CHECK(choice->match("sfs").has_value());
  CHECK(choice->params[1].allowed == "sfm");

  Result<Signature> typed = Signature::parse("<a<n>:n>");
  REQUIRE(typed.ok());
  CHECK(typed->params[0].subtype == "n");
}

TEST_CASE("jsonata signature: malformed signatures") {
  CHECK(Signature::parse("<n<s>>").error().name == "S0401");
  CHECK(Signature::parse("<(sa<n>)>").error().name == "S0402");
}

// Cases whose expected values are jsonata-js 2.2's answers (test/jsonata/reference.js),
// many of them the JSONata documentation's examples.
#include <catch2/catch.hpp>

#include "jsonata/jsonata_testing.h"

using namespace conflictctl;
using namespace conflictctl::jsonata;
using namespace conflictctl::jsonata::testing;

TEST_CASE("jsonata: syntax errors carry jsonata-js codes") {
  static const Case kCases[] = {
    {R"(1 +)", &kSmall, nullptr, "S0207"},
    {R"(1 + + 2)", &kSmall, nullptr, "S0211"},
    {R"("abc)", &kSmall, nullptr, "S0101"},
    {R"("a\qb")", &kSmall, nullptr, "S0103"},
    {R"("\u12")", &kSmall, nullptr, "S0104"},
    {R"(`abc)", &kSmall, nullptr, "S0105"},
    {R"((1; 2)", &kSmall, nullptr, "S0203"},
    {R"([1, 2)", &kSmall, nullptr, "S0203"},
    {R"({"a": 1)", &kSmall, nullptr, "S0203"},
    {R"({"a" 1})", &kSmall, nullptr, "S0202"},
    {R"(5 := 5)", &kSmall, nullptr, "S0212"},
    {R"(1 2)", &kSmall, nullptr, "S0201"},
    {R"(!a)", &kSmall, nullptr, "S0204"},
    {R"(a ~ b)", &kSmall, nullptr, "S0204"},
    {R"(1 /* unterminated)", &kSmall, nullptr, "S0106"},
    {R"(//)", &kSmall, nullptr, "S0301"},
    {R"($f(1, function($x) { $x })", &kSmall, nullptr, "S0203"},
    {R"(function(a) { 1 })", &kSmall, nullptr, "S0208"},
    {R"(function($a)<x<n>:n> { 1 })", &kSmall, nullptr, "S0401"},
    {R"(Phone#a)", &kSmall, nullptr, "S0214"},
    {R"(Phone@$p[0]@$q)", &kSmall, nullptr, "S0215"},
    {R"(a.1)", &kSmall, nullptr, "S0213"},
    {R"(a.true)", &kSmall, nullptr, "S0213"},
    {R"("a\tb")", &kSmall, R"("a\tb")", nullptr},
    {R"("\u00e9")", &kSmall, R"("é")", nullptr},
    {R"("\ud83d\ude00")", &kSmall, R"("😀")", nullptr},
    {R"('abc')", &kSmall, R"("abc")", nullptr},
    {R"(/* comment */ 1)", &kSmall, R"(1)", nullptr},
    {R"(λ($x) { $x * 2 }(4))", &kSmall, R"(8)", nullptr},
    {R"(function($x) { $x }(1))", &kSmall, R"(1)", nullptr},
  };
  for (const Case& c : kCases) check_case(c);
}

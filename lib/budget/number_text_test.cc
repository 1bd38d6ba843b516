#include "budget/number_text.h"

#include <catch2/catch.hpp>

#include <limits>

namespace conflictctl::budget {

TEST_CASE("numbers are grouped by thousands, with at most three decimals") {
  CHECK(group_thousands(0) == "0");
  CHECK(group_thousands(900) == "900");
  CHECK(group_thousands(2715) == "2,715");
  CHECK(group_thousands(1234567) == "1,234,567");
  CHECK(group_thousands(2.5) == "2.5");
  CHECK(group_thousands(1234.125) == "1,234.125");
  CHECK(group_thousands(-4000) == "-4,000");
  CHECK(group_thousands(std::numeric_limits<double>::infinity()) == "∞");
  CHECK(seconds_text(11466) == "11,466 s");
}

}  // namespace conflictctl::budget

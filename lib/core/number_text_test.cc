#include "core/number_text.h"

#include <catch2/catch.hpp>

#include <limits>

namespace conflictctl {

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

TEST_CASE("seconds print in one way, fractions kept: 0.2 s is not 0 s") {
  CHECK(seconds_text(0.2) == "0.2 s");
  CHECK(seconds_text(1825) == "1,825 s");
  CHECK(seconds_text(1825.0004) == "1,825 s");
  CHECK(seconds_text(5) == "5 s");
}

TEST_CASE("a count's noun is singular for exactly one") {
  CHECK(count_text(0, "row") == "0 rows");
  CHECK(count_text(1, "row") == "1 row");
  CHECK(count_text(2, "row") == "2 rows");
  CHECK(count_text(20000, "visit") == "20,000 visits");
  CHECK(count_text(1, "entry", "entries") == "1 entry");
  CHECK(count_text(3, "entry", "entries") == "3 entries");
}

}  // namespace conflictctl

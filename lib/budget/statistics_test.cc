#include "budget/statistics.h"

#include <catch2/catch.hpp>

namespace conflictctl::budget {

TEST_CASE("summary of durations: median of an odd and an even count, nearest-rank p95") {
  Summary odd = summarize({30, 10, 20});
  CHECK(odd.count == 3);
  CHECK(odd.min == 10);
  CHECK(odd.median == 20);
  CHECK(odd.p95 == 30);  // rank ceil(2.85) = 3
  CHECK(odd.max == 30);

  Summary even = summarize({40, 10, 30, 20});
  CHECK(even.median == 25);

  std::vector<double> hundred;
  for (int i = 1; i <= 100; ++i) hundred.push_back(i);
  CHECK(summarize(hundred).p95 == 95);  // rank 95 of 100
  CHECK(summarize({}).count == 0);
}

TEST_CASE("spread is (max - min) / median and needs two values") {
  CHECK(spread({100, 120, 110}) == Approx(20.0 / 110));
  CHECK_FALSE(spread({100}));
  CHECK_FALSE(spread({0, 0}));
}

TEST_CASE("least squares: an exact line is recovered, one distinct x gives no line") {
  auto line = fit_line({1000, 2000, 3000}, {15, 25, 35});  // 5 s + 0.01 s/row
  REQUIRE(line);
  CHECK(line->intercept == Approx(5));
  CHECK(line->slope == Approx(0.01));
  CHECK_FALSE(fit_line({1000, 1000}, {10, 12}));
  CHECK_FALSE(fit_line({1000}, {10}));
}

}  // namespace conflictctl::budget

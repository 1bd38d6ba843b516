#include "core/timestamp.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

namespace conflictctl {
namespace {

TEST_CASE("seconds_to_millis rounds to the nearest millisecond") {
  CHECK(seconds_to_millis(1.5) == Millis{1500});
  CHECK(seconds_to_millis(0.0004) == Millis{0});
  CHECK(seconds_to_millis(-2) == Millis{-2000});
}

TEST_CASE("seconds_to_millis saturates huge values instead of overflowing") {
  const Millis max = seconds_to_millis(kMaxDurationSeconds);
  CHECK(seconds_to_millis(1e300) == max);
  CHECK(seconds_to_millis(9e15) == max);
  CHECK(seconds_to_millis(std::numeric_limits<double>::infinity()) == max);
  CHECK(seconds_to_millis(-1e300) == -max);
  CHECK(seconds_to_millis(std::nan("")) == Millis{0});
  // The saturated duration still gives a printable timestamp.
  const Timestamp start = *parse_timestamp("2026-01-01T00:00:00Z");
  CHECK(format_timestamp(start + seconds_to_millis(1e300)).starts_with("5194-"));
}

}  // namespace
}  // namespace conflictctl

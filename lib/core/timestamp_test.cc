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

namespace conflictctl {

TEST_CASE("timestamps print as RFC 3339 UTC with milliseconds, every field padded") {
  CHECK(format_timestamp(Timestamp{}) == "1970-01-01T00:00:00.000Z");
  CHECK(format_timestamp(*parse_timestamp("2024-02-29T23:59:59.999Z")) ==
        "2024-02-29T23:59:59.999Z");
  CHECK(format_timestamp(*parse_timestamp("0001-01-01T00:00:00.005Z")) ==
        "0001-01-01T00:00:00.005Z");
  CHECK(format_timestamp(*parse_timestamp("9999-12-31T23:59:59.050Z")) ==
        "9999-12-31T23:59:59.050Z");
  // Every millisecond of a day reads back as itself.
  const Timestamp day = *parse_timestamp("2026-12-06T00:00:00Z");
  for (long long ms = 0; ms < 86'400'000; ms += 999'983)
    CHECK(parse_timestamp(format_timestamp(day + Millis(ms))) == day + Millis(ms));
}

}  // namespace conflictctl

#include "engine/retry.h"

#include <catch2/catch.hpp>

namespace conflictctl::engine {
namespace {

asl::Retrier retrier(double interval, double rate, std::optional<double> max_delay = {}) {
  asl::Retrier r;
  r.error_equals = {"States.ALL"};
  r.interval_seconds = interval;
  r.backoff_rate = rate;
  r.max_delay_seconds = max_delay;
  r.max_attempts = 99999999;
  return r;
}

TEST_CASE("backoff is IntervalSeconds x BackoffRate^n, capped by MaxDelaySeconds") {
  CHECK(backoff_seconds(retrier(3, 2), 0) == 3);
  CHECK(backoff_seconds(retrier(3, 2), 2) == 12);
  CHECK(backoff_seconds(retrier(3, 2, 10), 2) == 10);
}

TEST_CASE("a huge BackoffRate saturates the delay, never wraps it to 0") {
  CHECK(backoff_seconds(retrier(1, 1e300), 1) == 31622401);
  CHECK(backoff_seconds(retrier(1, 1e300), 5) == 31622401);  // pow gives +inf
  CHECK(backoff_seconds(retrier(99999999, 2), 1000000) == 31622401);
  CHECK(backoff_seconds(retrier(1, 1e300, 60), 5) == 60);

  const std::vector<asl::Retrier> retriers{retrier(1, 1e300)};
  RetryTracker tracker(retriers);
  Random random(1);
  const Error error{"States.TaskFailed", "x"};
  CHECK(tracker.next_delay(error, random) == Millis{1000});
  for (int i = 0; i < 5; ++i) {
    CHECK(tracker.next_delay(error, random) == Millis{31622401000});
  }
}

}  // namespace
}  // namespace conflictctl::engine

#include "engine/retry.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

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

TEST_CASE("JitterStrategy FULL waits a random part of the backoff, the same for one seed") {
  // AWS's error-handling page: FULL jitter randomizes each wait between 0 and the computed
  // backoff; NONE (the default) waits the whole backoff.
  asl::Retrier full = retrier(10, 2);
  full.jitter = asl::JitterStrategy::kFull;
  const std::vector<asl::Retrier> retriers{full};
  const Error error{"States.TaskFailed", "x"};
  std::vector<Millis> delays;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    RetryTracker tracker(retriers);
    Random random(seed);
    const auto first = tracker.next_delay(error, random);
    const auto second = tracker.next_delay(error, random);
    REQUIRE(first);
    REQUIRE(second);
    CHECK(*first >= Millis{0});
    CHECK(*first < Millis{10000});
    CHECK(*second < Millis{20000});
    delays.push_back(*first);
    RetryTracker again(retriers);
    Random same(seed);
    CHECK(again.next_delay(error, same) == first);
  }
  std::sort(delays.begin(), delays.end());
  CHECK(std::unique(delays.begin(), delays.end()) - delays.begin() > 1);
}

TEST_CASE("States.HeartbeatTimeout matches a missed heartbeat, States.TaskFailed never a timeout") {
  auto catcher = [](std::vector<std::string> names, std::string next) {
    asl::Catcher c;
    c.error_equals = std::move(names);
    c.next = std::move(next);
    return c;
  };
  const std::vector<asl::Catcher> catchers{catcher({"States.TaskFailed"}, "failed"),
                                           catcher({"States.HeartbeatTimeout"}, "heartbeat"),
                                           catcher({"States.Timeout"}, "timeout")};
  const Error timeout{"States.Timeout", "x"};
  CHECK(find_catcher(catchers, timeout, /*missed_heartbeat=*/true)->next == "heartbeat");
  CHECK(find_catcher(catchers, timeout)->next == "timeout");
  CHECK(find_catcher(catchers, Error{"Lambda.Unknown", "x"})->next == "failed");
  const std::vector<asl::Catcher> only_heartbeat{catcher({"States.HeartbeatTimeout"}, "h")};
  CHECK(find_catcher(only_heartbeat, timeout) == nullptr);
}

}  // namespace
}  // namespace conflictctl::engine

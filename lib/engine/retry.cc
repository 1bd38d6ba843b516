#include "engine/retry.h"

#include <algorithm>
#include <cmath>

#include "asl/limits.h"
#include "core/error_names.h"

namespace conflictctl::engine {

double backoff_seconds(const asl::Retrier& retrier, int retry_index) {
  const double cap = retrier.max_delay_seconds.value_or(asl::limits::kMaxDelaySeconds);
  const double delay = retrier.interval_seconds * std::pow(retrier.backoff_rate, retry_index);
  // Saturates: a BackoffRate of 1e300 gives +inf (or NaN for 0 × inf), never a wrapped 0.
  return delay <= cap ? delay : cap;
}

std::optional<Millis> RetryTracker::next_delay(const Error& error, Random& random,
                                               bool missed_heartbeat) {
  for (std::size_t i = 0; i < retriers_->size(); ++i) {
    const auto& retrier = (*retriers_)[i];
    if (!errors::matches(retrier.error_equals, error.name, missed_heartbeat)) continue;
    if (attempts_[i] >= retrier.max_attempts) return std::nullopt;
    double delay = backoff_seconds(retrier, attempts_[i]);
    if (retrier.jitter == asl::JitterStrategy::kFull) delay *= random.uniform();
    ++attempts_[i];
    ++total_;
    return seconds_to_millis(delay);
  }
  return std::nullopt;
}

const asl::Catcher* find_catcher(const std::vector<asl::Catcher>& catchers, const Error& error,
                                 bool missed_heartbeat) {
  auto it = std::find_if(catchers.begin(), catchers.end(), [&](const asl::Catcher& catcher) {
    return errors::matches(catcher.error_equals, error.name, missed_heartbeat);
  });
  return it == catchers.end() ? nullptr : &*it;
}

}  // namespace conflictctl::engine

#pragma once
// Retry: which Retrier handles an error, and how long to wait before the next attempt.
//
// Spec (States Language, "Retrying after an error"):
//  - "When a state reports an error, the interpreter scans through the Retriers and, when the
//    Error Name appears in the value of a Retrier's ErrorEquals field, implements the retry
//    policy described in that Retrier." Only the first matching Retrier applies.
//  - The n-th retry (n = 0, 1, …) of a Retrier waits IntervalSeconds × BackoffRate^n, capped
//    by MaxDelaySeconds; with JitterStrategy FULL a uniformly random time in [0, that delay].
//  - "MaxAttempts … A value of 0 is permitted and indicates that the error or errors should
//    never be retried." When a Retrier's attempts are used up, the state's Catchers apply.
//  - Counts are per Retrier and start afresh each time the state is entered.
#include <optional>
#include <vector>

#include "asl/model.h"
#include "core/error.h"
#include "core/random.h"
#include "core/timestamp.h"

namespace conflictctl::engine {

class RetryTracker {
 public:
  explicit RetryTracker(const std::vector<asl::Retrier>& retriers)
      : retriers_(&retriers), attempts_(retriers.size(), 0) {}

  // The delay before retrying `error`, or nullopt when no Retrier matches or the matching one
  // is exhausted. Counts the attempt. `missed_heartbeat`: `error` is the States.Timeout of a
  // missed heartbeat (core/error_names.h: States.HeartbeatTimeout matches it too).
  std::optional<Millis> next_delay(const Error& error, Random& random,
                                   bool missed_heartbeat = false);

  // Retries made so far in total ($$.State.RetryCount).
  int retry_count() const { return total_; }

 private:
  const std::vector<asl::Retrier>* retriers_;
  std::vector<int> attempts_;
  int total_ = 0;
};

// IntervalSeconds × BackoffRate^n, capped by MaxDelaySeconds (no jitter), in seconds.
// Without MaxDelaySeconds the delay saturates at the largest MaxDelaySeconds Step Functions
// accepts (asl::limits::kMaxDelaySeconds, one year and a second): a longer wait outlives the
// execution's one-year limit either way, and the cap keeps a huge BackoffRate from
// overflowing the clock.
double backoff_seconds(const asl::Retrier& retrier, int retry_index);

// The first Catcher whose ErrorEquals matches `error`, or null (`missed_heartbeat` as above).
const asl::Catcher* find_catcher(const std::vector<asl::Catcher>& catchers, const Error& error,
                                 bool missed_heartbeat = false);

}  // namespace conflictctl::engine

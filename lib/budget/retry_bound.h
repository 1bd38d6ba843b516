#pragma once
// How a state's Retry policy stretches it in the worst case.
//
// Each attempt may fail with any error. The errors worth telling apart are the names the
// state's Retriers and Catchers list, States.Timeout when an attempt can time out, and
// "any other error" — represented by States.TaskFailed, which no list names literally
// unless it means every error but States.Timeout (core/error_names.h has the one matcher).
// The first Retrier whose ErrorEquals matches an error handles it (engine/retry.h); each
// Retrier counts its own attempts, so the longest run uses every Retrier that is the first
// match of some possible error up to its MaxAttempts: 1 + Σ MaxAttempts attempts. The
// backoff before the n-th retry of a Retrier (n = 0, 1, …) is engine::backoff_seconds —
// IntervalSeconds × BackoffRate^n capped by MaxDelaySeconds; with JitterStrategy FULL that
// is the largest the random delay can be. A Retrier that is no error's first match (shadowed
// by earlier ones, or naming only States.Timeout where it cannot happen) never runs.
//
// Pure and thread-safe.
#include <string>
#include <vector>

#include "asl/model.h"

namespace conflictctl::budget {

// How many of a Retrier's backoffs are listed one by one; the rest are summed in closed form,
// so MaxAttempts 99999999 (valid ASL) costs no more memory or time than MaxAttempts 3.
inline constexpr long long kListedRetries = 10;

// One Retrier that can run, used to the end.
struct RetryUse {
  std::size_t retrier = 0;       // index in the state's Retry
  std::string error;             // an error it is the first to match
  long long retries = 0;         // its MaxAttempts: the retries it makes (> 0)
  std::vector<double> backoffs;  // the wait before each of its first min(retries,
                                 // kListedRetries) retries, in seconds
  double backoff_total = 0;      // the waits before all `retries` retries, in seconds
};

struct RetryBound {
  std::vector<std::string> errors;     // what an attempt may fail with, "any other" first
  std::vector<RetryUse> uses;          // in Retry order
  std::vector<std::string> never_run;  // one sentence per Retrier that cannot run

  long long attempts() const;      // 1 + every usable Retrier's MaxAttempts
  double backoff_seconds() const;  // all backoffs together
};

// The sum of engine::backoff_seconds(retrier, n) for n = 0 … retries - 1, without a loop
// over every retry: the geometric part in closed form, then every capped delay at once.
double total_backoff_seconds(const asl::Retrier& retrier, long long retries);

// `timeout_possible`: an attempt can end with States.Timeout; when it cannot,
// `why_no_timeout` says why (it ends the sentence about a Retrier naming States.Timeout).
RetryBound retry_bound(const std::vector<asl::Retrier>& retry,
                       const std::vector<asl::Catcher>& catchers, bool timeout_possible,
                       const std::string& why_no_timeout);

// "Retry[0] (States.TaskFailed, Lambda.ServiceException)": how the texts name a Retrier.
std::string retrier_text(const std::vector<asl::Retrier>& retry, std::size_t index);

}  // namespace conflictctl::budget

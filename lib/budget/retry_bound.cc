#include "budget/retry_bound.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "core/error_names.h"
#include "engine/retry.h"

namespace conflictctl::budget {

namespace {

// The first Retrier matching `error`, if any.
std::optional<std::size_t> first_match(const std::vector<asl::Retrier>& retry,
                                       const std::string& error) {
  for (std::size_t i = 0; i < retry.size(); ++i)
    if (errors::matches(retry[i].error_equals, error)) return i;
  return std::nullopt;
}

void add_once(std::vector<std::string>& names, const std::string& name) {
  if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

// "any other error" first, then States.Timeout, then the names the lists spell out.
std::vector<std::string> possible_errors(const std::vector<asl::Retrier>& retry,
                                         const std::vector<asl::Catcher>& catchers,
                                         bool timeout_possible) {
  std::vector<std::string> names{std::string(errors::kTaskFailed)};
  if (timeout_possible) names.emplace_back(errors::kTimeout);
  auto add_listed = [&](const std::vector<std::string>& list) {
    for (const auto& name : list) {
      if (name == errors::kAll || name == errors::kTimeout || errors::is_terminal(name)) continue;
      add_once(names, name);
    }
  };
  for (const auto& retrier : retry) add_listed(retrier.error_equals);
  for (const auto& catcher : catchers) add_listed(catcher.error_equals);
  return names;
}

std::string list_text(const std::vector<std::string>& items) {
  return fmt::format("{}", fmt::join(items, ", "));
}

}  // namespace

long long RetryBound::attempts() const {
  long long total = 1;
  for (const auto& use : uses) total += use.retries;
  return total;
}

double RetryBound::backoff_seconds() const {
  double total = 0;
  for (const auto& use : uses) total += use.backoff_total;
  return total;
}

double total_backoff_seconds(const asl::Retrier& retrier, long long retries) {
  if (retries <= 0) return 0;
  // The delays grow until the first one that reaches the cap; every later one is the cap.
  // Count the growing ones (at most a few thousand unless BackoffRate is within 0.2 % of 1).
  const double cap = engine::backoff_seconds(retrier, std::numeric_limits<int>::max());
  constexpr long long kSummedOneByOne = 4096;
  double total = 0;
  long long n = 0;
  for (; n < retries && n < kSummedOneByOne; ++n) {
    const double delay = engine::backoff_seconds(retrier, static_cast<int>(n));
    if (delay >= cap) return total + static_cast<double>(retries - n) * cap;
    total += delay;
  }
  if (n == retries) return total;
  // BackoffRate barely above 1: r^n stays finite over the whole growing part, so the
  // geometric sum I (r^m - 1) / (r - 1) is safe; m is where I r^m first reaches the cap.
  const double interval = retrier.interval_seconds;
  const double rate = retrier.backoff_rate;
  const double growing =
      rate > 1 ? std::ceil(std::log(cap / interval) / std::log(rate)) : static_cast<double>(retries);
  const long long m = std::min(retries, static_cast<long long>(growing));
  const double geometric = rate > 1 ? interval * (std::pow(rate, static_cast<double>(m)) - 1) /
                                          (rate - 1)
                                    : interval * static_cast<double>(m);
  return geometric + static_cast<double>(retries - m) * cap;
}

std::string retrier_text(const std::vector<asl::Retrier>& retry, std::size_t index) {
  return fmt::format("Retry[{}] ({})", index, list_text(retry[index].error_equals));
}

RetryBound retry_bound(const std::vector<asl::Retrier>& retry,
                       const std::vector<asl::Catcher>& catchers, bool timeout_possible,
                       const std::string& why_no_timeout) {
  RetryBound bound;
  bound.errors = possible_errors(retry, catchers, timeout_possible);
  std::vector<std::optional<std::string>> first_error(retry.size());
  for (const auto& error : bound.errors) {
    if (auto index = first_match(retry, error); index && !first_error[*index])
      first_error[*index] = error;
  }
  for (std::size_t i = 0; i < retry.size(); ++i) {
    const auto& retrier = retry[i];
    if (first_error[i]) {
      RetryUse use{i, *first_error[i], std::max(retrier.max_attempts, 0), {}, 0};
      for (long long n = 0; n < std::min(use.retries, kListedRetries); ++n)
        use.backoffs.push_back(engine::backoff_seconds(retrier, static_cast<int>(n)));
      use.backoff_total = total_backoff_seconds(retrier, use.retries);
      if (use.retries > 0) bound.uses.push_back(std::move(use));
      continue;
    }
    // Why no possible error reaches it: earlier Retriers match them first, or States.Timeout
    // cannot happen.
    std::vector<std::string> earlier;
    for (const auto& error : bound.errors) {
      if (!errors::matches(retrier.error_equals, error)) continue;
      if (auto index = first_match(retry, error); index && *index < i)
        add_once(earlier, fmt::format("Retry[{}]", *index));
    }
    std::vector<std::string> why;
    if (!earlier.empty())
      why.push_back(fmt::format("{} {} its errors first", list_text(earlier),
                                earlier.size() == 1 ? "matches" : "match"));
    if (!timeout_possible && errors::matches(retrier.error_equals, errors::kTimeout))
      why.push_back(fmt::format("{} cannot happen: {}", errors::kTimeout, why_no_timeout));
    if (why.empty()) why.push_back("the errors it names end the execution at once");
    bound.never_run.push_back(
        fmt::format("{} never runs: {}", retrier_text(retry, i), fmt::join(why, "; ")));
  }
  return bound;
}

}  // namespace conflictctl::budget

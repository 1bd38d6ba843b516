#include "budget/retry_bound.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
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

int RetryBound::attempts() const {
  int total = 1;
  for (const auto& use : uses) total += static_cast<int>(use.backoffs.size());
  return total;
}

double RetryBound::backoff_seconds() const {
  double total = 0;
  for (const auto& use : uses)
    total = std::accumulate(use.backoffs.begin(), use.backoffs.end(), total);
  return total;
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
      RetryUse use{i, *first_error[i], {}};
      for (int n = 0; n < retrier.max_attempts; ++n)
        use.backoffs.push_back(engine::backoff_seconds(retrier, n));
      if (!use.backoffs.empty()) bound.uses.push_back(std::move(use));
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

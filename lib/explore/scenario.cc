#include "explore/scenario.h"

#include <fmt/format.h>

#include "core/number_text.h"

namespace conflictctl::explore {

namespace {

// "the first attempt", "the first 2 attempts", "attempts 2-3", "attempt 2", "every attempt".
std::string attempts_text(const Range& attempts) {
  if (attempts.first == 0 && attempts.last == kEvery) return "every attempt";
  if (attempts.first == 0 && attempts.last == 0) return "the first attempt";
  if (attempts.first == 0) return fmt::format("the first {} attempts", attempts.last + 1);
  if (attempts.last == kEvery) return fmt::format("attempt {} on", attempts.first + 1);
  if (attempts.first == attempts.last) return fmt::format("attempt {}", attempts.first + 1);
  return fmt::format("attempts {}-{}", attempts.first + 1, attempts.last + 1);
}

// "" outside a Map for the state's first entry or every entry (the words "every attempt" say
// enough); else " in iteration 1", " in iterations 1-3", " in every iteration" (" in entry 2",
// " in entries 2-3" outside a Map).
std::string entries_text(const Fault& fault) {
  const Range& entries = fault.entries;
  if (!fault.in_map && entries.first == 0 && (entries.last == 0 || entries.last == kEvery))
    return "";
  std::string one = fault.in_map ? "iteration" : "entry";
  if (entries.first == 0 && entries.last == kEvery) return fmt::format(" in every {}", one);
  if (entries.first == entries.last) return fmt::format(" in {} {}", one, entries.first + 1);
  if (entries.last == kEvery) return fmt::format(" in {}s {} on", one, entries.first + 1);
  return fmt::format(" in {}s {}-{}", one == "entry" ? "entrie" : one, entries.first + 1,
                     entries.last + 1);
}

}  // namespace

std::string describe(const Fault& fault) {
  std::string what = fault.error ? fault.error->name
                                 : "takes " + seconds_text(fault.seconds.value_or(0));
  std::string where = entries_text(fault);
  return fmt::format("{}: {}{}{} {}", fault.state, what, where, where.empty() ? " on" : ", on",
                     attempts_text(fault.attempts));
}

std::string describe(const Scenario& scenario) {
  if (scenario.faults.empty()) return "baseline (no fault)";
  std::vector<std::string> parts;
  for (const auto& fault : scenario.faults) parts.push_back(describe(fault));
  return fmt::format("{}", fmt::join(parts, "; "));
}

}  // namespace conflictctl::explore

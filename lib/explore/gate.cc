#include "explore/gate.h"

#include <fmt/format.h>

#include <algorithm>

namespace conflictctl::explore {

namespace {

std::string counted(std::size_t count, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", count, count == 1 ? one : many);
}

}  // namespace

std::vector<std::string> gate_findings(const Report& report,
                                       const std::vector<std::string>& fail_on) {
  auto asked = [&](std::string_view kind) {
    return std::find(fail_on.begin(), fail_on.end(), kind) != fail_on.end();
  };
  std::vector<std::string> found;
  if (asked("unreachable") &&
      !(report.unreachable_states.empty() && report.unreachable_catchers.empty()))
    found.push_back(fmt::format(
        "--fail-on unreachable: {} and {}",
        counted(report.unreachable_states.size(), "unreachable state", "unreachable states"),
        counted(report.unreachable_catchers.size(), "Catcher", "Catchers")));
  if (asked("uncaught") && !report.escaping_errors.empty())
    found.push_back(fmt::format(
        "--fail-on uncaught: {} every Catcher",
        counted(report.escaping_errors.size(), "error escapes", "errors escape")));
  if (asked("over-limit") && !report.over_limits.empty()) {
    std::vector<std::string> limits;
    for (const auto& over : report.over_limits) limits.push_back(over.limit);
    found.push_back(
        fmt::format("--fail-on over-limit: scenarios over {}", fmt::join(limits, ", ")));
  }
  return found;
}

}  // namespace conflictctl::explore

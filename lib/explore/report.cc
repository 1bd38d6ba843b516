#include "explore/report.h"

#include <fmt/format.h>

#include "core/number_text.h"
#include "explore/mock_file.h"

namespace conflictctl::explore {

namespace {

std::string scenarios_text(std::size_t count) {
  return fmt::format("{} scenario{}", count, count == 1 ? "" : "s");
}

std::string smallest_text(const ScenarioRun& run) {
  return fmt::format("{}  {}", seconds_text(run.trace.seconds), describe(run.scenario));
}

Json smallest_json(const ScenarioRun& run) {
  return Json{{"scenario", describe(run.scenario)}, {"seconds", run.trace.seconds}};
}

template <class Items, class Line>
void section(std::string& text, std::string_view title, const Items& items, Line line) {
  if (items.empty()) {
    text += fmt::format("{}: none\n", title);
    return;
  }
  text += fmt::format("{} ({}):\n", title, items.size());
  for (const auto& item : items) text += line(item);
}

std::string where(const std::string& in) { return in.empty() ? "" : " (in " + in + ")"; }

std::string because(const std::string& reason) { return reason.empty() ? "" : ": " + reason; }

}  // namespace

std::string format_text(const Report& report) {
  std::string text = fmt::format(
      "{} ({}): {} on the virtual clock ({} over --max-scenarios).\n\n", report.machine_name,
      to_string(report.type), scenarios_text(report.scenarios_run), report.scenarios_skipped);
  text += fmt::format("Outcomes ({}), each with the smallest scenario that reaches it:\n",
                      report.outcomes.size());
  for (const auto& finding : report.outcomes)
    text += fmt::format("  {}  ({})\n    {}\n", to_string(finding.outcome),
                        scenarios_text(finding.scenarios), smallest_text(finding.smallest));
  text += "\n";
  section(text, "Unreachable states", report.unreachable_states, [](const UnreachableState& s) {
    return fmt::format("  {}{}{}\n", s.state, where(s.map), because(s.reason));
  });
  section(text, "Unreachable Catchers", report.unreachable_catchers,
          [](const UnreachableCatcher& c) {
            return fmt::format("  {} Catch[{}] ({} → {}){}\n", c.state, c.index,
                               fmt::join(c.catcher->error_equals, ", "), c.catcher->next,
                               because(c.reason));
          });
  section(text, "Errors that escape every Catcher", report.escaping_errors,
          [](const EscapingError& e) {
            return fmt::format("  {} from {}\n    {}\n", e.error, e.state,
                               smallest_text(e.smallest));
          });
  section(text, "Over a limit", report.over_limits, [](const OverLimit& o) {
    return fmt::format("  {}: {} (longest {})\n    {}\n", o.limit, scenarios_text(o.scenarios),
                       seconds_text(o.longest_seconds), smallest_text(o.smallest));
  });
  section(text, "Retriers that never fire", report.idle_retriers, [](const IdleRetrier& r) {
    return fmt::format("  {} Retry[{}]{}\n", r.state, r.index, because(r.reason));
  });
  return text;
}

Json to_json(const Report& report) {
  Json outcomes = Json::array();
  for (const auto& finding : report.outcomes)
    outcomes.push_back({{"end_state", finding.outcome.end_state},
                        {"status", finding.outcome.status},
                        {"error", finding.outcome.error.empty() ? Json(nullptr)
                                                                : Json(finding.outcome.error)},
                        {"scenarios", finding.scenarios},
                        {"smallest", smallest_json(finding.smallest)},
                        {"test_case", test_case_name(finding.outcome)}});
  Json states = Json::array();
  for (const auto& state : report.unreachable_states)
    states.push_back({{"state", state.state},
                      {"in", state.map.empty() ? Json(nullptr) : Json(state.map)},
                      {"reason", state.reason}});
  Json catchers = Json::array();
  for (const auto& catcher : report.unreachable_catchers)
    catchers.push_back({{"state", catcher.state},
                        {"catcher", catcher.index},
                        {"error_equals", catcher.catcher->error_equals},
                        {"next", catcher.catcher->next},
                        {"pointer", catcher.catcher->pointer},
                        {"reason", catcher.reason}});
  Json escapes = Json::array();
  for (const auto& escape : report.escaping_errors)
    escapes.push_back({{"error", escape.error},
                       {"state", escape.state},
                       {"smallest", smallest_json(escape.smallest)}});
  Json over = Json::array();
  for (const auto& limit : report.over_limits)
    over.push_back({{"limit", limit.limit},
                    {"scenarios", limit.scenarios},
                    {"longest_seconds", limit.longest_seconds},
                    {"smallest", smallest_json(limit.smallest)}});
  Json retriers = Json::array();
  for (const auto& retrier : report.idle_retriers)
    retriers.push_back(
        {{"state", retrier.state}, {"retrier", retrier.index}, {"reason", retrier.reason}});
  return Json{{"state_machine", report.machine_name},
              {"type", std::string(to_string(report.type))},
              {"scenarios", {{"run", report.scenarios_run}, {"skipped", report.scenarios_skipped}}},
              {"outcomes", outcomes},
              {"unreachable_states", states},
              {"unreachable_catchers", catchers},
              {"escaping_errors", escapes},
              {"over_limits", over},
              {"idle_retriers", retriers}};
}

}  // namespace conflictctl::explore

#include "budget/gate.h"

#include <fmt/format.h>

#include "core/number_text.h"

namespace conflictctl::budget {
namespace {

bool in_gate(engine::Zone zone, GateZone fail_on) {
  if (zone == engine::Zone::kOver) return true;
  return zone == engine::Zone::kWarning && fail_on == GateZone::kWarning;
}

std::string finding(const std::string& state, const char* which, double seconds, double limit,
                    engine::Zone zone) {
  return fmt::format("{}: {} took {} of its {} limit ({:.1f} %, {})", state, which,
                     seconds_text(seconds), seconds_text(limit), seconds / limit * 100,
                     engine::to_string(zone));
}

void worst_case_gate(const WorstCase& worst, const GateOptions& options,
                     std::vector<std::string>& out) {
  if (!options.max_worst_case_seconds) return;
  const std::string max = seconds_text(*options.max_worst_case_seconds);
  if (!worst.total_seconds)
    out.push_back(fmt::format("the worst case from the definition is unbounded, so it may "
                              "exceed --max-worst-case {}",
                              max));
  else if (*worst.total_seconds > *options.max_worst_case_seconds)
    out.push_back(fmt::format("the worst case from the definition, {}, exceeds "
                              "--max-worst-case {}",
                              seconds_text(*worst.total_seconds), max));
}

}  // namespace

std::optional<GateZone> parse_gate_zone(std::string_view text) {
  if (text == "warning") return GateZone::kWarning;
  if (text == "over") return GateZone::kOver;
  return std::nullopt;
}

std::vector<std::string> run_gate(const engine::RunSummary& run, const WorstCase& worst,
                                  const GateOptions& options) {
  std::vector<std::string> out;
  if (options.fail_on) {
    for (const engine::StateSummary& state : run.states) {
      if (!state.limit_seconds) continue;
      for (const engine::InvocationSummary& invocation : state.invocations) {
        const engine::Zone zone =
            engine::invocation_zone(invocation.seconds, *state.limit_seconds,
                                    invocation.outcome == "FAILED");
        if (in_gate(zone, *options.fail_on))
          out.push_back(finding(state.name, "an invocation", invocation.seconds,
                                *state.limit_seconds, zone));
      }
    }
  }
  worst_case_gate(worst, options, out);
  return out;
}

std::vector<std::string> measured_gate(const Measured& measured, const WorstCase& worst,
                                       const GateOptions& options) {
  std::vector<std::string> out;
  if (options.fail_on) {
    for (const MeasuredTask& task : measured.tasks) {
      if (!task.zone || !task.task.limit.seconds || !in_gate(*task.zone, *options.fail_on))
        continue;
      out.push_back(finding(task.task.name, "its longest invocation", task.seconds.max,
                            *task.task.limit.seconds, *task.zone));
    }
  }
  worst_case_gate(worst, options, out);
  return out;
}

}  // namespace conflictctl::budget

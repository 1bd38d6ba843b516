#include "budget/run_budget.h"

#include <fmt/format.h>

#include <cctype>

#include "budget/history_flows.h"
#include "core/number_text.h"
#include "core/shell_word.h"
#include "budget/quotas.h"
#include "budget/report_tables.h"
#include "budget/worst_case.h"

namespace conflictctl::budget {

namespace {

std::string worst_case_line(const RunBudgetInputs& inputs) {
  WorstCaseOptions options;
  options.function_timeout = inputs.function_timeout;
  options.map_items = map_items(*inputs.history, trace_flows(*inputs.history));
  auto worst = worst_case(*inputs.machine, options);
  if (!worst) return fmt::format("Worst case from the definition: not computed ({})",
                                 worst.error().cause);
  if (!worst->total_seconds) {
    return "Worst case from the definition: unbounded" +
           (worst->assumptions.empty() ? std::string(".") : " — " + worst->assumptions.front());
  }
  std::string line = fmt::format("Worst case from the definition: {} for the whole execution",
                                 seconds_text(*worst->total_seconds));
  const StateBound* longest = nullptr;
  for (const StateBound& state : worst->states) {
    if (state.depth == 0 && state.seconds && (!longest || *state.seconds > *longest->seconds))
      longest = &state;
  }
  if (longest && *longest->seconds > 0) {
    line += fmt::format("; the longest state is {}, up to {}{}", longest->state,
                        seconds_text(*longest->seconds),
                        longest->max_attempts > 1 ? " with its retries" : "");
  }
  return line + ".";
}

std::string quota_part(const QuotaUse& quota) {
  if (!quota.used || !quota.fraction) return "";
  const std::string unit = quota.unit == "bytes" ? " B" : " " + quota.unit;
  std::string text = quota.name == "history_events"
                         ? fmt::format("{} of {} history events", group_thousands(*quota.used),
                                       group_thousands(quota.limit))
                         : fmt::format("{}{} {}{} of {}{}",
                                       static_cast<char>(std::tolower(quota.label.front())),
                                       quota.label.substr(1),
                                       group_thousands(*quota.used), unit,
                                       group_thousands(quota.limit), unit);
  text += fmt::format(" ({})", percent_cell(*quota.fraction));
  if (quota.zone && *quota.zone != engine::Zone::kSafe)
    text += fmt::format(" — {}", engine::to_string(*quota.zone));
  return text;
}

std::string quotas_line(const engine::History& history, WorkflowType type) {
  std::string parts;
  for (const QuotaUse& quota : measure_quotas({RecordedHistory{"", history, type}})) {
    const bool always = quota.name == "state_payload" || quota.name == "history_events" ||
                        quota.name == "express_duration";
    if (!always && (!quota.zone || *quota.zone == engine::Zone::kSafe)) continue;
    std::string part = quota_part(quota);
    if (part.empty()) continue;
    if (!parts.empty()) parts += ", ";
    parts += part;
  }
  return parts.empty() ? "" : "Quotas in this run: " + parts + ".";
}

}  // namespace

std::string format_run_budget(const RunBudgetInputs& inputs) {
  std::string text = "Budget\n  " + worst_case_line(inputs) + "\n";
  if (std::string quotas = quotas_line(*inputs.history, inputs.type); !quotas.empty())
    text += "  " + quotas + "\n";
  const std::string state_dir =
      inputs.state_dir.empty() ? "" : " --state-dir " + shell_word(inputs.state_dir);
  text += fmt::format("  Full report (measured runs, growth, the timeline as HTML): "
                      "conflictctl budget --pipeline {}{}{}\n",
                      inputs.pipeline, inputs.mock ? " --include-mock" : "", state_dir);
  return text;
}

}  // namespace conflictctl::budget

#include "budget/report_tables.h"

#include <fmt/format.h>

#include <cmath>

#include "core/number_text.h"

namespace conflictctl::budget {

namespace {

const char* kDash = "-";

std::string zone_cell(const std::optional<engine::Zone>& zone) {
  return zone ? std::string(engine::to_string(*zone)) : kDash;
}

std::string optional_seconds(const std::optional<double>& seconds) {
  return seconds ? seconds_cell(*seconds) : kDash;
}

std::string quantity(double value, const std::string& unit) {
  return group_thousands(value) + (unit == "bytes" ? " B" : "");
}

std::string indented(const std::string& name, int depth) {
  return std::string(static_cast<std::size_t>(std::max(depth, 0)) * 2, ' ') + name;
}

ReportTable measured_table(const BudgetReport& report) {
  ReportTable table{"measured", "Measured per invocation", {}, {}, {}, {}};
  table.columns = {"Task", "Runs", "Invocations", "Min", "Median", "p95", "Max", "Spread",
                   "TimeoutSeconds", "Function timeout", "Limit", "Used", "Zone", "Rows/s"};
  table.numeric = {false, true, true, true, true, true, true, true,
                   true,  true, true, true, false, true};
  for (const MeasuredTask& task : report.measured.tasks) {
    std::string invocations = group_thousands(static_cast<double>(task.seconds.count));
    if (task.failed || task.timed_out)
      invocations += fmt::format(" ({} failed, {} timed out)", task.failed, task.timed_out);
    table.rows.push_back(
        {indented(task.task.name, task.task.depth),
         std::to_string(task.runs.size()),
         invocations,
         seconds_cell(task.seconds.min),
         seconds_cell(task.seconds.median),
         seconds_cell(task.seconds.p95),
         seconds_cell(task.seconds.max),
         task.spread ? percent_cell(*task.spread) : kDash,
         optional_seconds(task.task.limit.timeout_seconds),
         optional_seconds(task.task.limit.function_timeout_seconds),
         optional_seconds(task.task.limit.seconds),
         task.used ? percent_cell(*task.used) : kDash,
         zone_cell(task.zone),
         task.rows_per_second ? group_thousands(std::round(*task.rows_per_second * 10) / 10)
                              : kDash});
  }
  if (table.rows.empty()) table.notes.push_back("No Task invocation was measured.");
  table.notes.push_back(
      "Per invocation: each attempt of a Task is one Lambda invocation with its own limit, the "
      "smaller of TimeoutSeconds and the function's timeout (900 s when not configured). "
      "Zones: safe below 80 % of the limit, warning from 80 % to 100 %, over = the invocation "
      "fails. Spread = (max - min) / median of each run's longest invocation.");
  return table;
}

std::string drift_cell(const SideBySideTask& task) {
  if (!task.drift_seconds) return kDash;
  std::string seconds = (*task.drift_seconds >= 0 ? "+" : "") + seconds_cell(*task.drift_seconds);
  if (!task.drift_fraction) return seconds;
  return fmt::format("{} ({}{})", seconds, *task.drift_fraction >= 0 ? "+" : "",
                     percent_cell(*task.drift_fraction));
}

ReportTable local_vs_aws_table(const BudgetReport& report) {
  const LocalVsAws& compared = report.local_vs_aws;
  ReportTable table{"local_vs_aws", "Local and AWS per invocation", {}, {}, {}, {}};
  table.columns = {"Task",       "Local runs", "Local median", "Local max",
                   "AWS runs",   "AWS median", "AWS max",      "Drift (median)"};
  table.numeric = {false, true, true, true, true, true, true, true};
  auto median = [](const std::optional<Summary>& s) {
    return s ? seconds_cell(s->median) : kDash;
  };
  auto max = [](const std::optional<Summary>& s) { return s ? seconds_cell(s->max) : kDash; };
  for (const SideBySideTask& task : compared.tasks)
    table.rows.push_back({indented(task.state, task.depth), std::to_string(task.local_runs),
                          median(task.local), max(task.local), std::to_string(task.aws_runs),
                          median(task.aws), max(task.aws), drift_cell(task)});
  table.notes.push_back(fmt::format(
      "Local: {} measured here (simulate, execute); AWS: {} on AWS Step Functions (start "
      "--wait, history import). Drift = AWS median - local median per invocation.",
      compared.local_runs == 1 ? "1 run" : fmt::format("{} runs", compared.local_runs),
      compared.aws_runs == 1 ? "1 run" : fmt::format("{} runs", compared.aws_runs)));
  return table;
}

ReportTable worst_state_table(const BudgetReport& report) {
  ReportTable table{"worst_case", "Worst case from the definition, per state", {}, {}, {}, {}};
  table.columns = {"State", "Longest", "Limit per attempt", "Attempts", "How"};
  table.numeric = {false, true, true, true, false};
  for (const StateBound& state : report.worst_case.states)
    table.rows.push_back({indented(state.state, state.depth),
                          state.seconds ? seconds_cell(*state.seconds) : "unbounded",
                          optional_seconds(state.invocation_limit_seconds),
                          std::to_string(state.max_attempts), state.reason});
  const auto& total = report.worst_case.total_seconds;
  table.notes.push_back(total ? fmt::format("Whole execution, at worst: {}.", seconds_cell(*total))
                              : "Whole execution: unbounded.");
  for (const std::string& assumption : report.worst_case.assumptions)
    table.notes.push_back(assumption);
  return table;
}

ReportTable worst_path_table(const BudgetReport& report) {
  ReportTable table{"worst_path", "Worst-case path", {}, {}, {}, {}};
  table.columns = {"#", "State", "Step", "Seconds", "Elapsed"};
  table.numeric = {true, false, false, true, true};
  double elapsed = 0;
  int n = 0;
  for (const PathStep& step : report.worst_case.path) {
    elapsed += step.seconds;
    table.rows.push_back({std::to_string(++n), step.state, step.what, seconds_cell(step.seconds),
                          seconds_cell(elapsed)});
  }
  return table;
}

ReportTable growth_table(const BudgetReport& report) {
  std::string factor = "×" + group_thousands(report.growth.scale);
  ReportTable table{"growth", fmt::format("Growth: data {}", factor), {}, {}, {}, {}};
  table.columns = {"Task", "Method", "p95", "Max", "p95 " + factor, "Max " + factor, "Limit",
                   "Zone now", "Zone " + factor, "Chunks"};
  table.numeric = {false, false, true, true, true, true, true, false, false, true};
  for (const GrowthTask& task : report.growth.tasks) {
    std::string chunks = kDash;
    if (task.chunks)
      chunks = task.chunks->needed ? fmt::format("{} → {}", task.chunks->current, *task.chunks->needed)
                                   : fmt::format("{} → none", task.chunks->current);
    table.rows.push_back({task.state, std::string(to_string(task.method)),
                          seconds_cell(task.p95_seconds), seconds_cell(task.max_seconds),
                          seconds_cell(task.predicted_p95_seconds),
                          seconds_cell(task.predicted_max_seconds),
                          optional_seconds(task.limit_seconds), zone_cell(task.zone_now),
                          zone_cell(task.zone), chunks});
    table.notes.push_back(fmt::format("{}: {}.", task.state, task.basis));
    if (task.leaves_safe_zone)
      table.notes.push_back(fmt::format("{} leaves the safe zone at {}.", task.state, factor));
    if (task.chunks && !task.chunks->needed)
      table.notes.push_back(fmt::format(
          "{}: no chunk count keeps it under 80 % of its limit: its fixed part alone is too long.",
          task.state));
  }
  if (!report.growth.tasks.empty())
    table.notes.push_back(
        "Chunks: the Map's items now → the count that keeps each invocation under 80 % of its "
        "limit, the data split evenly.");
  return table;
}

ReportTable quota_table(const BudgetReport& report) {
  ReportTable table{"quotas", "Quotas", {}, {}, {}, {}};
  table.columns = {"Quota", "Largest seen", "Limit", "Used", "Headroom", "Zone", "Where"};
  table.numeric = {false, true, true, true, true, false, false};
  for (const QuotaUse& quota : report.quotas) {
    table.rows.push_back({quota.label, quota.used ? quantity(*quota.used, quota.unit) : kDash,
                          quantity(quota.limit, quota.unit),
                          quota.fraction ? percent_cell(*quota.fraction) : kDash,
                          quota.headroom ? quantity(*quota.headroom, quota.unit) : kDash,
                          zone_cell(quota.zone), quota.where.empty() ? kDash : quota.where});
    if (!quota.note.empty()) table.notes.push_back(fmt::format("{}: {}.", quota.label, quota.note));
  }
  table.notes.push_back(
      "Limits: Step Functions state input/output 262,144 B (256 KiB); Lambda synchronous "
      "invocation payload 6,291,456 B (6 MB); 25,000 history events per execution; Map items: "
      "what the event quota leaves room for.");
  return table;
}

ReportTable runs_table(const BudgetReport& report) {
  ReportTable table{"runs", "Runs measured", {}, {}, {}, {}};
  table.columns = {"Run", "Command", "Mode", "Clock", "Status", "Started"};
  table.numeric = {false, false, false, false, false, false};
  for (const ReportRun& run : report.runs)
    table.rows.push_back({run.id, run.command, run.mode, run.virtual_clock ? "virtual" : "real",
                          run.status, format_timestamp(run.started)});
  return table;
}

std::string padded(const std::string& text, std::size_t width, bool right) {
  std::string pad(width - std::min(width, display_width(text)), ' ');
  return right ? pad + text : text + pad;
}

std::string escape_markdown(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|' || c == '\\' || c == '*' || c == '_' || c == '`' || c == '<') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string seconds_cell(double seconds) {
  return seconds_text(std::round(seconds * 10) / 10);
}

std::string percent_cell(double fraction) { return fmt::format("{:.1f} %", 100 * fraction); }

std::size_t display_width(const std::string& utf8) {
  std::size_t width = 0;
  for (unsigned char c : utf8) width += (c & 0xC0) != 0x80;
  return width;
}

std::vector<std::string> report_heading(const BudgetReport& report) {
  std::vector<std::string> lines;
  lines.push_back(fmt::format("Budget of pipeline {} ({})", report.pipeline,
                              report.definition_path));
  std::string runs = report.runs.empty()
                         ? "no runs measured"
                         : fmt::format("{} run{} measured, newest {}", report.runs.size(),
                                       report.runs.size() == 1 ? "" : "s", report.runs.front().id);
  lines.push_back(fmt::format("Runs: {}{}.", runs,
                              report.options.include_mock ? " (mock runs included)" : ""));
  if (report.timeline)
    lines.push_back(fmt::format("Timeline: run {} ({}, {}).", report.timeline->run,
                                report.timeline->status,
                                seconds_cell(report.timeline->total_seconds)));
  for (const std::string& note : report.notes) lines.push_back(note);
  return lines;
}

std::vector<ReportTable> report_tables(const BudgetReport& report) {
  std::vector<ReportTable> tables{measured_table(report)};
  if (!report.local_vs_aws.tasks.empty()) tables.push_back(local_vs_aws_table(report));
  for (ReportTable table : {worst_state_table(report), worst_path_table(report),
                            growth_table(report), quota_table(report), runs_table(report)})
    tables.push_back(std::move(table));
  return tables;
}

std::string format_text(const BudgetReport& report) {
  std::string out;
  for (const std::string& line : report_heading(report)) out += line + "\n";
  for (const ReportTable& table : report_tables(report)) {
    out += "\n" + table.title + "\n";
    std::vector<std::size_t> width(table.columns.size());
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      width[c] = display_width(table.columns[c]);
      for (const auto& row : table.rows) width[c] = std::max(width[c], display_width(row[c]));
    }
    auto line = [&](const std::vector<std::string>& cells) {
      std::string text;
      for (std::size_t c = 0; c < cells.size(); ++c) {
        bool last = c + 1 == cells.size();
        text += last && !table.numeric[c] ? cells[c] : padded(cells[c], width[c], table.numeric[c]);
        if (!last) text += "  ";
      }
      out += text + "\n";
    };
    line(table.columns);
    for (const auto& row : table.rows) line(row);
    for (const std::string& note : table.notes) out += "  " + note + "\n";
  }
  return out;
}

std::string format_markdown(const BudgetReport& report) {
  std::string out = "# " + escape_markdown(report_heading(report).front()) + "\n\n";
  auto heading = report_heading(report);
  for (std::size_t i = 1; i < heading.size(); ++i) out += "- " + escape_markdown(heading[i]) + "\n";
  for (const ReportTable& table : report_tables(report)) {
    out += "\n## " + escape_markdown(table.title) + "\n\n";
    auto row = [&](const std::vector<std::string>& cells) {
      out += "|";
      for (const std::string& cell : cells) out += " " + escape_markdown(cell) + " |";
      out += "\n";
    };
    row(table.columns);
    out += "|";
    for (bool numeric : table.numeric) out += numeric ? "---:|" : "---|";
    out += "\n";
    for (const auto& cells : table.rows) row(cells);
    if (!table.notes.empty()) out += "\n";
    for (const std::string& note : table.notes) out += "- " + escape_markdown(note) + "\n";
  }
  return out;
}

}  // namespace conflictctl::budget

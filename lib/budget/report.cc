#include "budget/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "budget/history_flows.h"
#include "budget/html.h"
#include "budget/recorded_execution.h"
#include "budget/report_tables.h"
#include "budget/task_limits.h"

namespace conflictctl::budget {

namespace {

ReportRun run_of(const RunRecord& record) {
  return ReportRun{record.id,         record.command, record.mode,
                   record.virtual_clock, record.status, record.started};
}

Result<Timeline> timeline_of(const RunRecord& record) {
  auto run = read_recorded_run(record);
  if (!run) return run.error();
  return make_timeline(record.id, *run->machine, run->execution,
                       recorded_function_timeouts(record.function_timeouts));
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

void add_notes(BudgetReport& report, const ReportInputs& inputs) {
  const Measured& measured = report.measured;
  if (std::size_t mock = measured.mock_runs_skipped + inputs.mock_runs_left_out)
    report.notes.push_back(fmt::format(
        "{} on the virtual clock left out: their durations are simulated, not measured "
        "(--include-mock counts them).",
        plural(mock, "mock run", "mock runs")));
  for (const std::string& skipped : measured.skipped)
    if (skipped.find("a mock run on the virtual clock") == std::string::npos)
      report.notes.push_back("Left out: " + skipped + ".");
  bool simulated = std::any_of(report.runs.begin(), report.runs.end(), [](const ReportRun& run) {
    return !is_real_run(run.mode, run.virtual_clock);
  });
  if (simulated)
    report.notes.push_back(
        "Mock runs are included: their durations are simulated (DurationSeconds on the "
        "virtual clock), not measured.");
  if (measured.runs.empty() && !inputs.records.empty())
    report.notes.push_back("No run could be measured: the measured, growth and quota tables "
                           "are empty.");
}

Json optional_json(const std::optional<double>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json optional_json(const std::optional<long long>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json zone_json(const std::optional<engine::Zone>& zone) {
  return zone ? Json(std::string(engine::to_string(*zone))) : Json(nullptr);
}

Json percent_json(const std::optional<double>& fraction) {
  return fraction ? Json(100.0 * *fraction) : Json(nullptr);
}

Json limit_json(const TaskLimit& limit) {
  return {{"timeout_seconds", optional_json(limit.timeout_seconds)},
          {"function_timeout_seconds", optional_json(limit.function_timeout_seconds)},
          {"seconds", optional_json(limit.seconds)}};
}

Json measured_json(const Measured& measured) {
  Json tasks = Json::array();
  for (const MeasuredTask& task : measured.tasks) {
    Json runs = Json::array();
    for (const RunSample& run : task.runs)
      runs.push_back({{"run", run.run},
                      {"invocations", run.invocations},
                      {"succeeded", run.succeeded},
                      {"longest_seconds", run.longest_seconds},
                      {"rows", optional_json(run.rows)},
                      {"map_items", optional_json(run.map_items)}});
    tasks.push_back({{"state", task.task.name},
                     {"resource", task.task.resource},
                     {"map", task.task.map.empty() ? Json(nullptr) : Json(task.task.map)},
                     {"invocations", task.seconds.count},
                     {"failed", task.failed},
                     {"timed_out", task.timed_out},
                     {"seconds",
                      {{"min", task.seconds.min},
                       {"median", task.seconds.median},
                       {"p95", task.seconds.p95},
                       {"max", task.seconds.max}}},
                     {"spread", optional_json(task.spread)},
                     {"limit", limit_json(task.task.limit)},
                     {"used_percent", percent_json(task.used)},
                     {"zone", zone_json(task.zone)},
                     {"rows", optional_json(task.rows)},
                     {"rows_per_second", optional_json(task.rows_per_second)},
                     {"runs", std::move(runs)}});
  }
  return {{"runs", measured.runs}, {"skipped", measured.skipped}, {"tasks", std::move(tasks)}};
}

Json summary_json(const std::optional<Summary>& summary) {
  if (!summary) return nullptr;
  return {{"invocations", summary->count},
          {"min", summary->min},
          {"median", summary->median},
          {"p95", summary->p95},
          {"max", summary->max}};
}

Json local_vs_aws_json(const LocalVsAws& compared) {
  if (compared.tasks.empty()) return nullptr;
  Json tasks = Json::array();
  for (const SideBySideTask& task : compared.tasks)
    tasks.push_back({{"state", task.state},
                     {"local_runs", task.local_runs},
                     {"aws_runs", task.aws_runs},
                     {"local_seconds", summary_json(task.local)},
                     {"aws_seconds", summary_json(task.aws)},
                     {"drift_seconds", optional_json(task.drift_seconds)},
                     {"drift_percent", percent_json(task.drift_fraction)}});
  return {{"local_runs", compared.local_runs},
          {"aws_runs", compared.aws_runs},
          {"tasks", std::move(tasks)}};
}

Json worst_case_json(const WorstCase& worst) {
  Json path = Json::array();
  for (const PathStep& step : worst.path)
    path.push_back({{"state", step.state}, {"what", step.what}, {"seconds", step.seconds}});
  Json states = Json::array();
  for (const StateBound& state : worst.states)
    states.push_back({{"state", state.state},
                      {"pointer", state.pointer},
                      {"depth", state.depth},
                      {"seconds", optional_json(state.seconds)},
                      {"invocation_limit_seconds", optional_json(state.invocation_limit_seconds)},
                      {"max_attempts", state.max_attempts},
                      {"reason", state.reason}});
  return {{"total_seconds", optional_json(worst.total_seconds)},
          {"path", std::move(path)},
          {"states", std::move(states)},
          {"assumptions", worst.assumptions}};
}

Json growth_json(const Growth& growth) {
  Json tasks = Json::array();
  for (const GrowthTask& task : growth.tasks) {
    Json chunks = nullptr;
    if (task.chunks)
      chunks = {{"map", task.chunks->map},
                {"current", task.chunks->current},
                {"needed", optional_json(task.chunks->needed)}};
    tasks.push_back({{"state", task.state},
                     {"method", std::string(to_string(task.method))},
                     {"basis", task.basis},
                     {"fixed_seconds", task.fixed_seconds},
                     {"seconds_per_row", optional_json(task.seconds_per_row)},
                     {"p95_seconds", task.p95_seconds},
                     {"max_seconds", task.max_seconds},
                     {"predicted_p95_seconds", task.predicted_p95_seconds},
                     {"predicted_max_seconds", task.predicted_max_seconds},
                     {"limit_seconds", optional_json(task.limit_seconds)},
                     {"zone_now", zone_json(task.zone_now)},
                     {"zone", zone_json(task.zone)},
                     {"leaves_safe_zone", task.leaves_safe_zone},
                     {"chunks", std::move(chunks)}});
  }
  return {{"scale", growth.scale}, {"tasks", std::move(tasks)}};
}

Json quotas_json(const std::vector<QuotaUse>& quotas) {
  Json out = Json::array();
  for (const QuotaUse& quota : quotas)
    out.push_back({{"name", quota.name},
                   {"label", quota.label},
                   {"unit", quota.unit},
                   {"limit", quota.limit},
                   {"used", optional_json(quota.used)},
                   {"used_percent", percent_json(quota.fraction)},
                   {"headroom", optional_json(quota.headroom)},
                   {"zone", zone_json(quota.zone)},
                   {"where", quota.where},
                   {"note", quota.note}});
  return out;
}

Json timeline_json(const Timeline& timeline) {
  Json lanes = Json::array();
  for (const TimelineLane& lane : timeline.lanes)
    lanes.push_back({{"label", lane.label}, {"depth", lane.depth}, {"state", lane.state}});
  Json bars = Json::array();
  for (const TimelineBar& bar : timeline.bars)
    bars.push_back({{"lane", bar.lane},
                    {"kind", std::string(to_string(bar.kind))},
                    {"state", bar.state},
                    {"start", bar.start},
                    {"end", bar.end},
                    {"outcome", bar.outcome},
                    {"error", bar.error.empty() ? Json(nullptr) : Json(bar.error)},
                    {"attempt", bar.attempt},
                    {"limit_seconds", optional_json(bar.limit_seconds)},
                    {"zone", zone_json(bar.zone)}});
  return {{"run", timeline.run},
          {"status", timeline.status},
          {"total_seconds", timeline.total_seconds},
          {"lanes", std::move(lanes)},
          {"bars", std::move(bars)}};
}

}  // namespace

Result<BudgetReport> make_report(const ReportInputs& inputs) {
  BudgetReport report;
  report.pipeline = inputs.pipeline;
  report.definition_path = inputs.definition_path;
  report.options = inputs.options;
  report.notes = inputs.notes;
  report.measured = measure(inputs.records, MeasureOptions{inputs.options.include_mock});
  report.local_vs_aws =
      compare_local_and_aws(inputs.records, MeasureOptions{inputs.options.include_mock});

  std::set<std::string> measured(report.measured.runs.begin(), report.measured.runs.end());
  std::vector<RecordedHistory> histories;
  std::map<std::string, long long> map_items_seen;  // the most items of each Map in one run
  for (const RunRecord& record : inputs.records) {
    if (!measured.count(record.id)) continue;
    auto history = history_from_json(record.history, record.id, "/history");
    if (!history) continue;  // measure() read it; cannot happen
    for (const auto& [map, items] : map_items(*history, trace_flows(*history)))
      map_items_seen[map] = std::max(map_items_seen[map], items);
    report.runs.push_back(run_of(record));
    histories.push_back(RecordedHistory{record.id, std::move(*history), record.type});
  }
  report.quotas = measure_quotas(histories);
  report.growth = predict_growth(report.measured, inputs.options.scale);

  WorstCaseOptions worst;
  worst.function_timeout = inputs.function_timeout;
  if (inputs.options.items) worst.items = inputs.options.items;
  else worst.map_items = map_items_seen;
  auto bound = worst_case(*inputs.machine, worst);
  if (!bound) return bound.error();
  report.worst_case = std::move(*bound);

  if (inputs.timeline_run) {
    auto timeline = timeline_of(*inputs.timeline_run);
    if (!timeline) return timeline.error();
    report.timeline = std::move(*timeline);
  }
  add_notes(report, inputs);
  return report;
}

std::optional<ReportFormat> parse_report_format(const std::string& name) {
  if (name == "text") return ReportFormat::kText;
  if (name == "json") return ReportFormat::kJson;
  if (name == "markdown") return ReportFormat::kMarkdown;
  if (name == "html") return ReportFormat::kHtml;
  return std::nullopt;
}

std::string format_report(const BudgetReport& report, ReportFormat format) {
  switch (format) {
    case ReportFormat::kText: return format_text(report);
    case ReportFormat::kMarkdown: return format_markdown(report);
    case ReportFormat::kHtml: return render_html(report);
    case ReportFormat::kJson: break;
  }
  return to_json(report).dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

Json to_json(const BudgetReport& report) {
  Json runs = Json::array();
  for (const ReportRun& run : report.runs)
    runs.push_back({{"id", run.id},
                    {"command", run.command},
                    {"mode", run.mode},
                    {"virtual_clock", run.virtual_clock},
                    {"status", run.status},
                    {"started", format_timestamp(run.started)}});
  return {{"pipeline", report.pipeline},
          {"definition", report.definition_path},
          {"scale", report.options.scale},
          {"items", optional_json(report.options.items)},
          {"include_mock", report.options.include_mock},
          {"runs", std::move(runs)},
          {"notes", report.notes},
          {"measured", measured_json(report.measured)},
          {"local_vs_aws", local_vs_aws_json(report.local_vs_aws)},
          {"worst_case", worst_case_json(report.worst_case)},
          {"growth", growth_json(report.growth)},
          {"quotas", quotas_json(report.quotas)},
          {"timeline", report.timeline ? timeline_json(*report.timeline) : Json(nullptr)}};
}

}  // namespace conflictctl::budget

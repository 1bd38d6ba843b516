#include "budget/growth.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "asl/defaults.h"
#include "asl/limits.h"
#include "core/number_text.h"

namespace conflictctl::budget {

namespace {

struct Model {
  GrowthMethod method = GrowthMethod::kProportional;
  std::string basis;
  double fixed = 0;
  std::optional<double> per_row;
};

Model model_for(const MeasuredTask& task) {
  std::vector<double> rows, seconds;
  for (const RunSample& run : task.runs) {
    if (!run.rows || run.succeeded == 0) continue;
    double n = static_cast<double>(run.succeeded);
    rows.push_back(static_cast<double>(*run.rows) / n);
    seconds.push_back(run.succeeded_seconds / n);
  }
  Model model;
  std::size_t distinct = std::set<double>(rows.begin(), rows.end()).size();
  if (rows.empty()) {
    model.basis = "proportional: the task reports no row counts";
    return model;
  }
  auto line = fit_line(rows, seconds);
  if (!line) {
    model.basis = fmt::format("proportional: rows measured at {} only",
                              group_thousands(rows.front()));
    return model;
  }
  if (line->slope <= 0) {
    model.basis = fmt::format(
        "proportional: the durations of {} do not grow with their {}",
        count_text(static_cast<std::int64_t>(rows.size()), "run"),
        count_text(static_cast<std::int64_t>(distinct), "row count"));
    return model;
  }
  model.method = GrowthMethod::kFit;
  model.fixed = std::max(0.0, line->intercept);
  model.per_row = line->slope;
  model.basis = fmt::format("least squares over {} ({}): {} + {:.6g} s per row",
                            count_text(static_cast<std::int64_t>(rows.size()), "run"),
                            count_text(static_cast<std::int64_t>(distinct), "row count"),
                            seconds_text(model.fixed), line->slope);
  return model;
}

double grow(double measured, double fixed, double factor) {
  double base = std::min(fixed, measured);
  return base + (measured - base) * factor;
}

std::optional<ChunkAdvice> chunk_advice(const MeasuredTask& task, const GrowthTask& growth,
                                        double scale) {
  if (task.task.map.empty() || !growth.limit_seconds) return std::nullopt;
  auto newest = std::find_if(task.runs.begin(), task.runs.end(),
                             [](const RunSample& run) { return run.map_items.has_value(); });
  if (newest == task.runs.end() || *newest->map_items <= 0) return std::nullopt;
  ChunkAdvice advice;
  advice.map = task.task.map;
  advice.current = *newest->map_items;
  double fixed = std::min(growth.fixed_seconds, growth.max_seconds);
  double work = (growth.max_seconds - fixed) * scale * static_cast<double>(advice.current);
  double room = asl::defaults::kSafeFraction * *growth.limit_seconds - fixed;
  if (room > 0) advice.needed = std::max(1LL, static_cast<long long>(std::floor(work / room)) + 1);
  return advice;
}

}  // namespace

std::string_view to_string(GrowthMethod method) {
  return method == GrowthMethod::kFit ? "fit" : "proportional";
}

Growth predict_growth(const Measured& measured, double scale) {
  Growth growth;
  growth.scale = scale;
  for (const MeasuredTask& task : measured.tasks) {
    Model model = model_for(task);
    GrowthTask out;
    out.state = task.task.name;
    out.method = model.method;
    out.basis = model.basis;
    out.fixed_seconds = model.fixed;
    out.seconds_per_row = model.per_row;
    out.p95_seconds = task.seconds.p95;
    out.max_seconds = task.seconds.max;
    out.predicted_p95_seconds = grow(task.seconds.p95, model.fixed, scale);
    out.predicted_max_seconds = grow(task.seconds.max, model.fixed, scale);
    out.limit_seconds = task.task.limit.seconds;
    if (out.limit_seconds && *out.limit_seconds > 0) {
      out.zone_now = engine::zone_for(out.max_seconds, *out.limit_seconds);
      out.zone = engine::zone_for(out.predicted_max_seconds, *out.limit_seconds);
      out.leaves_safe_zone = out.zone_now == engine::Zone::kSafe && out.zone != engine::Zone::kSafe;
    }
    out.chunks = chunk_advice(task, out, scale);
    growth.tasks.push_back(std::move(out));
  }
  return growth;
}

}  // namespace conflictctl::budget

#include "budget/statistics.h"

#include <algorithm>
#include <cmath>

namespace conflictctl::budget {

Summary summarize(std::vector<double> values) {
  Summary summary;
  if (values.empty()) return summary;
  std::sort(values.begin(), values.end());
  std::size_t n = values.size();
  summary.count = n;
  summary.min = values.front();
  summary.max = values.back();
  summary.median = n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  auto rank = static_cast<std::size_t>(std::ceil(0.95 * static_cast<double>(n)));
  summary.p95 = values[std::clamp<std::size_t>(rank, 1, n) - 1];
  return summary;
}

std::optional<double> spread(const std::vector<double>& values) {
  if (values.size() < 2) return std::nullopt;
  Summary summary = summarize(values);
  if (summary.median == 0) return std::nullopt;
  return (summary.max - summary.min) / summary.median;
}

std::optional<Line> fit_line(const std::vector<double>& xs, const std::vector<double>& ys) {
  if (xs.size() != ys.size() || xs.size() < 2) return std::nullopt;
  double n = static_cast<double>(xs.size());
  double mean_x = 0, mean_y = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    mean_x += xs[i] / n;
    mean_y += ys[i] / n;
  }
  double sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    sxx += (xs[i] - mean_x) * (xs[i] - mean_x);
    sxy += (xs[i] - mean_x) * (ys[i] - mean_y);
  }
  if (sxx == 0) return std::nullopt;
  Line line;
  line.slope = sxy / sxx;
  line.intercept = mean_y - line.slope * mean_x;
  return line;
}

}  // namespace conflictctl::budget

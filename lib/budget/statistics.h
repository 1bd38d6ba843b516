#pragma once
// The small statistics the budget report uses: a summary of durations, and a straight line
// fitted by least squares. Pure functions; thread-safe.
#include <optional>
#include <vector>

namespace conflictctl::budget {

struct Summary {
  std::size_t count = 0;
  double min = 0;
  double median = 0;  // the middle value; the mean of the two middle values for an even count
  double p95 = 0;     // nearest rank: the value at rank ceil(0.95 × count) in ascending order
  double max = 0;
};

// Summary of `values` (any order); all zeros for none.
Summary summarize(std::vector<double> values);

// Run-to-run spread of per-run values: (max − min) / median. nullopt with fewer than two
// values or a zero median.
std::optional<double> spread(const std::vector<double>& values);

// y = intercept + slope × x, fitted by ordinary least squares.
struct Line {
  double intercept = 0;
  double slope = 0;
};

// The least-squares line through the points (xs[i], ys[i]); nullopt when there are fewer
// than two distinct x values (or the vectors differ in length).
std::optional<Line> fit_line(const std::vector<double>& xs, const std::vector<double>& ys);

}  // namespace conflictctl::budget

#include "progress/step_progress.h"

#include <fmt/format.h>

#include <cmath>

#include "core/number_text.h"

namespace conflictctl::progress {

void StepProgress::started(std::string_view step) {
  started_ = clock_.now();
  line_.show(fmt::format("… {}", step));
}

void StepProgress::finished(std::string_view step, std::string_view result) {
  const double seconds = static_cast<double>((clock_.now() - started_).count()) / 1000.0;
  const std::string time = seconds_text(std::round(seconds * 10) / 10);
  line_.settle(line_.marked("✓", StatusLine::Color::kGreen,
                            result.empty() ? fmt::format("{}  {}", step, time)
                                           : fmt::format("{}  {}, {}", step, result, time)));
}

}  // namespace conflictctl::progress

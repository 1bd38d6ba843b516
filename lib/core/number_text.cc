#include "core/number_text.h"

#include <fmt/format.h>

#include <cmath>

namespace conflictctl {

std::string group_thousands(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value < 0 ? "-∞" : "∞";
  std::string text = fmt::format("{:.3f}", std::abs(value));
  auto point = text.find('.');
  std::string fraction = text.substr(point);
  while (fraction.back() == '0') fraction.pop_back();
  if (fraction == ".") fraction.clear();
  std::string digits = text.substr(0, point), grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  bool negative = value < 0 && (grouped != "0" || !fraction.empty());
  return (negative ? "-" : "") + grouped + fraction;
}

std::string seconds_text(double seconds) { return group_thousands(seconds) + " s"; }

std::string count_text(std::int64_t count, std::string_view singular, std::string_view plural) {
  std::string noun(count == 1 ? singular : plural);
  if (count != 1 && plural.empty()) noun = std::string(singular) + "s";
  return group_thousands(static_cast<double>(count)) + " " + noun;
}

}  // namespace conflictctl

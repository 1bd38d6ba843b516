#include "budget/number_text.h"

#include <fmt/format.h>

#include <cmath>

namespace conflictctl::budget {

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

}  // namespace conflictctl::budget

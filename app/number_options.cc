#include "number_options.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>

namespace conflictctl::app {

namespace {

// The whole of `text` as a finite number, or nothing.
std::optional<double> finite_number(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

CLI::Validator number_check(const char* name, const char* wanted, bool whole, double minimum) {
  return CLI::Validator(
      [wanted, whole, minimum](std::string& text) -> std::string {
        std::optional<double> value = finite_number(text);
        if (value && *value >= minimum && (!whole || std::floor(*value) == *value)) return "";
        return fmt::format("{} is not {}", text, wanted);
      },
      "", name);
}

}  // namespace

CLI::Validator positive_number() {
  return number_check("POSITIVE", "a number greater than 0", false,
                      std::nextafter(0.0, 1.0));
}

CLI::Validator non_negative_number() {
  return number_check("NONNEGATIVE", "a number of 0 or more", false, 0);
}

CLI::Validator positive_integer() {
  return number_check("POSITIVE_INTEGER", "a whole number of 1 or more", true, 1);
}

CLI::Validator non_negative_integer() {
  return number_check("NONNEGATIVE_INTEGER", "a whole number of 0 or more", true, 0);
}

}  // namespace conflictctl::app

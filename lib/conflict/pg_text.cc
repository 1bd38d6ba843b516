#include "conflict/pg_text.h"

#include <charconv>

namespace conflictctl::conflict {

using namespace std::chrono;

namespace {

// Exactly `length` digits at `from`.
std::optional<int> digits(std::string_view text, std::size_t from, std::size_t length) {
  if (from + length > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = from; i < from + length; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

std::optional<rules::Instant> parse_pg_timestamp(std::string_view text) {
  // YYYY-MM-DD HH:MM:SS[.f{1,6}]
  if (text.size() < 19 || text[10] != ' ' || text[13] != ':' || text[16] != ':')
    return std::nullopt;
  auto date = parse_date(text.substr(0, 10));
  auto h = digits(text, 11, 2), m = digits(text, 14, 2), s = digits(text, 17, 2);
  if (!date || !h || !m || !s || *h > 23 || *m > 59 || *s > 59) return std::nullopt;
  std::int64_t micros = 0;
  if (text.size() > 19) {
    if (text[19] != '.' || text.size() == 20 || text.size() > 26) return std::nullopt;
    std::size_t length = text.size() - 20;
    auto fraction = digits(text, 20, length);
    if (!fraction) return std::nullopt;
    micros = *fraction;
    for (std::size_t i = length; i < 6; ++i) micros *= 10;
  }
  return rules::Instant{sys_days{*date}} + hours{*h} + minutes{*m} + seconds{*s} +
         microseconds{micros};
}

std::optional<bool> parse_pg_bool(std::string_view text) {
  if (text == "t") return true;
  if (text == "f") return false;
  return std::nullopt;
}

std::optional<std::int64_t> parse_pg_integer(std::string_view text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::optional<rules::Hundredths> parse_pg_hundredths(std::string_view text) {
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  std::size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  if (whole.empty() || whole.size() > 15) return std::nullopt;
  std::int64_t value = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  for (std::size_t i = 0; i < fraction.size(); ++i) {
    char c = fraction[i];
    if (c < '0' || c > '9') return std::nullopt;
    if (i < 2) value = value * 10 + (c - '0');
  }
  for (std::size_t i = fraction.size(); i < 2; ++i) value *= 10;
  if (fraction.size() > 2 && fraction[2] >= '5') ++value;  // half away from zero
  return negative ? -value : value;
}

}  // namespace conflictctl::conflict

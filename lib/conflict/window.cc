#include "conflict/window.h"

#include <fmt/format.h>

#include <charconv>

namespace conflictctl::conflict {

using namespace std::chrono;

Date utc_date(Timestamp now) { return Date{floor<days>(now)}; }

Window window_for(Date today) {
  Date first = today - years{kWindowYearsBack};
  if (!first.ok()) first = Date{first.year() / first.month() / last};  // Feb 29 → Feb 28
  return Window{today, first, Date{sys_days{today} + days{kWindowDaysAhead}}};
}

std::string format_date(Date date) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](std::size_t from, std::size_t length) -> std::optional<int> {
    int value = 0;
    auto [end, ec] = std::from_chars(text.data() + from, text.data() + from + length, value);
    if (ec != std::errc() || end != text.data() + from + length) return std::nullopt;
    return value;
  };
  auto y = number(0, 4), m = number(5, 2), d = number(8, 2);
  if (!y || !m || !d) return std::nullopt;
  Date date{year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

}  // namespace conflictctl::conflict

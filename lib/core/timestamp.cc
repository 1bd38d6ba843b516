#include "core/timestamp.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace conflictctl {

std::string format_timestamp(Timestamp t) {
  using namespace std::chrono;
  auto day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss<Millis> hms{t - day};
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) {  // outside the four-digit years: the general form
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", year,
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                       hms.hours().count(), hms.minutes().count(), hms.seconds().count(),
                       hms.subseconds().count());
  }
  // Written digit by digit: every history event and state entry formats one.
  std::string text = "0000-00-00T00:00:00.000Z";
  auto put = [&text](std::size_t end, long long value, int width) {
    for (int i = 0; i < width; ++i, value /= 10) text[end - 1 - i] = static_cast<char>('0' + value % 10);
  };
  put(4, year, 4);
  put(7, static_cast<unsigned>(ymd.month()), 2);
  put(10, static_cast<unsigned>(ymd.day()), 2);
  put(13, hms.hours().count(), 2);
  put(16, hms.minutes().count(), 2);
  put(19, hms.seconds().count(), 2);
  put(23, hms.subseconds().count(), 3);
  return text;
}

namespace {
bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}
}  // namespace

std::optional<Timestamp> parse_timestamp(std::string_view s) {
  using namespace std::chrono;
  int y, mo, d, h, mi, se;
  if (!digits(s, 0, 4, y) || s.size() < 20 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't') || !digits(s, 11, 2, h) ||
      s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, se))
    return std::nullopt;
  year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || se > 60) return std::nullopt;
  std::size_t pos = 19;
  long long millis = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    std::size_t start = pos;
    long long scale = 100;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
      millis += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }
  int offset_minutes = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh, om;
    if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !digits(s, pos + 4, 2, om) || oh > 23 || om > 59)
      return std::nullopt;
    offset_minutes = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  auto t = sys_days{ymd} + hours{h} + minutes{mi} + seconds{se} + Millis{millis} -
           minutes{offset_minutes};
  return time_point_cast<Millis>(t);
}

Millis seconds_to_millis(double seconds) {
  if (std::isnan(seconds)) return Millis{0};
  const double clamped = std::clamp(seconds, -kMaxDurationSeconds, kMaxDurationSeconds);
  return Millis{static_cast<long long>(std::llround(clamped * 1000.0))};
}

double millis_to_seconds(Millis d) { return static_cast<double>(d.count()) / 1000.0; }

}  // namespace conflictctl

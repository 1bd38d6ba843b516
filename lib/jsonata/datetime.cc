#include "jsonata/datetime.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <regex>

#include "core/json.h"
#include "core/timestamp.h"

namespace conflictctl::jsonata {
namespace {

struct Civil {
  long long year;
  unsigned month, day, hour, minute, second, millis, weekday, yday;
};

Civil civil(long long millis) {
  using namespace std::chrono;
  const sys_time<milliseconds> t{milliseconds(millis)};
  const auto days_point = floor<days>(t);
  const year_month_day ymd{days_point};
  const hh_mm_ss<milliseconds> time{t - days_point};
  const weekday wd{days_point};
  const auto jan1 = sys_days{ymd.year() / January / 1};
  return Civil{static_cast<int>(ymd.year()),
               static_cast<unsigned>(ymd.month()),
               static_cast<unsigned>(ymd.day()),
               static_cast<unsigned>(time.hours().count()),
               static_cast<unsigned>(time.minutes().count()),
               static_cast<unsigned>(time.seconds().count()),
               static_cast<unsigned>(time.subseconds().count()),
               wd.iso_encoding(),
               static_cast<unsigned>((days_point - jan1).count() + 1)};
}

const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                         "July",    "August",   "September", "October", "November", "December"};
const char* kDays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                       "Friday", "Saturday", "Sunday"};

std::string cased(std::string name, const std::string& modifier) {
  if (modifier.find("N") == 0 && modifier.find("Nn") != 0) {
    for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  } else if (modifier.find("n") == 0) {
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return name;
}

std::string number(long long value, const std::string& presentation) {
  std::size_t width = 0;
  for (char c : presentation) {
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '#') ++width;
  }
  std::string digits = std::to_string(std::llabs(value));
  std::size_t min = 0;
  for (char c : presentation) min += std::isdigit(static_cast<unsigned char>(c)) ? 1 : 0;
  (void)width;
  if (digits.size() < min) digits = std::string(min - digits.size(), '0') + digits;
  return (value < 0 ? "-" : "") + digits;
}

Result<std::string> component(const std::string& marker, const Civil& c, int offset_minutes) {
  const char spec = marker[0];
  std::string presentation = marker.substr(1);
  const std::size_t comma = presentation.find(',');
  if (comma != std::string::npos) presentation = presentation.substr(0, comma);
  // Ordinal/cardinal modifiers (t, o) are dropped.
  if (!presentation.empty() && (presentation.back() == 'o' || presentation.back() == 't')) {
    presentation.pop_back();
  }
  const bool named = presentation.find('N') == 0 || presentation.find('n') == 0;
  switch (spec) {
    case 'Y': {
      std::string p = presentation.empty() ? "1" : presentation;
      std::string text = number(c.year, p);
      if (p.size() == 2 && text.size() > 2) text = text.substr(text.size() - 2);
      return text;
    }
    case 'M':
      if (named) return cased(kMonths[c.month - 1], presentation);
      return number(c.month, presentation.empty() ? "1" : presentation);
    case 'D': return number(c.day, presentation.empty() ? "1" : presentation);
    case 'd': return number(c.yday, presentation.empty() ? "1" : presentation);
    case 'F':
      if (named || presentation.empty()) {
        return cased(kDays[c.weekday - 1], presentation.empty() ? "n" : presentation);
      }
      return number(c.weekday, presentation);
    case 'H': return number(c.hour, presentation.empty() ? "1" : presentation);
    case 'h': {
      unsigned h = c.hour % 12;
      if (h == 0) h = 12;
      return number(h, presentation.empty() ? "1" : presentation);
    }
    case 'm': return number(c.minute, presentation.empty() ? "01" : presentation);
    case 's': return number(c.second, presentation.empty() ? "01" : presentation);
    case 'f': {
      std::string digits = fmt::format("{:03}", c.millis);
      const std::size_t width = presentation.empty() ? 3 : presentation.size();
      if (width <= 3) return digits.substr(0, width);
      return digits + std::string(width - 3, '0');
    }
    case 'P': {
      std::string ampm = c.hour < 12 ? "am" : "pm";
      if (presentation.find('N') == 0 && presentation.find("Nn") != 0)
        ampm = c.hour < 12 ? "AM" : "PM";
      return ampm;
    }
    case 'Z':
    case 'z': {
      const int total = std::abs(offset_minutes);
      const std::string sign = offset_minutes < 0 ? "-" : "+";
      std::string text;
      if (presentation == "0101" || presentation == "01:01" || presentation.empty() ||
          presentation.find(':') != std::string::npos) {
        text = fmt::format("{}{:02}:{:02}", sign, total / 60, total % 60);
      } else {
        text = fmt::format("{}{:02}{:02}", sign, total / 60, total % 60);
      }
      if (spec == 'z') return "GMT" + text;
      if (presentation.find('t') != std::string::npos && offset_minutes == 0)
        return std::string("Z");
      return text;
    }
    case 'x': return number(c.year, "1");
    default:
      return Error{"D3132",
                   fmt::format("Unknown component specifier {} in date/time picture string",
                               std::string(1, spec))};
  }
}

}  // namespace

Result<std::string> format_millis(double millis, const std::optional<std::string>& picture,
                                  const std::optional<std::string>& timezone) {
  int offset = 0;
  if (timezone) {
    std::string tz = *timezone;
    if (tz.size() >= 5 && (tz[0] == '+' || tz[0] == '-')) {
      const int hours = std::atoi(tz.substr(1, 2).c_str());
      const int minutes = std::atoi(tz.substr(tz.size() - 2).c_str());
      offset = (tz[0] == '-' ? -1 : 1) * (hours * 60 + minutes);
    }
  }
  if (!std::isfinite(millis) || std::fabs(millis) > 8.64e15) {
    return Error{"D3110", "The time value is out of range"};
  }
  const auto ms =
      static_cast<long long>(std::floor(millis)) + static_cast<long long>(offset) * 60000;
  const Civil c = civil(ms);
  if (!picture) {
    if (c.year < 0 || c.year > 9999) {
      return fmt::format("{}{:06}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", c.year < 0 ? "-" : "+",
                         std::llabs(c.year), c.month, c.day, c.hour, c.minute, c.second, c.millis);
    }
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", c.year, c.month, c.day, c.hour,
                       c.minute, c.second, c.millis);
  }
  std::string out;
  const std::string& p = *picture;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '[' && i + 1 < p.size() && p[i + 1] == '[') {
      out += '[';
      ++i;
    } else if (p[i] == ']' && i + 1 < p.size() && p[i + 1] == ']') {
      out += ']';
      ++i;
    } else if (p[i] == '[') {
      const std::size_t close = p.find(']', i);
      if (close == std::string::npos) {
        return Error{"D3135", "No matching closing bracket ']' in date/time picture string"};
      }
      std::string marker;
      for (char ch : p.substr(i + 1, close - i - 1)) {
        if (!std::isspace(static_cast<unsigned char>(ch))) marker += ch;
      }
      if (marker.empty()) {
        return Error{"D3132", "Unknown component specifier in date/time picture string"};
      }
      Result<std::string> text = component(marker, c, offset);
      if (!text) return text.error();
      out += *text;
      i = close;
    } else {
      out += p[i];
    }
  }
  return out;
}

Result<std::optional<double>> parse_millis(const std::string& text,
                                           const std::optional<std::string>& picture) {
  if (picture) {
    return Error{"U1002",
                 "$toMillis with a picture string is not supported by this implementation"};
  }
  // jsonata-js's test of ISO 8601 text, before Date.parse reads it.
  static const std::regex iso(R"(^\d{4}(-[01]\d)*(-[0-3]\d)*(T[0-2]\d:[0-5]\d:[0-5]\d)*)"
                              R"((\.\d+)?([+-][0-2]\d:?[0-5]\d|Z)?$)");
  auto invalid = [&] {
    return Error{"D3110",
                 "The argument of the toMillis function must be an ISO 8601 formatted "
                 "timestamp. Given " +
                     Json(text).dump(-1, ' ', false, Json::error_handler_t::replace)};
  };
  if (text.size() > 64 || !std::regex_match(text, iso)) return invalid();
  // Date.parse: a date alone is UTC midnight; a date-time without an offset is local time
  // (UTC here, as in Step Functions).
  std::string full = text;
  if (full.size() == 4) full += "-01-01";
  if (full.size() == 7) full += "-01";
  if (full.size() == 10) full += "T00:00:00Z";
  const std::size_t t = full.find('T');
  if (t != std::string::npos) {
    const std::string rest = full.substr(t);
    if (rest.find('Z') == std::string::npos && rest.find('+') == std::string::npos &&
        rest.find('-') == std::string::npos) {
      full += "Z";
    }
  }
  // ±hhmm → ±hh:mm
  if (full.size() > 5 && (full[full.size() - 5] == '+' || full[full.size() - 5] == '-') &&
      full.find(':', full.size() - 5) == std::string::npos) {
    full.insert(full.size() - 2, ":");
  }
  std::optional<Timestamp> parsed = parse_timestamp(full);
  if (!parsed) return std::optional<double>();
  return std::optional<double>(static_cast<double>(parsed->time_since_epoch().count()));
}

}  // namespace conflictctl::jsonata

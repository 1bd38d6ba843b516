#include "jsonata/number_picture.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>
#include <vector>

#include "dataflow/utf8.h"
#include "jsonata/evaluator.h"

namespace conflictctl::jsonata {

namespace {

using Text = std::u32string;

Text decode(std::string_view text) {
  Text out;
  for (std::string_view ch : dataflow::utf8_characters(text)) {
    const auto byte = [&](std::size_t i) { return static_cast<char32_t>(ch[i] & 0x3F); };
    const auto first = static_cast<unsigned char>(ch[0]);
    if (ch.size() == 2) {
      out += (static_cast<char32_t>(first & 0x1F) << 6) | byte(1);
    } else if (ch.size() == 3) {
      out += (static_cast<char32_t>(first & 0x0F) << 12) | byte(1) << 6 | byte(2);
    } else if (ch.size() == 4) {
      out += (static_cast<char32_t>(first & 0x07) << 18) | byte(1) << 12 | byte(2) << 6 | byte(3);
    } else {
      out += first;  // one byte, or an invalid sequence counted byte by byte
    }
  }
  return out;
}

std::string encode(const Text& text) {
  std::string out;
  for (char32_t c : text) dataflow::append_utf8(out, c);
  return out;
}

// The characters a picture is written with (fn:format-number's decimal format).
struct Symbols {
  char32_t decimal = U'.';
  char32_t grouping = U',';
  char32_t exponent = U'e';
  char32_t minus = U'-';
  char32_t percent = U'%';
  char32_t per_mille = U'\u2030';
  char32_t zero = U'0';
  char32_t digit = U'#';
  char32_t pattern = U';';
  std::string infinity = "Infinity";
  std::string nan = "NaN";

  bool mandatory(char32_t c) const { return c >= zero && c < zero + 10; }
  bool any_digit(char32_t c) const { return mandatory(c) || c == digit; }
  // Active without context; the exponent separator is active only between two of these.
  bool active(char32_t c) const { return any_digit(c) || c == decimal || c == grouping; }
};

Result<Symbols> read_options(const Json& options) {
  Symbols s;
  if (!options.is_object()) return s;
  const std::pair<const char*, char32_t*> characters[] = {
      {"decimal-separator", &s.decimal}, {"grouping-separator", &s.grouping},
      {"exponent-separator", &s.exponent}, {"minus-sign", &s.minus},
      {"percent", &s.percent}, {"per-mille", &s.per_mille}, {"zero-digit", &s.zero},
      {"digit", &s.digit}, {"pattern-separator", &s.pattern}};
  for (const auto& [key, target] : characters) {
    auto it = options.find(key);
    if (it == options.end()) continue;
    Text value = it->is_string() ? decode(it->get_ref<const std::string&>()) : Text();
    if (value.size() != 1) {
      return Error{"T0410", fmt::format("The option \"{}\" of $formatNumber must be a string of "
                                        "one character",
                                        key)};
    }
    *target = value[0];
  }
  for (const auto& [key, target] : {std::pair{"infinity", &s.infinity}, {"NaN", &s.nan}}) {
    auto it = options.find(key);
    if (it == options.end()) continue;
    if (!it->is_string()) {
      return Error{"T0410",
                   fmt::format("The option \"{}\" of $formatNumber must be a string", key)};
    }
    *target = it->get<std::string>();
  }
  return s;
}

// A sub-picture analysed (F&O 4.7.4).
struct SubPicture {
  Text prefix;
  Text suffix;
  std::vector<int> integer_groups;   // grouping separators: digits to their right
  int regular_group = 0;             // > 0: a separator every that many digits
  std::vector<int> fraction_groups;  // grouping separators: fraction digits to their left
  int min_integer = 0;
  int scaling = 0;
  int min_fraction = 0;
  int max_fraction = 0;
  int min_exponent = 0;
  bool exponent = false;
  bool percent = false;
  bool per_mille = false;
};

const char* message(std::string_view code) {
  if (code == "D3081") return "more than one decimal separator";
  if (code == "D3082") return "more than one percent character";
  if (code == "D3083") return "more than one per-mille character";
  if (code == "D3084") return "both a percent and a per-mille character";
  if (code == "D3085") return "no digit and no optional digit character";
  if (code == "D3086") return "a passive character between two active ones";
  if (code == "D3087") return "a grouping separator next to the decimal separator";
  if (code == "D3088") return "a grouping separator at the end of the integer part";
  if (code == "D3089") return "two grouping separators next to each other";
  if (code == "D3090") return "an optional digit after a digit in the integer part";
  if (code == "D3091") return "a digit after an optional digit in the fractional part";
  if (code == "D3092") return "a percent or per-mille character with an exponent";
  return "an exponent part that is not digits only";  // D3093
}

// Whether the positions are one interval's multiples 1×, 2×, … as jsonata-js judges it.
int regular_interval(const std::vector<int>& positions) {
  if (positions.empty()) return 0;
  int interval = 0;
  for (int p : positions) interval = std::gcd(interval, p);
  for (std::size_t k = 1; k <= positions.size(); ++k) {
    const int multiple = static_cast<int>(k) * interval;
    if (std::find(positions.begin(), positions.end(), multiple) == positions.end()) return 0;
  }
  return interval;
}

Result<SubPicture> analyse(const Text& sub, const Symbols& s) {
  const std::size_t n = sub.size();
  std::vector<bool> active(n), exponent_at(n);
  for (std::size_t i = 0; i < n; ++i) active[i] = s.active(sub[i]);
  for (std::size_t i = 1; i + 1 < n; ++i) {
    exponent_at[i] = sub[i] == s.exponent && !active[i] && active[i - 1] && active[i + 1];
  }
  SubPicture pic;
  const auto count = [&](char32_t c) { return std::count(sub.begin(), sub.end(), c); };
  pic.percent = count(s.percent) > 0;
  pic.per_mille = count(s.per_mille) > 0;
  std::size_t first = n, last = n;
  for (std::size_t i = 0; i < n; ++i) {
    if (!active[i]) continue;
    if (first == n) first = i;
    last = i;
  }
  if (n == 0) return Error{"D3085", fmt::format("The picture of $formatNumber has {}",
                                                message("D3085"))};
  if (first == n) first = 0, last = n - 1;  // no active character: all of it is checked
  pic.prefix = sub.substr(0, first);
  pic.suffix = sub.substr(last + 1);
  const Text body = sub.substr(first, last + 1 - first);
  std::size_t exponent_pos = Text::npos;
  for (std::size_t i = first; i <= last && exponent_pos == Text::npos; ++i) {
    if (exponent_at[i]) exponent_pos = i - first;
  }
  pic.exponent = exponent_pos != Text::npos;
  const Text mantissa = body.substr(0, exponent_pos);
  const Text exponent = pic.exponent ? body.substr(exponent_pos + 1) : Text();
  const std::size_t decimal_pos = mantissa.find(s.decimal);
  const Text integer = mantissa.substr(0, decimal_pos);
  const Text fraction = decimal_pos == Text::npos ? Text() : mantissa.substr(decimal_pos + 1);

  // F&O 4.7.3's rules in order; when several are broken, the last one is reported.
  std::string code;
  if (count(s.decimal) > 1) code = "D3081";
  if (count(s.percent) > 1) code = "D3082";
  if (count(s.per_mille) > 1) code = "D3083";
  if (pic.percent && pic.per_mille) code = "D3084";
  if (std::none_of(mantissa.begin(), mantissa.end(), [&](char32_t c) { return s.any_digit(c); })) {
    code = "D3085";
  }
  for (std::size_t i = first; i <= last; ++i) {
    if (!active[i] && !exponent_at[i]) code = "D3086";
  }
  if (decimal_pos != Text::npos) {
    if ((decimal_pos > 0 && mantissa[decimal_pos - 1] == s.grouping) ||
        (decimal_pos + 1 < mantissa.size() && mantissa[decimal_pos + 1] == s.grouping)) {
      code = "D3087";
    }
  } else if (!integer.empty() && integer.back() == s.grouping) {
    code = "D3088";
  }
  for (std::size_t i = 0; i + 1 < body.size(); ++i) {
    if (body[i] == s.grouping && body[i + 1] == s.grouping) code = "D3089";
  }
  const auto first_mandatory = std::find_if(integer.begin(), integer.end(),
                                            [&](char32_t c) { return s.mandatory(c); });
  if (std::find(first_mandatory, integer.end(), s.digit) != integer.end()) code = "D3090";
  const auto first_optional = std::find(fraction.begin(), fraction.end(), s.digit);
  if (std::any_of(first_optional, fraction.end(), [&](char32_t c) { return s.mandatory(c); })) {
    code = "D3091";
  }
  if (pic.exponent && (pic.percent || pic.per_mille)) code = "D3092";
  if (pic.exponent &&
      !std::all_of(exponent.begin(), exponent.end(), [&](char32_t c) { return s.mandatory(c); })) {
    code = "D3093";
  }
  if (!code.empty()) {
    return Error{code, fmt::format("The picture of $formatNumber has {}", message(code))};
  }

  // F&O 4.7.4: the variables the formatting reads.
  int digits = 0;
  for (auto it = integer.rbegin(); it != integer.rend(); ++it) {
    if (s.any_digit(*it)) ++digits;
    if (*it == s.grouping) pic.integer_groups.push_back(digits);
  }
  pic.regular_group = regular_interval(pic.integer_groups);
  digits = 0;
  for (char32_t c : fraction) {
    if (s.any_digit(c)) ++digits;
    if (c == s.grouping) pic.fraction_groups.push_back(digits);
  }
  const auto mandatory_in = [&](const Text& part) {
    return static_cast<int>(std::count_if(part.begin(), part.end(),
                                          [&](char32_t c) { return s.mandatory(c); }));
  };
  pic.min_integer = pic.scaling = mandatory_in(integer);
  pic.min_fraction = mandatory_in(fraction);
  pic.max_fraction = static_cast<int>(std::count_if(fraction.begin(), fraction.end(),
                                                    [&](char32_t c) { return s.any_digit(c); }));
  if (pic.min_integer == 0 && pic.max_fraction == 0) {
    if (pic.exponent) pic.min_fraction = pic.max_fraction = 1;  // "#e9": 0.123 → "0.1e0"
    else pic.min_integer = 1;                                    // "#": 0.23 → "0"
  }
  if (pic.exponent && pic.min_integer == 0 && integer.find(s.digit) != Text::npos) {
    pic.min_integer = 1;  // "#.0e9": 0.123 → "0.1e0"
  }
  if (pic.min_integer == 0 && pic.min_fraction == 0) pic.min_fraction = 1;
  pic.min_exponent = mandatory_in(exponent);
  return pic;
}

bool has(const std::vector<int>& positions, int p) {
  return std::find(positions.begin(), positions.end(), p) != positions.end();
}

// Moves the decimal point of `x` by `places` through its text, as jsonata-js does.
double shift(double x, int places) {
  std::string text = js_number_text(x);
  long exponent = 0;
  const std::size_t e = text.find('e');
  if (e != std::string::npos) {
    exponent = std::strtol(text.c_str() + e + 1, nullptr, 10);
    text = text.substr(0, e);
  }
  return std::strtod(fmt::format("{}e{}", text, exponent + places).c_str(), nullptr);
}

}  // namespace

double round_half_even(double x, int places) {
  if (places != 0) x = shift(x, places);
  double result = std::floor(x + 0.5);
  const double diff = result - x;
  if (std::fabs(diff) == 0.5 && std::fabs(std::fmod(result, 2)) == 1) result -= 1;
  if (places != 0) result = shift(result, -places);
  return result;
}

Result<std::string> format_number(double value, std::string_view picture, const Json& options) {
  auto symbols = read_options(options);
  if (!symbols) return symbols.error();
  const Symbols& s = *symbols;
  const Text text = decode(picture);
  const std::size_t separator = text.find(s.pattern);
  if (separator != Text::npos && text.find(s.pattern, separator + 1) != Text::npos) {
    return Error{"D3080", "The picture of $formatNumber has more than two sub-pictures"};
  }
  auto positive = analyse(text.substr(0, separator), s);
  if (!positive) return positive.error();
  SubPicture pic = *positive;
  if (separator != Text::npos) {
    auto negative = analyse(text.substr(separator + 1), s);
    if (!negative) return negative.error();
    if (std::isnan(value)) return s.nan;
    if (value < 0) pic = *negative;
  } else if (std::isnan(value)) {
    return s.nan;
  } else if (value < 0) {
    pic.prefix.insert(pic.prefix.begin(), s.minus);
  }

  double adjusted = std::fabs(value);
  if (pic.percent) adjusted *= 100;
  else if (pic.per_mille) adjusted *= 1000;
  if (std::isinf(adjusted)) return encode(pic.prefix) + s.infinity + encode(pic.suffix);

  // The mantissa and the exponent: mantissa × 10^exponent = adjusted, the mantissa within
  // [10^(scaling-1), 10^scaling] (10^scaling itself kept, as jsonata-js keeps it).
  double mantissa = adjusted;
  int exponent = 0;
  if (pic.exponent && mantissa != 0) {
    const double low = std::pow(10.0, pic.scaling - 1), high = std::pow(10.0, pic.scaling);
    while (mantissa < low) mantissa *= 10, --exponent;
    while (mantissa > high) mantissa /= 10, ++exponent;
  }
  double rounded = round_half_even(mantissa, pic.max_fraction);
  if (!std::isfinite(rounded)) rounded = mantissa;  // hundreds of fraction digits: no rounding
  std::string digits = fmt::format("{:.{}f}", rounded, pic.max_fraction);
  std::size_t dot = digits.find('.');
  std::string integer = digits.substr(0, dot);
  std::string fraction = dot == std::string::npos ? "" : digits.substr(dot + 1);
  integer.erase(0, integer.find_first_not_of('0') == std::string::npos
                       ? integer.size() : integer.find_first_not_of('0'));
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  if (static_cast<int>(integer.size()) < pic.min_integer) {
    integer.insert(0, static_cast<std::size_t>(pic.min_integer) - integer.size(), '0');
  }
  if (static_cast<int>(fraction.size()) < pic.min_fraction) {
    fraction.append(static_cast<std::size_t>(pic.min_fraction) - fraction.size(), '0');
  }

  Text out = pic.prefix;
  const auto digit = [&](char d) { return static_cast<char32_t>(s.zero + (d - '0')); };
  for (std::size_t i = 0; i < integer.size(); ++i) {
    out += digit(integer[i]);
    const int right = static_cast<int>(integer.size() - i - 1);
    if (right > 0 && (pic.regular_group > 0 ? right % pic.regular_group == 0
                                            : has(pic.integer_groups, right))) {
      out += s.grouping;
    }
  }
  if (!fraction.empty()) out += s.decimal;
  for (std::size_t i = 0; i < fraction.size(); ++i) {
    out += digit(fraction[i]);
    if (has(pic.fraction_groups, static_cast<int>(i + 1))) {
      out += s.grouping;
    }
  }
  if (pic.exponent) {
    out += s.exponent;
    if (exponent < 0) out += s.minus;
    std::string e = std::to_string(std::abs(exponent));
    if (static_cast<int>(e.size()) < pic.min_exponent) {
      e.insert(0, static_cast<std::size_t>(pic.min_exponent) - e.size(), '0');
    }
    for (char d : e) out += digit(d);
  }
  out += pic.suffix;
  return encode(out);
}

}  // namespace conflictctl::jsonata

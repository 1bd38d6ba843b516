#include "jsonata/integer_picture.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <cmath>
#include <vector>

#include "jsonata/evaluator.h"

namespace conflictctl::jsonata {

namespace {

constexpr std::array<std::string_view, 20> kUnits = {
    "zero",    "one",     "two",       "three",    "four",     "five",    "six",
    "seven",   "eight",   "nine",      "ten",      "eleven",   "twelve",  "thirteen",
    "fourteen", "fifteen", "sixteen",  "seventeen", "eighteen", "nineteen"};
constexpr std::array<std::string_view, 20> kUnitOrdinals = {
    "zeroth",     "first",      "second",       "third",      "fourth",
    "fifth",      "sixth",      "seventh",      "eighth",     "ninth",
    "tenth",      "eleventh",   "twelfth",      "thirteenth", "fourteenth",
    "fifteenth",  "sixteenth",  "seventeenth",  "eighteenth", "nineteenth"};
constexpr std::array<std::string_view, 8> kTens = {"twenty", "thirty", "forty", "fifty",
                                                   "sixty",  "seventy", "eighty", "ninety"};
constexpr std::array<std::string_view, 4> kMagnitudes = {"thousand", "million", "billion",
                                                         "trillion"};

struct Picture {
  enum Kind { kDecimal, kLower, kUpper, kRomanLower, kRomanUpper, kWords, kWordsUpper,
              kWordsTitle } kind = kDecimal;
  bool ordinal = false;
  std::string primary;
};

Result<Picture> read_picture(std::string_view text) {
  Picture picture;
  auto semicolon = text.rfind(';');
  std::string_view primary = text;
  if (semicolon != std::string_view::npos) {
    primary = text.substr(0, semicolon);
    picture.ordinal = text.substr(semicolon + 1).starts_with('o');
  }
  picture.primary = std::string(primary);
  if (primary == "a") picture.kind = Picture::kLower;
  else if (primary == "A") picture.kind = Picture::kUpper;
  else if (primary == "i") picture.kind = Picture::kRomanLower;
  else if (primary == "I") picture.kind = Picture::kRomanUpper;
  else if (primary == "w") picture.kind = Picture::kWords;
  else if (primary == "W") picture.kind = Picture::kWordsUpper;
  else if (primary == "Ww") picture.kind = Picture::kWordsTitle;
  else if (primary.find_first_of("0123456789") == std::string_view::npos)
    return Error{"D3130", fmt::format("Formatting or parsing an integer as a sequence starting "
                                      "with \"{}\" is not supported by this implementation",
                                      primary)};
  return picture;
}

// English words for a whole number ≥ 0; `joined` when words come before it ("and"/", ").
std::string words(double n, bool joined, bool ordinal) {
  if (n <= 19) {
    auto i = static_cast<std::size_t>(n);
    return (joined ? " and " : "") + std::string(ordinal ? kUnitOrdinals[i] : kUnits[i]);
  }
  if (n < 100) {
    const auto tens = static_cast<std::size_t>(std::floor(n / 10));
    const double rest = std::fmod(n, 10);
    std::string text = (joined ? " and " : "") + std::string(kTens[tens - 2]);
    if (rest > 0) return text + "-" + words(rest, false, ordinal);
    if (ordinal) text = text.substr(0, text.size() - 1) + "ieth";
    return text;
  }
  if (n < 1000) {
    const double hundreds = std::floor(n / 100);
    const double rest = std::fmod(n, 100);
    std::string text = (joined ? ", " : "") + words(hundreds, false, false) + " hundred";
    if (rest > 0) return text + words(rest, true, ordinal);
    return ordinal ? text + "th" : text;
  }
  auto magnitude = static_cast<std::size_t>(std::floor(std::log10(n) / 3));
  magnitude = std::min(magnitude, kMagnitudes.size());
  const double factor = std::pow(10.0, static_cast<double>(magnitude * 3));
  const double count = std::floor(n / factor);
  const double rest = n - count * factor;
  std::string text = (joined ? ", " : "") + words(count, false, false) + " " +
                     std::string(kMagnitudes[magnitude - 1]);
  if (rest > 0) return text + words(rest, true, ordinal);
  return ordinal ? text + "th" : text;
}

std::string title_case(std::string text) {
  bool start = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (start && text.compare(i, 4, "and ") != 0)
      text[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[i])));
    start = text[i] == ' ' || text[i] == '-';
  }
  return text;
}

std::string roman(double n) {
  static constexpr std::array<std::pair<int, std::string_view>, 13> kNumerals = {{
      {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
      {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}}};
  std::string text;
  for (const auto& [value, numeral] : kNumerals)
    while (n >= value) {
      text += numeral;
      n -= value;
    }
  return text;
}

std::string letters(double n, char a) {
  std::string text;
  while (n > 0) {
    text.insert(text.begin(), static_cast<char>(a + static_cast<int>(std::fmod(n - 1, 26))));
    n = std::floor((n - 1) / 26);
  }
  return text;
}

std::string ordinal_suffix(const std::string& digits) {
  const char last = digits.back();
  const char tens = digits.size() > 1 ? digits[digits.size() - 2] : '0';
  if (tens == '1') return "th";
  if (last == '1') return "st";
  if (last == '2') return "nd";
  if (last == '3') return "rd";
  return "th";
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string decimal(double n, const Picture& picture) {
  std::string digits = js_number_text(n);
  const std::string& token = picture.primary;
  std::size_t mandatory = 0;
  // Grouping separators: (position counted in digits from the right, character).
  std::vector<std::pair<std::size_t, char>> separators;
  std::size_t places = 0;
  for (auto it = token.rbegin(); it != token.rend(); ++it) {
    if (is_digit(*it)) {
      ++mandatory;
      ++places;
    } else if (*it == '#') {
      ++places;
    } else {
      separators.emplace_back(places, *it);
    }
  }
  if (digits.find_first_not_of("0123456789") == std::string::npos && digits.size() < mandatory)
    digits.insert(0, mandatory - digits.size(), '0');
  bool regular = !separators.empty() && separators.front().first > 0;
  for (const auto& [position, character] : separators)
    regular = regular && character == separators.front().second &&
              position % separators.front().first == 0;
  std::string text;
  std::size_t next = 0;  // the next separator, when irregular
  for (std::size_t i = 0; i < digits.size(); ++i) {
    const std::size_t from_right = digits.size() - i;
    if (i > 0) {
      if (regular && from_right % separators.front().first == 0) {
        text += separators.front().second;
      } else if (!regular) {
        for (next = 0; next < separators.size(); ++next)
          if (separators[next].first == from_right && from_right > 0) {
            text += separators[next].second;
            break;
          }
      }
    }
    text += digits[i];
  }
  if (picture.ordinal) text += ordinal_suffix(digits);
  return text;
}

}  // namespace

Result<std::string> format_integer(double value, std::string_view text) {
  auto picture = read_picture(text);
  if (!picture) return picture.error();
  value = std::floor(value);
  std::string sign = value < 0 ? "-" : "";
  value = std::fabs(value);
  std::string out;
  switch (picture->kind) {
    case Picture::kDecimal: out = decimal(value, *picture); break;
    case Picture::kLower: out = letters(value, 'a'); break;
    case Picture::kUpper: out = letters(value, 'A'); break;
    case Picture::kRomanLower: out = roman(value); break;
    case Picture::kRomanUpper:
      out = roman(value);
      for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      break;
    case Picture::kWords: out = words(value, false, picture->ordinal); break;
    case Picture::kWordsUpper:
      out = words(value, false, picture->ordinal);
      for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      break;
    case Picture::kWordsTitle: out = title_case(words(value, false, picture->ordinal)); break;
  }
  return sign + out;
}

namespace {

std::optional<double> word_value(const std::string& word) {
  for (std::size_t i = 0; i < kUnits.size(); ++i)
    if (word == kUnits[i] || word == kUnitOrdinals[i]) return static_cast<double>(i);
  for (std::size_t i = 0; i < kTens.size(); ++i) {
    std::string ordinal = std::string(kTens[i].substr(0, kTens[i].size() - 1)) + "ieth";
    if (word == kTens[i] || word == ordinal) return static_cast<double>((i + 2) * 10);
  }
  if (word == "hundred" || word == "hundredth") return 100;
  for (std::size_t i = 0; i < kMagnitudes.size(); ++i)
    if (word == kMagnitudes[i] || word == std::string(kMagnitudes[i]) + "th")
      return std::pow(10.0, static_cast<double>((i + 1) * 3));
  return std::nullopt;
}

// "two thousand, seven hundred and eighty-nine" → 2789: numbers below 100 add up in the
// current group, "hundred" and the magnitudes multiply it; a number after a thousand or more
// starts a new group.
std::optional<double> words_value(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::vector<std::string> parts;
  std::string part;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : ' ';
    if (c == ' ' || c == '-' || c == ',') {
      if (!part.empty() && part != "and") parts.push_back(part);
      part.clear();
    } else {
      part += c;
    }
  }
  std::vector<double> groups = {0};
  for (const std::string& word : parts) {
    auto value = word_value(word);
    if (!value) return std::nullopt;
    if (*value < 100) {
      if (groups.back() >= 1000) groups.push_back(0);
      groups.back() += *value;
    } else {
      groups.back() *= *value;
    }
  }
  double sum = 0;
  for (double group : groups) sum += group;
  return sum;
}

std::optional<double> roman_value(std::string_view text) {
  auto value_of = [](char c) -> int {
    switch (std::toupper(static_cast<unsigned char>(c))) {
      case 'M': return 1000;
      case 'D': return 500;
      case 'C': return 100;
      case 'L': return 50;
      case 'X': return 10;
      case 'V': return 5;
      case 'I': return 1;
      default: return 0;
    }
  };
  double total = 0;
  int largest = 1;
  for (auto it = text.rbegin(); it != text.rend(); ++it) {
    const int value = value_of(*it);
    if (value == 0) return std::nullopt;
    if (value < largest) {
      total -= value;
    } else {
      largest = value;
      total += value;
    }
  }
  return total;
}

std::optional<double> letters_value(std::string_view text, char a) {
  double total = 0;
  for (char c : text) {
    if (c < a || c > a + 25) return std::nullopt;
    total = total * 26 + (c - a + 1);
  }
  return total;
}

// The digits at the start of `text`, with the picture's grouping separators between them;
// what follows (an ordinal suffix, anything else) is not read, as in jsonata-js.
std::optional<double> decimal_value(std::string_view text, const Picture& picture) {
  std::string digits;
  for (char c : text) {
    if (is_digit(c)) digits += c;
    else if (c == '#' || picture.primary.find(c) == std::string::npos) break;
  }
  if (digits.empty()) return std::nullopt;
  return std::stod(digits);
}

}  // namespace

Result<std::optional<double>> parse_integer(std::string_view text, std::string_view picture_text) {
  auto picture = read_picture(picture_text);
  if (!picture) return picture.error();
  double sign = 1;
  if (text.starts_with('-')) {
    sign = -1;
    text.remove_prefix(1);
  }
  std::optional<double> value;
  switch (picture->kind) {
    case Picture::kDecimal: value = decimal_value(text, *picture); break;
    case Picture::kLower: value = letters_value(text, 'a'); break;
    case Picture::kUpper: value = letters_value(text, 'A'); break;
    case Picture::kRomanLower:
    case Picture::kRomanUpper: value = roman_value(text); break;
    default: value = words_value(std::string(text)); break;
  }
  if (!value) return std::optional<double>();
  return std::optional<double>(sign * *value);
}

}  // namespace conflictctl::jsonata

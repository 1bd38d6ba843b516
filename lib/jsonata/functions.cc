// The JSONata function library ($string, $sum, $map, …), as jsonata-js 2.x defines each.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/base64.h"
#include "dataflow/utf8.h"
#include "jsonata/datetime.h"
#include "jsonata/evaluator.h"
#include "jsonata/integer_picture.h"
#include "jsonata/number_picture.h"
#include "jsonata/regex.h"

namespace conflictctl::jsonata {

#define JSONATA_TRY(name, expression)               \
  auto name##_result = (expression);                \
  if (!name##_result) return name##_result.error(); \
  auto name = std::move(*name##_result)

namespace {

using Args = std::vector<Val>;

const Val& arg(const Args& args, std::size_t i) {
  static const Val kUndefined;
  return i < args.size() ? args[i] : kUndefined;
}
bool has(const Args& args, std::size_t i) { return i < args.size() && args[i].defined; }
const std::string& str(const Args& args, std::size_t i) {
  return args[i].json.get_ref<const std::string&>();
}
// Argument `i` of `function` is a string (the signature lets null through, which is not).
Result<void> need_string(const Args& args, std::size_t i, std::string_view function) {
  if (i < args.size() && args[i].json.is_string()) return {};
  return Error{"T0410", fmt::format("Argument {} of function \"{}\" does not match function "
                                    "signature",
                                    i + 1, function)};
}
double num(const Args& args, std::size_t i) { return args[i].json.get<double>(); }

Result<Val> number_result(double d) {
  if (!std::isfinite(d)) return Error{"D1001", "Number out of range: " + js_number_text(d)};
  return Val(number_value(d));
}

// Code points, as jsonata-js counts characters.
std::vector<std::string_view> chars(const std::string& s) { return dataflow::utf8_characters(s); }

std::size_t utf16_offset(const std::string& s, std::size_t byte) {
  std::size_t units = 0;
  for (std::string_view c : dataflow::utf8_characters(std::string_view(s).substr(0, byte))) {
    units += c.size() == 4 ? 2 : 1;
  }
  return units;
}

Result<std::string> checked(Evaluator& ev, std::string s) {
  if (s.size() > ev.limits().max_string_bytes) {
    return Error{"U1001", fmt::format("A string would be longer than {} bytes",
                                      ev.limits().max_string_bytes)};
  }
  return s;
}

// ---- aggregation ----
Result<Val> fn_sum(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  double total = 0;
  for (const Json& j : a[0].json) total += j.get<double>();
  return number_result(total);
}
Result<Val> fn_count(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val(Json(0));
  return Val(Json(a[0].json.size()));
}
Result<Val> fn_max(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0) || a[0].json.empty()) return Val();
  double m = -INFINITY;
  for (const Json& j : a[0].json) m = std::max(m, j.get<double>());
  return number_result(m);
}
Result<Val> fn_min(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0) || a[0].json.empty()) return Val();
  double m = INFINITY;
  for (const Json& j : a[0].json) m = std::min(m, j.get<double>());
  return number_result(m);
}
Result<Val> fn_average(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0) || a[0].json.empty()) return Val();
  double total = 0;
  for (const Json& j : a[0].json) total += j.get<double>();
  return number_result(total / static_cast<double>(a[0].json.size()));
}

// ---- strings ----
Result<Val> fn_string(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  const bool pretty = has(a, 1) && a[1].json.get<bool>();
  JSONATA_TRY(s, to_string(a[0], pretty));
  return Val(Json(std::move(s)));
}
Result<Val> fn_substring(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  std::vector<std::string_view> cs = chars(str(a, 0));
  const auto len = static_cast<double>(cs.size());
  double start = num(a, 1);
  if (start < 0) start = std::max(0.0, len + start);
  start = std::trunc(start);
  double end = len;
  if (has(a, 2)) {
    const double length = num(a, 2);
    if (length <= 0) return Val(Json(""));
    end = std::min(len, start + std::trunc(length));
  }
  std::string out;
  for (double i = start; i < end; ++i) out += cs[static_cast<std::size_t>(i)];
  return Val(Json(std::move(out)));
}
Result<Val> fn_substring_before(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  const std::string& s = str(a, 0);
  const std::size_t at = s.find(str(a, 1));
  return Val(Json(at == std::string::npos ? s : s.substr(0, at)));
}
Result<Val> fn_substring_after(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  const std::string& s = str(a, 0);
  const std::size_t at = s.find(str(a, 1));
  return Val(Json(at == std::string::npos ? s : s.substr(at + str(a, 1).size())));
}
Result<Val> fn_lowercase(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  std::string s = str(a, 0);
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return Val(Json(std::move(s)));
}
Result<Val> fn_uppercase(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  std::string s = str(a, 0);
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return Val(Json(std::move(s)));
}
Result<Val> fn_length(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  return Val(Json(dataflow::utf8_length(str(a, 0))));
}
Result<Val> fn_trim(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  std::string out;
  bool space = false;
  for (char c : str(a, 0)) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return Val(Json(std::move(out)));
}
Result<Val> fn_pad(Evaluator& ev, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  const std::string& s = str(a, 0);
  std::string pad = has(a, 2) ? str(a, 2) : " ";
  if (pad.empty()) pad = " ";
  const double width = std::trunc(num(a, 1));
  const double missing = std::fabs(width) - static_cast<double>(dataflow::utf8_length(s));
  if (missing <= 0) return Val(Json(s));
  if (missing * static_cast<double>(pad.size()) >
      static_cast<double>(ev.limits().max_string_bytes)) {
    return Error{"U1001", fmt::format("A string would be longer than {} bytes",
                                      ev.limits().max_string_bytes)};
  }
  std::vector<std::string_view> pc = chars(pad);
  std::string padding;
  for (std::size_t i = 0; i < static_cast<std::size_t>(missing); ++i) padding += pc[i % pc.size()];
  return Val(Json(width > 0 ? s + padding : padding + s));
}

// Each match of `pattern` in `s`, as jsonata-js's matcher walks them (D1004 for an empty match
// after the first).
Result<std::vector<Regex::Match>> all_matches(Evaluator& ev, const Regex& regex,
                                              const std::string& s, std::optional<double> limit) {
  std::vector<Regex::Match> out;
  JSONATA_TRY(m, regex.find(s, 0));
  while (m && (!limit || static_cast<double>(out.size()) < *limit)) {
    if (auto st = ev.step(); !st) return st.error();
    out.push_back(*m);
    const std::size_t from = m->end;
    if (from >= s.size()) break;
    JSONATA_TRY(next, regex.find(s, from));
    if (next && next->start == next->end) {
      return Error{"D1004", "Regular expression matches zero length string"};
    }
    m = std::move(next);
  }
  return out;
}

const Regex* regex_of(Evaluator& ev, const Val& v) {
  const Function* f = v.defined ? ev.function(v.json) : nullptr;
  return f != nullptr && f->kind == Function::Kind::kRegex ? f->regex.get() : nullptr;
}

Result<Val> fn_contains(Evaluator& ev, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  const std::string& s = str(a, 0);
  if (a[1].json.is_string()) return Val(Json(s.find(str(a, 1)) != std::string::npos));
  const Regex* regex = regex_of(ev, a[1]);
  if (regex == nullptr) return Val(Json(false));
  JSONATA_TRY(m, regex->find(s, 0));
  return Val(Json(m.has_value()));
}

Result<Val> fn_split(Evaluator& ev, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  if (has(a, 2) && num(a, 2) < 0) {
    return Error{"D3020", "Third argument of split function must evaluate to a positive number"};
  }
  const std::string& s = str(a, 0);
  std::optional<double> limit;
  if (has(a, 2)) limit = std::floor(num(a, 2));
  Json out = Json::array();
  auto full = [&] { return limit && static_cast<double>(out.size()) >= *limit; };
  if (a[1].json.is_string()) {
    const std::string& sep = str(a, 1);
    if (sep.empty()) {
      for (std::string_view c : chars(s)) {
        if (full()) break;
        out.push_back(std::string(c));
      }
    } else {
      std::size_t start = 0;
      for (;;) {
        if (full()) break;
        const std::size_t at = s.find(sep, start);
        if (at == std::string::npos) {
          out.push_back(s.substr(start));
          break;
        }
        out.push_back(s.substr(start, at - start));
        start = at + sep.size();
      }
    }
  } else {
    const Regex* regex = regex_of(ev, a[1]);
    if (regex == nullptr)
      return Error{"T0410", "Argument 2 of function \"split\" does not match function signature"};
    JSONATA_TRY(matches, all_matches(ev, *regex, s, std::nullopt));
    std::size_t start = 0;
    for (const Regex::Match& m : matches) {
      if (full()) break;
      out.push_back(s.substr(start, m.start - start));
      start = m.end;
    }
    if (!full()) out.push_back(s.substr(start));
  }
  return Val(std::move(out));
}

Result<Val> fn_join(Evaluator& ev, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  const std::string sep = has(a, 1) ? str(a, 1) : "";
  std::string out;
  bool first = true;
  for (const Json& j : a[0].json) {
    if (!first) out += sep;
    first = false;
    out += j.get_ref<const std::string&>();
    if (out.size() > ev.limits().max_string_bytes) return checked(ev, out).error();
  }
  return Val(Json(std::move(out)));
}

Result<Val> fn_match(Evaluator& ev, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  if (has(a, 2) && num(a, 2) < 0) {
    return Error{"D3040", "Third argument of match function must evaluate to a positive number"};
  }
  const std::string& s = str(a, 0);
  const Regex* regex = regex_of(ev, a[1]);
  if (regex == nullptr)
    return Error{"T0410", "Argument 2 of function \"match\" does not match function signature"};
  std::optional<double> limit;
  if (has(a, 2)) limit = num(a, 2);
  Val result = Val::seq();
  if (limit && *limit == 0) return result;
  JSONATA_TRY(matches, all_matches(ev, *regex, s, limit));
  for (const Regex::Match& m : matches) {
    Json groups = Json::array();
    for (const auto& g : m.groups) groups.push_back(g ? Json(*g) : Json(nullptr));
    result.json.push_back(Json{{"match", s.substr(m.start, m.end - m.start)},
                               {"index", utf16_offset(s, m.start)},
                               {"groups", groups}});
  }
  return result;
}

Result<Val> fn_replace(Evaluator& ev, Args& a, const Val& input) {
  if (!has(a, 0)) return Val();
  const std::string& s = str(a, 0);
  if (a[1].json.is_string() && str(a, 1).empty()) {
    return Error{"D3010", "Second argument of replace function cannot be an empty string"};
  }
  if (has(a, 3) && num(a, 3) < 0) {
    return Error{"D3011", "Fourth argument of replace function must evaluate to a positive number"};
  }
  std::optional<double> limit;
  if (has(a, 3)) limit = num(a, 3);
  std::vector<Regex::Match> matches;
  if (a[1].json.is_string()) {
    const std::string& pattern = str(a, 1);
    std::size_t from = 0;
    while (!limit || static_cast<double>(matches.size()) < *limit) {
      const std::size_t at = s.find(pattern, from);
      if (at == std::string::npos) break;
      matches.push_back(Regex::Match{at, at + pattern.size(), {}});
      from = at + pattern.size();
    }
  } else {
    const Regex* regex = regex_of(ev, a[1]);
    if (regex == nullptr)
      return Error{"T0410", "Argument 2 of function \"replace\" does not match function signature"};
    if (!limit || *limit > 0) {
      JSONATA_TRY(m, regex->find(s, 0));
      std::size_t count = 0;
      while (m && (!limit || static_cast<double>(count) < *limit)) {
        if (m->start == m->end) {
          return Error{"D1004", "Regular expression matches zero length string"};
        }
        matches.push_back(*m);
        ++count;
        JSONATA_TRY(next, regex->find(s, m->end));
        m = std::move(next);
      }
    }
  }
  std::string out;
  std::size_t last = 0;
  for (const Regex::Match& m : matches) {
    out += s.substr(last, m.start - last);
    const std::string matched = s.substr(m.start, m.end - m.start);
    if (a[2].json.is_string()) {
      const std::string& r = str(a, 2);
      if (a[1].json.is_string()) {
        out += r;
      } else {
        for (std::size_t i = 0; i < r.size(); ++i) {
          if (r[i] != '$') {
            out += r[i];
            continue;
          }
          if (i + 1 < r.size() && r[i + 1] == '$') {
            out += '$';
            ++i;
            continue;
          }
          std::size_t j = i + 1;
          while (j < r.size() && std::isdigit(static_cast<unsigned char>(r[j]))) ++j;
          if (j == i + 1) {
            out += '$';
            continue;
          }
          std::string digits = r.substr(i + 1, j - i - 1);
          const std::size_t groups = m.groups.size();
          // The longest prefix of the digits (at most 10) that names an existing group.
          auto value_of = [&](std::size_t n) {
            std::size_t v = 0;
            for (std::size_t d = 0; d < n; ++d)
              v = v * 10 + static_cast<std::size_t>(digits[d] - '0');
            return v;
          };
          std::size_t consumed = std::min<std::size_t>(digits.size(), 10);
          std::size_t index = value_of(consumed);
          while (index > groups && consumed > 1) {
            --consumed;
            index = value_of(consumed);
          }
          if (index == 0) {
            out += matched;
          } else if (index <= groups) {
            if (m.groups[index - 1]) out += *m.groups[index - 1];
          }
          out += digits.substr(consumed);
          i = j - 1;
        }
      }
    } else {
      Json groups = Json::array();
      for (const auto& g : m.groups) groups.push_back(g ? Json(*g) : Json(nullptr));
      Val match(Json{{"match", matched}, {"index", utf16_offset(s, m.start)}, {"groups", groups}});
      JSONATA_TRY(r, ev.apply(a[2], {match}, input));
      if (!r.defined || !r.json.is_string()) {
        return Error{"D3012", "Attempted to replace a matched string with a non-string value"};
      }
      out += r.json.get_ref<const std::string&>();
    }
    last = m.end;
    if (out.size() > ev.limits().max_string_bytes) return checked(ev, out).error();
  }
  out += s.substr(last);
  return Val(Json(std::move(out)));
}

Result<Val> fn_base64encode(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  return Val(Json(base64_encode(str(a, 0))));
}
Result<Val> fn_base64decode(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  std::optional<std::string> decoded = base64_decode(str(a, 0));
  if (!decoded) return Val(Json(""));
  return Val(Json(std::move(*decoded)));
}

Result<Val> encode_url(Args& a, bool component, const char* name) {
  if (!has(a, 0)) return Val();
  const std::string& s = str(a, 0);
  static const std::string kUnreserved =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()";
  static const std::string kReserved = ";,/?:@&=+$#";
  std::string out;
  for (std::string_view c : chars(s)) {
    if (c.size() == 3 && static_cast<unsigned char>(c[0]) == 0xED &&
        static_cast<unsigned char>(c[1]) >= 0xA0) {
      return Error{"D3140",
                   fmt::format("Malformed URL passed to ${}(): {}", name,
                               Json(s).dump(-1, ' ', false, Json::error_handler_t::replace))};
    }
    if (c.size() == 1 && (kUnreserved.find(c[0]) != std::string::npos ||
                          (!component && kReserved.find(c[0]) != std::string::npos))) {
      out += c;
    } else {
      for (char b : c) out += fmt::format("%{:02X}", static_cast<unsigned char>(b));
    }
  }
  return Val(Json(std::move(out)));
}
Result<Val> fn_encode_url_component(Evaluator&, Args& a, const Val&) {
  return encode_url(a, true, "encodeUrlComponent");
}
Result<Val> fn_encode_url(Evaluator&, Args& a, const Val&) {
  return encode_url(a, false, "encodeUrl");
}

Result<Val> decode_url(Args& a, bool component, const char* name) {
  if (!has(a, 0)) return Val();
  const std::string& s = str(a, 0);
  static const std::string kReserved = ";,/?:@&=+$#";
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size() + 0 || !std::isxdigit(static_cast<unsigned char>(s[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      return Error{"D3140",
                   fmt::format("Malformed URL passed to ${}(): {}", name,
                               Json(s).dump(-1, ' ', false, Json::error_handler_t::replace))};
    }
    const char byte = static_cast<char>(std::strtol(s.substr(i + 1, 2).c_str(), nullptr, 16));
    if (!component && kReserved.find(byte) != std::string::npos) {
      out += s.substr(i, 3);
    } else {
      out += byte;
    }
    i += 2;
  }
  // Invalid UTF-8 after decoding is a malformed URL in JavaScript.
  try {
    (void)Json(out).dump();
  } catch (const Json::exception&) {
    return Error{"D3140",
                 fmt::format("Malformed URL passed to ${}(): {}", name,
                             Json(s).dump(-1, ' ', false, Json::error_handler_t::replace))};
  }
  return Val(Json(std::move(out)));
}
Result<Val> fn_decode_url_component(Evaluator&, Args& a, const Val&) {
  return decode_url(a, true, "decodeUrlComponent");
}
Result<Val> fn_decode_url(Evaluator&, Args& a, const Val&) {
  return decode_url(a, false, "decodeUrl");
}

// ---- numbers ----
Result<Val> fn_number(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  const Json& j = a[0].json;
  if (j.is_number()) return Val(j);
  if (j.is_boolean()) return Val(Json(j.get<bool>() ? 1 : 0));
  const std::string& s = j.get_ref<const std::string&>();
  auto fail = [&] {
    return Error{"D3030", "Unable to cast value to a number: " +
                              j.dump(-1, ' ', false, Json::error_handler_t::replace)};
  };
  // JSON number syntax, or 0x / 0o / 0b integers.
  std::size_t i = 0;
  if (s.size() > 2 && s[0] == '0' && std::string("xXoObB").find(s[1]) != std::string::npos) {
    const int base = (s[1] == 'x' || s[1] == 'X') ? 16 : (s[1] == 'o' || s[1] == 'O') ? 8 : 2;
    double value = 0;
    for (i = 2; i < s.size(); ++i) {
      int digit = std::isdigit(static_cast<unsigned char>(s[i])) ? s[i] - '0'
                  : std::isxdigit(static_cast<unsigned char>(s[i]))
                      ? std::tolower(static_cast<unsigned char>(s[i])) - 'a' + 10
                      : 99;
      if (digit >= base) return Result<Val>(fail());
      value = value * base + digit;
    }
    return number_result(value);
  }
  if (i < s.size() && s[i] == '-') ++i;
  const std::size_t int_start = i;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else {
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  }
  if (i == int_start) return Result<Val>(fail());
  if (i < s.size() && s[i] == '.') {
    ++i;
    const std::size_t f = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == f) return Result<Val>(fail());
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const std::size_t e = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == e) return Result<Val>(fail());
  }
  if (i != s.size()) return Result<Val>(fail());
  const double d = std::strtod(s.c_str(), nullptr);
  if (!std::isfinite(d)) return Result<Val>(fail());
  return Val(number_value(d));
}
Result<Val> fn_abs(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  return number_result(std::fabs(num(a, 0)));
}
Result<Val> fn_floor(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  return number_result(std::floor(num(a, 0)));
}
Result<Val> fn_ceil(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  return number_result(std::ceil(num(a, 0)));
}
Result<Val> fn_round(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  const int precision = has(a, 1) ? static_cast<int>(std::clamp(num(a, 1), -400.0, 400.0)) : 0;
  return number_result(round_half_even(num(a, 0), precision));
}
Result<Val> fn_sqrt(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  if (num(a, 0) < 0) {
    return Error{"D3060", "The sqrt function cannot be applied to a negative number: " +
                              js_number_text(num(a, 0))};
  }
  return number_result(std::sqrt(num(a, 0)));
}
Result<Val> fn_power(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  const double r = std::pow(num(a, 0), num(a, 1));
  if (!std::isfinite(r)) {
    return Error{"D3061", fmt::format("The power function has resulted in a value that cannot be "
                                      "represented as a JSON number: base={}, exponent={}",
                                      js_number_text(num(a, 0)), js_number_text(num(a, 1)))};
  }
  return number_result(r);
}
Result<Val> fn_random(Evaluator& ev, Args&, const Val&) { return Val(Json(ev.random().uniform())); }
Result<Val> fn_format_integer(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  if (auto picture = need_string(a, 1, "formatInteger"); !picture) return picture.error();
  auto text = format_integer(num(a, 0), a[1].json.get_ref<const std::string&>());
  if (!text) return text.error();
  return Val(Json(std::move(*text)));
}
Result<Val> fn_format_number(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  if (auto picture = need_string(a, 1, "formatNumber"); !picture) return picture.error();
  auto text = format_number(num(a, 0), a[1].json.get_ref<const std::string&>(),
                            has(a, 2) ? a[2].json : Json());
  if (!text) return text.error();
  return Val(Json(std::move(*text)));
}
Result<Val> fn_parse_integer(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  if (auto picture = need_string(a, 1, "parseInteger"); !picture) return picture.error();
  auto value = parse_integer(a[0].json.get_ref<const std::string&>(),
                             a[1].json.get_ref<const std::string&>());
  if (!value) return value.error();
  if (!*value) return Val();
  return number_result(**value);
}
Result<Val> fn_format_base(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  double value = std::floor(num(a, 0) + 0.5);
  const double given = has(a, 1) ? num(a, 1) : 10;
  if (!(given >= 2 && given < 37)) {
    return Error{"D3100", fmt::format("The radix of the formatBase function must be between 2 and "
                                      "36.  It was given {}",
                                      js_number_text(given))};
  }
  const int radix = static_cast<int>(given);
  const bool negative = value < 0;
  value = std::fabs(value);
  std::string digits;
  if (value == 0) digits = "0";
  while (value >= 1) {
    const int d = static_cast<int>(std::fmod(value, radix));
    digits += "0123456789abcdefghijklmnopqrstuvwxyz"[d];
    value = std::floor(value / radix);
  }
  std::reverse(digits.begin(), digits.end());
  return Val(Json((negative ? "-" : "") + digits));
}

// ---- booleans ----
Result<Val> fn_boolean(Evaluator&, Args& a, const Val&) {
  std::optional<bool> b = to_boolean(arg(a, 0));
  return b ? Val(Json(*b)) : Val();
}
Result<Val> fn_not(Evaluator&, Args& a, const Val&) {
  std::optional<bool> b = to_boolean(arg(a, 0));
  return b ? Val(Json(!*b)) : Val();
}
Result<Val> fn_exists(Evaluator&, Args& a, const Val&) { return Val(Json(has(a, 0))); }

// ---- higher-order ----
std::vector<Val> hof_args(Evaluator& ev, const Val& f, Json value, Json second, const Json& third) {
  std::vector<Val> out{Val(std::move(value))};
  const int n = ev.arity(f.json);
  if (n >= 2) out.emplace_back(std::move(second));
  if (n >= 3) out.emplace_back(third);
  return out;
}
Result<Val> fn_map(Evaluator& ev, Args& a, const Val& input) {
  if (!has(a, 0)) return Val();
  Val result = Val::seq();
  const Json& arr = a[0].json;
  for (std::size_t i = 0; i < arr.size(); ++i) {
    JSONATA_TRY(r, ev.apply(a[1], hof_args(ev, a[1], arr[i], Json(i), arr), input));
    if (r.defined) result.json.push_back(std::move(r.json));
  }
  if (auto d = ev.check_built(result.json); !d) return d.error();
  return result;
}
Result<Val> fn_filter(Evaluator& ev, Args& a, const Val& input) {
  if (!has(a, 0)) return Val();
  Val result = Val::seq();
  const Json& arr = a[0].json;
  for (std::size_t i = 0; i < arr.size(); ++i) {
    JSONATA_TRY(r, ev.apply(a[1], hof_args(ev, a[1], arr[i], Json(i), arr), input));
    if (truthy(r)) result.json.push_back(arr[i]);
  }
  return result;
}
Result<Val> fn_single(Evaluator& ev, Args& a, const Val& input) {
  if (!has(a, 0)) return Val();
  const Json& arr = a[0].json;
  std::optional<Json> found;
  for (std::size_t i = 0; i < arr.size(); ++i) {
    bool positive = true;
    if (has(a, 1)) {
      JSONATA_TRY(r, ev.apply(a[1], hof_args(ev, a[1], arr[i], Json(i), arr), input));
      positive = truthy(r);
    }
    if (positive) {
      if (found) {
        return Error{"D3138", "The $single() function expected exactly 1 matching result.  "
                              "Instead it matched more."};
      }
      found = arr[i];
    }
  }
  if (!found) {
    return Error{"D3139", "The $single() function expected exactly 1 matching result.  Instead it "
                          "matched 0."};
  }
  return Val(std::move(*found));
}
Result<Val> fn_reduce(Evaluator& ev, Args& a, const Val& input) {
  if (!has(a, 0)) return Val();
  const int n = ev.arity(a[1].json);
  if (n < 2) {
    return Error{"D3050", "The second argument of reduce function must be a function with at least "
                          "two arguments"};
  }
  const Json& arr = a[0].json;
  Val result;
  std::size_t index = 0;
  if (!has(a, 2) && !arr.empty()) {
    result = Val(arr[0]);
    index = 1;
  } else {
    result = arg(a, 2);
  }
  for (; index < arr.size(); ++index) {
    std::vector<Val> args{result, Val(arr[index])};
    if (n >= 3) args.emplace_back(Json(index));
    if (n >= 4) args.emplace_back(arr);
    JSONATA_TRY(r, ev.apply(a[1], std::move(args), input));
    result = std::move(r);
  }
  return result;
}
Result<Val> fn_sift(Evaluator& ev, Args& a, const Val& input) {
  if (!has(a, 0)) return Val();
  Json result = Json::object();
  const Json& obj = a[0].json;
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    JSONATA_TRY(r, ev.apply(a[1], hof_args(ev, a[1], it.value(), Json(it.key()), obj), input));
    if (truthy(r)) result[it.key()] = it.value();
  }
  if (result.empty()) return Val();
  return Val(std::move(result));
}
Result<Val> fn_each(Evaluator& ev, Args& a, const Val& input) {
  if (!has(a, 0)) return Val::seq();
  Val result = Val::seq();
  const Json& obj = a[0].json;
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    JSONATA_TRY(r, ev.apply(a[1], hof_args(ev, a[1], it.value(), Json(it.key()), obj), input));
    if (r.defined) result.json.push_back(std::move(r.json));
  }
  if (auto d = ev.check_built(result.json); !d) return d.error();
  return result;
}
Result<Val> fn_zip(Evaluator& ev, Args& a, const Val&) {
  Json result = Json::array();
  if (a.empty()) return Val(std::move(result));
  std::size_t length = SIZE_MAX;
  for (const Val& v : a) length = std::min(length, v.is_array() ? v.json.size() : 0);
  for (std::size_t i = 0; i < length; ++i) {
    Json tuple = Json::array();
    for (const Val& v : a) tuple.push_back(v.json[i]);
    result.push_back(std::move(tuple));
  }
  if (auto d = ev.check_built(result); !d) return d.error();
  return Val(std::move(result));
}

// ---- objects and arrays ----
Result<Val> fn_keys(Evaluator&, Args& a, const Val&) {
  Val result = Val::seq();
  if (!has(a, 0)) return result;
  auto add = [&](const Json& obj) {
    if (!obj.is_object()) return;
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      if (std::find(result.json.begin(), result.json.end(), Json(it.key())) == result.json.end()) {
        result.json.push_back(it.key());
      }
    }
  };
  if (a[0].json.is_array()) {
    for (const Json& item : a[0].json) add(item);
  } else {
    add(a[0].json);
  }
  return result;
}
Result<Val> fn_lookup(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  return lookup(a[0].json, str(a, 1));
}
Result<Val> fn_append(Evaluator& ev, Args& a, const Val&) {
  if (!has(a, 0)) return arg(a, 1);
  if (!has(a, 1)) return a[0];
  if (auto st = ev.step((a[0].json.size() + a[1].json.size()) / 4); !st) return st.error();
  Json out = a[0].json.is_array() ? a[0].json : Json::array({a[0].json});
  if (a[1].json.is_array()) {
    for (const Json& j : a[1].json) out.push_back(j);
  } else {
    out.push_back(a[1].json);
  }
  return Val(std::move(out));
}
Result<Val> fn_spread(Evaluator& ev, Args& a, const Val&) {
  if (!has(a, 0)) return Val::seq();
  std::function<Val(const Json&)> spread = [&](const Json& j) -> Val {
    if (j.is_array()) {
      Val result = Val::seq();
      for (const Json& item : j) result = append(std::move(result), spread(item));
      return result;
    }
    if (j.is_object()) {
      Val result = Val::seq();
      for (auto it = j.begin(); it != j.end(); ++it) {
        result.json.push_back(Json{{it.key(), it.value()}});
      }
      return result;
    }
    return Val(j);
  };
  Val result = spread(a[0].json);
  if (auto d = ev.check_built(result.json); !d) return d.error();
  return result;
}
Result<Val> fn_merge(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  Json result = Json::object();
  for (const Json& obj : a[0].json) {
    for (auto it = obj.begin(); it != obj.end(); ++it) result[it.key()] = it.value();
  }
  return Val(std::move(result));
}
Result<Val> fn_reverse(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  Json out = a[0].json;
  std::reverse(out.begin(), out.end());
  return Val(std::move(out));
}
Result<Val> fn_error(Evaluator&, Args& a, const Val&) {
  return Error{"D3137", has(a, 0) ? str(a, 0) : "$error() function evaluated"};
}
Result<Val> fn_assert(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0) || !a[0].json.get<bool>()) {
    return Error{"D3141", has(a, 1) ? str(a, 1) : "$assert() statement failed"};
  }
  return Val();
}
Result<Val> fn_type(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  const Json& j = a[0].json;
  if (j.is_null()) return Val(Json("null"));
  if (j.is_number()) return Val(Json("number"));
  if (j.is_string()) return Val(Json("string"));
  if (j.is_boolean()) return Val(Json("boolean"));
  if (j.is_array()) return Val(Json("array"));
  if (is_function(j)) return Val(Json("function"));
  return Val(Json("object"));
}
Result<Val> fn_sort(Evaluator& ev, Args& a, const Val& input) {
  if (!has(a, 0)) return Val();
  std::vector<Json> items(a[0].json.begin(), a[0].json.end());
  if (items.size() <= 1) return a[0];
  bool numbers = true, strings = true;
  for (const Json& j : items) {
    numbers = numbers && j.is_number();
    strings = strings && j.is_string();
  }
  if (!has(a, 1) && !numbers && !strings) {
    return Error{"D3070", "The single argument form of the sort function can only be applied to an "
                          "array of strings or an array of numbers.  Use the second argument to "
                          "specify a comparison function"};
  }
  std::optional<Error> failure;
  // Merge sort: swap(l, r) true puts r first.
  std::function<Result<bool>(const Json&, const Json&)> swap = [&](const Json& l,
                                                                   const Json& r) -> Result<bool> {
    if (!has(a, 1)) {
      if (numbers) return l.get<double>() > r.get<double>();
      return l.get_ref<const std::string&>() > r.get_ref<const std::string&>();
    }
    JSONATA_TRY(res, ev.apply(a[1], {Val(l), Val(r)}, input));
    return truthy(res);
  };
  std::function<Result<void>(std::vector<Json>&)> msort =
      [&](std::vector<Json>& v) -> Result<void> {
    if (v.size() < 2) return {};
    const std::size_t middle = v.size() / 2;
    std::vector<Json> left(v.begin(), v.begin() + middle), right(v.begin() + middle, v.end());
    if (auto r = msort(left); !r) return r;
    if (auto r = msort(right); !r) return r;
    v.clear();
    std::size_t l = 0, r = 0;
    while (l < left.size() && r < right.size()) {
      Result<bool> s = swap(left[l], right[r]);
      if (!s) return s.error();
      v.push_back(*s ? right[r++] : left[l++]);
    }
    while (l < left.size()) v.push_back(left[l++]);
    while (r < right.size()) v.push_back(right[r++]);
    return {};
  };
  if (auto r = msort(items); !r) return r.error();
  Json out = Json::array();
  for (Json& j : items) out.push_back(std::move(j));
  return Val(std::move(out));
}
Result<Val> fn_shuffle(Evaluator& ev, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  Json arr = a[0].json;
  if (arr.size() <= 1) return Val(arr);
  Json result = Json::array();
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const auto j =
        static_cast<std::size_t>(ev.random().uniform_int(0, static_cast<std::int64_t>(i)));
    result.push_back(nullptr);
    if (i != j) result[i] = result[j];
    result[j] = arr[i];
  }
  return Val(std::move(result));
}
Result<Val> fn_distinct(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  if (!a[0].json.is_array() || a[0].json.size() <= 1) return a[0];
  Val result(Json::array());
  result.sequence = a[0].sequence;
  for (const Json& v : a[0].json) {
    bool seen = false;
    for (const Json& r : result.json) seen = seen || deep_equal(v, r);
    if (!seen) result.json.push_back(v);
  }
  return result;
}
Result<Val> fn_clone(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  return Val(strip_functions(a[0].json));
}
Result<Val> fn_eval(Evaluator& ev, Args& a, const Val& input) {
  if (!has(a, 0)) return Val();
  Val context = input;
  if (has(a, 1)) {
    context = a[1];
    if (context.json.is_array() && !context.sequence) {
      Val wrapped = Val::seq();
      wrapped.json.push_back(context.json);
      wrapped.outer_wrapper = true;
      context = wrapped;
    }
  }
  return ev.eval_text(str(a, 0), context);
}

// ---- date and time ----
Result<Val> fn_now(Evaluator& ev, Args& a, const Val&) {
  const auto millis = ev.now().time_since_epoch().count();
  JSONATA_TRY(s, format_millis(static_cast<double>(millis),
                               has(a, 0) ? std::optional(str(a, 0)) : std::nullopt,
                               has(a, 1) ? std::optional(str(a, 1)) : std::nullopt));
  return Val(Json(std::move(s)));
}
Result<Val> fn_millis(Evaluator& ev, Args&, const Val&) {
  return Val(Json(static_cast<std::int64_t>(ev.now().time_since_epoch().count())));
}
Result<Val> fn_from_millis(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  JSONATA_TRY(s, format_millis(num(a, 0), has(a, 1) ? std::optional(str(a, 1)) : std::nullopt,
                               has(a, 2) ? std::optional(str(a, 2)) : std::nullopt));
  return Val(Json(std::move(s)));
}
Result<Val> fn_to_millis(Evaluator&, Args& a, const Val&) {
  if (!has(a, 0)) return Val();
  JSONATA_TRY(m, parse_millis(str(a, 0), has(a, 1) ? std::optional(str(a, 1)) : std::nullopt));
  if (!m) return Val();
  return Val(number_value(*m));
}

}  // namespace

const std::vector<Builtin>& builtins() {
  static const std::vector<Builtin> table = {
      {"sum", "<a<n>:n>", 1, fn_sum},
      {"count", "<a:n>", 1, fn_count},
      {"max", "<a<n>:n>", 1, fn_max},
      {"min", "<a<n>:n>", 1, fn_min},
      {"average", "<a<n>:n>", 1, fn_average},
      {"string", "<x-b?:s>", 1, fn_string},
      {"substring", "<s-nn?:s>", 3, fn_substring},
      {"substringBefore", "<s-s:s>", 2, fn_substring_before},
      {"substringAfter", "<s-s:s>", 2, fn_substring_after},
      {"lowercase", "<s-:s>", 1, fn_lowercase},
      {"uppercase", "<s-:s>", 1, fn_uppercase},
      {"length", "<s-:n>", 1, fn_length},
      {"trim", "<s-:s>", 1, fn_trim},
      {"pad", "<s-ns?:s>", 3, fn_pad},
      {"match", "<s-f<s:o>n?:a<o>>", 3, fn_match},
      {"contains", "<s-(sf):b>", 2, fn_contains},
      {"replace", "<s-(sf)(sf)n?:s>", 4, fn_replace},
      {"split", "<s-(sf)n?:a<s>>", 3, fn_split},
      {"join", "<a<s>s?:s>", 2, fn_join},
      {"formatBase", "<n-n?:s>", 2, fn_format_base},
      {"formatInteger", "<n-s:s>", 2, fn_format_integer},
      {"parseInteger", "<s-s:n>", 2, fn_parse_integer},
      {"formatNumber", "<n-so?:s>", 3, fn_format_number},
      {"number", "<(nsb)-:n>", 1, fn_number},
      {"floor", "<n-:n>", 1, fn_floor},
      {"ceil", "<n-:n>", 1, fn_ceil},
      {"round", "<n-n?:n>", 2, fn_round},
      {"abs", "<n-:n>", 1, fn_abs},
      {"sqrt", "<n-:n>", 1, fn_sqrt},
      {"power", "<n-n:n>", 2, fn_power},
      {"random", "<:n>", 0, fn_random},
      {"boolean", "<x-:b>", 1, fn_boolean},
      {"not", "<x-:b>", 1, fn_not},
      {"map", "<af>", 2, fn_map},
      {"zip", "<a+>", 0, fn_zip},
      {"filter", "<af>", 2, fn_filter},
      {"single", "<af?>", 2, fn_single},
      {"reduce", "<afj?:j>", 3, fn_reduce},
      {"sift", "<o-f?:o>", 2, fn_sift},
      {"keys", "<x-:a<s>>", 1, fn_keys},
      {"lookup", "<x-s:x>", 2, fn_lookup},
      {"append", "<xx:a>", 2, fn_append},
      {"exists", "<x:b>", 1, fn_exists},
      {"spread", "<x-:a<o>>", 1, fn_spread},
      {"merge", "<a<o>:o>", 1, fn_merge},
      {"reverse", "<a:a>", 1, fn_reverse},
      {"each", "<o-f:a>", 2, fn_each},
      {"error", "<s?:x>", 1, fn_error},
      {"assert", "<bs?:x>", 2, fn_assert},
      {"type", "<x:s>", 1, fn_type},
      {"sort", "<af?:a>", 2, fn_sort},
      {"shuffle", "<a:a>", 1, fn_shuffle},
      {"distinct", "<x:x>", 1, fn_distinct},
      {"base64encode", "<s-:s>", 1, fn_base64encode},
      {"base64decode", "<s-:s>", 1, fn_base64decode},
      {"encodeUrlComponent", "<s-:s>", 1, fn_encode_url_component},
      {"encodeUrl", "<s-:s>", 1, fn_encode_url},
      {"decodeUrlComponent", "<s-:s>", 1, fn_decode_url_component},
      {"decodeUrl", "<s-:s>", 1, fn_decode_url},
      {"eval", "<sx?:x>", 2, fn_eval},
      {"toMillis", "<s-s?:n>", 2, fn_to_millis},
      {"fromMillis", "<n-s?s?:s>", 3, fn_from_millis},
      {"clone", "<(oa)-:o>", 1, fn_clone},
      {"now", "<s?s?:s>", 2, fn_now},
      {"millis", "<:n>", 0, fn_millis},
  };
  return table;
}

// ---- text of values ----

std::string js_number_text(double number) {
  if (std::isnan(number)) return "NaN";
  if (std::isinf(number)) return number > 0 ? "Infinity" : "-Infinity";
  if (number == 0) return "0";
  char buffer[64];
  auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof buffer, number, std::chars_format::scientific);
  (void)ec;
  std::string text(buffer, end);  // -d.dddde±XX
  bool negative = false;
  if (text[0] == '-') {
    negative = true;
    text.erase(0, 1);
  }
  const std::size_t e = text.find('e');
  const int exponent = std::atoi(text.c_str() + e + 1);
  std::string digits;
  for (std::size_t i = 0; i < e; ++i) {
    if (text[i] != '.') digits += text[i];
  }
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;
  std::string out;
  if (k <= n && n <= 21) {
    out = digits + std::string(n - k, '0');
  } else if (0 < n && n <= 21) {
    out = digits.substr(0, n) + "." + digits.substr(n);
  } else if (-6 < n && n <= 0) {
    out = "0." + std::string(-n, '0') + digits;
  } else {
    out = digits.substr(0, 1);
    if (k > 1) out += "." + digits.substr(1);
    out += fmt::format("e{}{}", n - 1 >= 0 ? "+" : "-", std::abs(n - 1));
  }
  return negative ? "-" + out : out;
}

namespace {

// JSON.stringify with jsonata-js's replacer: non-integral numbers to 15 significant digits,
// functions as "".
void stringify(const Json& j, bool pretty, int indent, std::string& out) {
  const std::string pad = pretty ? std::string(static_cast<std::size_t>(indent + 2), ' ') : "";
  const std::string close_pad = pretty ? std::string(static_cast<std::size_t>(indent), ' ') : "";
  if (is_function(j)) {
    out += "\"\"";
  } else if (j.is_number()) {
    double d = j.get<double>();
    if (!(std::nearbyint(d) == d)) {
      char buffer[64];
      std::snprintf(buffer, sizeof buffer, "%.14e", d);
      d = std::strtod(buffer, nullptr);
    }
    out += js_number_text(d);
  } else if (j.is_array()) {
    if (j.empty()) {
      out += "[]";
      return;
    }
    out += '[';
    bool first = true;
    for (const Json& item : j) {
      if (!first) out += ',';
      first = false;
      if (pretty) out += "\n" + pad;
      stringify(item, pretty, indent + 2, out);
    }
    if (pretty) out += "\n" + close_pad;
    out += ']';
  } else if (j.is_object()) {
    bool first = true;
    out += '{';
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (is_function(it.value())) {
        // JSON.stringify keeps the key with the replacer's "" value.
      }
      if (!first) out += ',';
      first = false;
      if (pretty) out += "\n" + pad;
      out += Json(it.key()).dump(-1, ' ', false, Json::error_handler_t::replace);
      out += pretty ? ": " : ":";
      stringify(it.value(), pretty, indent + 2, out);
    }
    if (!first && pretty) out += "\n" + close_pad;
    out += '}';
  } else {
    out += j.dump(-1, ' ', false, Json::error_handler_t::replace);
  }
}

}  // namespace

Result<std::string> to_string(const Val& value, bool pretty) {
  if (!value.defined) return std::string();
  const Json* j = &value.json;
  if (j->is_string()) return j->get<std::string>();
  if (is_function(*j)) return std::string();
  if (value.outer_wrapper && j->is_array() && !j->empty()) j = &(*j)[0];
  std::string out;
  stringify(*j, pretty, 0, out);
  return out;
}

}  // namespace conflictctl::jsonata

#include "conflict/rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace conflictctl::conflict::rules {

using std::chrono::floor;
using std::chrono::minutes;
using std::chrono::sys_days;

// ---------------------------------------------------------------- eligible visits

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

bool usable_ssn(std::string_view trimmed_ssn, const Exclusions& exclusions) {
  return !trimmed_ssn.empty() && !exclusions.ssns.contains(std::string(trimmed_ssn));
}

bool eligible_provider(std::string_view provider_id, const Provider* provider,
                       const Exclusions& exclusions) {
  if (provider == nullptr || !provider->is_active || provider->is_demo) return false;
  return !exclusions.provider_ids.contains(std::string(provider_id)) &&
         !exclusions.app_provider_ids.contains(provider->app_provider_id);
}

bool in_window(Date date, const Window& window) {
  return sys_days{window.first} <= sys_days{date} && sys_days{date} <= sys_days{window.last};
}

bool eligible_in_mode(const Visit& visit, Mode mode) {
  return mode == Mode::kUpdate || !visit.is_missed;
}

// ---------------------------------------------------------------- candidate pairs

bool is_candidate(const Visit& v1, const Visit& v2) {
  return v1.ssn == v2.ssn && v1.visit_date == v2.visit_date && v1.visit_id != v2.visit_id &&
         v1.provider_id != v2.provider_id;
}

// ---------------------------------------------------------------- times

bool has_actuals(const Visit& visit) {
  return visit.visit_start.has_value() && visit.visit_end.has_value();
}

bool has_no_actuals(const Visit& visit) {
  return !visit.visit_start.has_value() && !visit.visit_end.has_value();
}

Interval scheduled(const Visit& visit) { return Interval{visit.sch_start, visit.sch_end}; }
Interval actual(const Visit& visit) { return Interval{visit.visit_start, visit.visit_end}; }

static bool complete(const Interval& i) { return i.start.has_value() && i.end.has_value(); }

bool same(const Interval& a, const Interval& b) {
  return complete(a) && complete(b) && *a.start == *b.start && *a.end == *b.end;
}

bool overlaps(const Interval& a, const Interval& b) {
  return complete(a) && complete(b) && *a.start<*b.end&& * a.end> * b.start;
}

// ---------------------------------------------------------------- minutes

static std::int64_t minutes_between(Instant from, Instant to) {
  return (floor<minutes>(to) - floor<minutes>(from)).count();
}

std::optional<Gaps> minute_gaps(const Visit& v1, const Visit& v2) {
  if (!has_actuals(v1) || !has_actuals(v2)) return std::nullopt;
  return Gaps{minutes_between(*v1.visit_end, *v2.visit_start),
              minutes_between(*v2.visit_end, *v1.visit_start)};
}

std::int64_t minute_diff(const std::optional<Gaps>& gaps) {
  if (!gaps) return 0;
  if (gaps->gap12 > 0) return gaps->gap12;
  if (gaps->gap21 > 0) return gaps->gap21;
  return 0;
}

// ---------------------------------------------------------------- places

// A plain decimal number: [+-]? (digits [. digits?] | . digits). No exponent, inf or nan.
static std::optional<double> parse_decimal(std::string_view text) {
  auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  std::string_view body = text;
  if (!body.empty() && (body.front() == '+' || body.front() == '-')) body.remove_prefix(1);
  std::size_t digits = 0, dots = 0;
  for (char c : body) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c == '.') {
      ++dots;
    } else {
      return std::nullopt;
    }
  }
  if (digits == 0 || dots > 1) return std::nullopt;
  // strtod rounds correctly, exactly as PostgreSQL's float8 input does.
  std::string copy(text);
  return std::strtod(copy.c_str(), nullptr);
}

std::optional<Point> parse_gps(std::string_view text) {
  std::string cleaned;
  cleaned.reserve(text.size());
  for (char c : text)
    if (c != '"') cleaned.push_back(c);
  std::string_view rest = cleaned;
  std::size_t comma = rest.find(',');
  if (comma == std::string_view::npos) return std::nullopt;
  auto lat = parse_decimal(rest.substr(0, comma));
  auto lon = parse_decimal(rest.substr(comma + 1));
  if (!lat || !lon) return std::nullopt;
  if (*lat < -90 || *lat > 90 || *lon < -180 || *lon > 180) return std::nullopt;
  return Point{*lat, *lon};
}

// Case-sensitive, as the source system's LIKE '%GPS%' (docs/conflict-rules.md#places).
static bool contains_gps(std::string_view type) {
  return type.find("GPS") != std::string_view::npos;
}

bool qualifies_as_address(const AddressCandidate& address) {
  return address.is_primary && contains_gps(address.address_type);
}

bool better_address(const AddressCandidate& a, const AddressCandidate& b) {
  if (a.created_at != b.created_at) return a.created_at > b.created_at;
  return a.address_id > b.address_id;
}

bool comes_first(const Visit& a, const Visit& b) {
  std::optional<Instant> key_a, key_b;
  if (has_actuals(a) && has_actuals(b)) {
    key_a = a.visit_start;
    key_b = b.visit_start;
  } else {
    key_a = a.sch_start;
    key_b = b.sch_start;
  }
  if (key_a != key_b) {
    if (!key_a) return false;  // NULL last
    if (!key_b) return true;
    return *key_a < *key_b;
  }
  return a.visit_id < b.visit_id;  // std::string compares bytes: C collation
}

std::optional<Point> departure_point(const Visit& visit) {
  if (auto p = parse_gps(visit.gps_out)) return p;
  if (auto p = parse_gps(visit.gps_in)) return p;
  return visit.address_point;
}

std::optional<Point> arrival_point(const Visit& visit) {
  if (auto p = parse_gps(visit.gps_in)) return p;
  if (auto p = parse_gps(visit.gps_out)) return p;
  return visit.address_point;
}

Leg travel_leg(const Visit& a, const Visit& b) {
  const Visit& earlier = comes_first(a, b) ? a : b;
  const Visit& later = (&earlier == &a) ? b : a;
  return Leg{&earlier, &later, departure_point(earlier), arrival_point(later)};
}

// ---------------------------------------------------------------- distance, speed, ETA

double haversine_metres(Point p1, Point p2) {
  // PostgreSQL's radians(): x × (π / 180).
  constexpr double kRadiansPerDegree = 0.0174532925199432957692;
  const double phi1 = p1.lat * kRadiansPerDegree;
  const double phi2 = p2.lat * kRadiansPerDegree;
  const double d_phi = (p2.lat - p1.lat) * kRadiansPerDegree;
  const double d_lambda = (p2.lon - p1.lon) * kRadiansPerDegree;
  const double s_phi = std::sin(d_phi / 2);
  const double s_lambda = std::sin(d_lambda / 2);
  const double a = s_phi * s_phi + std::cos(phi1) * std::cos(phi2) * s_lambda * s_lambda;
  return 2 * kEarthRadiusMetres * std::asin(std::sqrt(a));
}

std::int64_t divide_round_half_away(std::int64_t numerator, std::int64_t denominator) {
  const bool negative = numerator < 0;
  const std::int64_t magnitude = negative ? -numerator : numerator;
  std::int64_t quotient = magnitude / denominator;
  if (2 * (magnitude % denominator) >= denominator) ++quotient;
  return negative ? -quotient : quotient;
}

std::optional<Hundredths> round2(double value) {
  if (!std::isfinite(value) || std::fabs(value) > 9e13) return std::nullopt;
  if (value == 0) return 0;
  // "%.14e" gives exactly the 15 significant digits of "%.15g": d.dddddddddddddde±XX.
  char text[64];
  std::snprintf(text, sizeof text, "%.14e", std::fabs(value));
  std::int64_t digits = 0;  // the 15 significant digits as an integer
  const char* p = text;
  for (; *p != 'e'; ++p)
    if (*p != '.') digits = digits * 10 + (*p - '0');
  const int exponent = std::atoi(p + 1);
  // |value| = digits × 10^(exponent − 14), so |value| × 100 = digits × 10^(exponent − 12).
  std::int64_t hundredths;
  const int shift = exponent - 12;
  if (shift >= 0) {
    hundredths = digits;
    for (int i = 0; i < shift; ++i) hundredths *= 10;
  } else if (shift < -16) {
    hundredths = 0;  // digits < 10^15 ≤ half of 10^-shift
  } else {
    std::int64_t divisor = 1;
    for (int i = 0; i < -shift; ++i) divisor *= 10;
    hundredths = divide_round_half_away(digits, divisor);
  }
  return value < 0 ? -hundredths : hundredths;
}

std::string format_hundredths(Hundredths value) {
  const char* sign = value < 0 ? "-" : "";
  const Hundredths magnitude = value < 0 ? -value : value;
  return fmt::format("{}{}.{:02}", sign, magnitude / 100, magnitude % 100);
}

std::optional<int> avg_mph_for(const std::vector<MphBand>& bands, Hundredths distance_miles) {
  const MphBand* best = nullptr;
  for (const MphBand& band : bands) {
    if (Hundredths{band.from_miles} * 100 <= distance_miles &&
        (best == nullptr || band.from_miles > best->from_miles))
      best = &band;
  }
  if (best == nullptr) return std::nullopt;
  return best->avg_mph;
}

std::optional<Hundredths> distance_miles(const std::optional<Point>& p1,
                                         const std::optional<Point>& p2,
                                         double extra_distance_per) {
  if (!p1 || !p2) return std::nullopt;
  return round2(haversine_metres(*p1, *p2) / kMetresPerMile * extra_distance_per);
}

Hundredths eta_minutes(Hundredths distance_miles, int avg_mph) {
  // (d / 100) / mph × 60 minutes, in hundredths: d × 60 / mph.
  return divide_round_half_away(distance_miles * 60, avg_mph);
}

// ---------------------------------------------------------------- one pair

bool PairResult::is_conflict() const {
  return std::any_of(flags.begin(), flags.end(), [](bool flag) { return flag; });
}

// Rule 7: the travel between the two visits cannot be made in the gap between them.
static bool distance_rule(const Visit& v1, const Visit& v2, const std::optional<Gaps>& gaps,
                          const PairResult& pair) {
  if (!gaps || !pair.distance_miles || !pair.avg_mph || !pair.eta_minutes) return false;
  const bool zips_differ = !v1.zip || !v2.zip || *v1.zip != *v2.zip;
  if (!zips_differ) return false;
  const Hundredths eta = *pair.eta_minutes;
  return (gaps->gap12 > 0 && eta > gaps->gap12 * 100) ||
         (gaps->gap21 > 0 && eta > gaps->gap21 * 100);
}

PairResult evaluate_pair(const Visit& v1, const Visit& v2, const Settings& settings, Mode mode,
                         Date today) {
  PairResult pair;
  const bool actuals1 = has_actuals(v1), actuals2 = has_actuals(v2);
  const bool none1 = has_no_actuals(v1), none2 = has_no_actuals(v2);
  const bool neither = none1 && none2;
  const bool both = actuals1 && actuals2;
  // "Exactly one has actuals (the other has none)": S of the no-actuals side against A of the
  // other.
  const Visit* plan = nullptr;
  const Visit* done = nullptr;
  if (actuals1 && none2) {
    plan = &v2;
    done = &v1;
  } else if (none1 && actuals2) {
    plan = &v1;
    done = &v2;
  }
  // Insert mode raises schedule-only clashes (rules 1 and 4) for today and later only.
  const bool schedule_rules_apply =
      mode == Mode::kUpdate || sys_days{v1.visit_date} >= sys_days{today};

  const Interval s1 = scheduled(v1), s2 = scheduled(v2);
  const Interval a1 = actual(v1), a2 = actual(v2);
  pair.flags[0] = neither && schedule_rules_apply && same(s1, s2);
  pair.flags[1] = both && same(a1, a2);
  pair.flags[2] = plan != nullptr && same(scheduled(*plan), actual(*done));
  pair.flags[3] = neither && schedule_rules_apply && overlaps(s1, s2) && !same(s1, s2);
  pair.flags[4] = both && overlaps(a1, a2) && !same(a1, a2);
  pair.flags[5] = plan != nullptr && overlaps(scheduled(*plan), actual(*done)) &&
                  !same(scheduled(*plan), actual(*done));

  const std::optional<Gaps> gaps = minute_gaps(v1, v2);
  pair.minute_diff = minute_diff(gaps);

  const Leg leg = travel_leg(v1, v2);
  const bool v1_is_earlier = leg.earlier == &v1;
  pair.point1 = v1_is_earlier ? leg.from : leg.to;
  pair.point2 = v1_is_earlier ? leg.to : leg.from;
  pair.distance_miles = distance_miles(leg.from, leg.to, settings.extra_distance_per);
  if (pair.distance_miles) pair.avg_mph = avg_mph_for(settings.bands, *pair.distance_miles);
  if (pair.distance_miles && pair.avg_mph)
    pair.eta_minutes = eta_minutes(*pair.distance_miles, *pair.avg_mph);

  pair.flags[6] = both && distance_rule(v1, v2, gaps, pair);
  return pair;
}

}  // namespace conflictctl::conflict::rules

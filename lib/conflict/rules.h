#pragma once
// The Conflict Report rules, evaluated in C++: the independent referee that `conflictctl db
// check` runs against what the SQL tasks wrote. docs/conflict-rules.md is the contract; this
// file follows it section by section (eligibility, candidate pairs, times, the seven flags,
// minutes, places, distance/speed/ETA) and names the sentence it implements where that helps.
//
// Everything here is pure: no database, no clock (today's date is an argument), no I/O.
// Functions are thread-safe (they share no state).
//
// Number representations (chosen so that every comparison with stored values is exact):
//   Instant     a `timestamp without time zone` as UTC wall time, microsecond precision
//               (PostgreSQL's own resolution), so "same" and "overlap" compare exactly what
//               the database compares.
//   Hundredths  a numeric(…, 2) value times 100, as an integer: distance_miles 10.36 is 1036.
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "conflict/window.h"

namespace conflictctl::conflict::rules {

using Instant = std::chrono::sys_time<std::chrono::microseconds>;
using Hundredths = std::int64_t;

// Which task's rules: TASK_03 (insert) or TASK_02 (update). They differ in two places only:
// insert drops missed visits, and raises rules 1 and 4 only for today and later.
enum class Mode { kInsert, kUpdate };

struct Point {
  double lat = 0;
  double lon = 0;
  friend bool operator==(const Point&, const Point&) = default;
};

// One visit's facts, as far as the rules read them.
struct Visit {
  std::string visit_id;
  std::string provider_id;
  std::string ssn;  // the caregiver's SSN, already trimmed (trim_spaces)
  Date visit_date{};
  std::optional<Instant> sch_start, sch_end;
  std::optional<Instant> visit_start, visit_end;
  std::string gps_in;  // raw "lat,lon" text; NULL is stored as "" (both are unknown)
  std::string gps_out;
  // From the visit's address (see `better_address`): the fallback point, zip and county.
  std::optional<Point> address_point;
  std::optional<std::string> zip;  // trimmed; nullopt when NULL or empty
  std::optional<std::string> county;
  bool is_missed = false;
};

// ---------------------------------------------------------------- eligible visits

// `text` without leading and trailing spaces (' ' only, as PostgreSQL's btrim/trim).
std::string_view trim_spaces(std::string_view text);

// An agency as the eligibility rule sees it (analytics.provider).
struct Provider {
  std::string app_provider_id;
  bool is_active = false;
  bool is_demo = false;
};

// conflict.excluded_ssn (trimmed) and conflict.excluded_agency (ids as stored; NULLs left out).
struct Exclusions {
  std::unordered_set<std::string> ssns;
  std::unordered_set<std::string> provider_ids;
  std::unordered_set<std::string> app_provider_ids;
};

// The trimmed SSN is not empty and not excluded. (NULL SSNs never get here: the caller
// treats them as unusable.)
bool usable_ssn(std::string_view trimmed_ssn, const Exclusions& exclusions);

// The provider exists (`provider` is null when it does not), is active, is not a demo, and
// neither its provider_id nor its app_provider_id is in excluded_agency.
bool eligible_provider(std::string_view provider_id, const Provider* provider,
                       const Exclusions& exclusions);

// today − 2 years ≤ date ≤ today + 45 days.
bool in_window(Date date, const Window& window);

// The visit-level rules that depend on the mode: in insert mode a missed visit is out.
// (SSN, provider and window are checked with the functions above, where the data is.)
bool eligible_in_mode(const Visit& visit, Mode mode);

// ---------------------------------------------------------------- candidate pairs

// Same SSN, same visit_date, different visit ids, different providers. Both visits must
// already be eligible.
bool is_candidate(const Visit& v1, const Visit& v2);

// ---------------------------------------------------------------- times

// Both actual bounds non-NULL / both NULL. A half-filled visit is neither.
bool has_actuals(const Visit& visit);
bool has_no_actuals(const Visit& visit);

// A half-open interval [start, end); a NULL bound makes every comparison false.
struct Interval {
  std::optional<Instant> start;
  std::optional<Instant> end;
};
Interval scheduled(const Visit& visit);  // S(X)
Interval actual(const Visit& visit);     // A(X)

// Both bounds equal and non-NULL.
bool same(const Interval& a, const Interval& b);
// a.start < b.end and a.end > b.start, all four non-NULL (touching intervals do not overlap).
bool overlaps(const Interval& a, const Interval& b);

// ---------------------------------------------------------------- the seven flags

inline constexpr std::size_t kFlagCount = 7;
// The map-table column of each flag; index = rule number − 1.
inline constexpr std::array<std::string_view, kFlagCount> kFlagColumns = {
    "same_sch_time_flag",
    "same_visit_time_flag",
    "sch_and_visit_time_same_flag",
    "sch_over_another_sch_time_flag",
    "visit_time_over_another_visit_time_flag",
    "sch_time_over_visit_time_flag",
    "distance_flag",
};

// ---------------------------------------------------------------- minutes

// gap12 = floor_min(V2.visit_start) − floor_min(V1.visit_end) and gap21 the other way, in
// whole minutes; nullopt unless both visits have actuals.
struct Gaps {
  std::int64_t gap12 = 0;
  std::int64_t gap21 = 0;
};
std::optional<Gaps> minute_gaps(const Visit& v1, const Visit& v2);

// gap12 if > 0, else gap21 if > 0, else 0 (also 0 without actuals on both sides).
std::int64_t minute_diff(const std::optional<Gaps>& gaps);

// ---------------------------------------------------------------- places

// "lat,lon" → a point. Double quotes are removed anywhere, whitespace around the whole text
// and around each part is ignored, the text is split at the first comma, and each part must
// be a plain decimal number: optional sign, digits with an optional fraction ("12", "-7.5",
// ".5", "5."), no exponent, no inf/nan. Latitude in [−90, 90], longitude in [−180, 180].
// Anything else ("", ",", one part, text, out of range) is unknown: nullopt.
std::optional<Point> parse_gps(std::string_view text);

// One analytics.patient_address row, as far as choosing the visit's address goes.
struct AddressCandidate {
  std::string address_id;
  bool is_primary = false;
  std::string address_type;  // NULL as ""
  Instant created_at;
};
// The row may serve as a visit's address: is_primary and the type contains "GPS",
// case-sensitive as the source system's LIKE '%GPS%' ("Home GPS" counts, "gps" does not).
bool qualifies_as_address(const AddressCandidate& address);
// Of two qualifying rows of the same patient, `a` wins over `b`: newer created_at, ties by
// the greater address_id (text order, C collation).
bool better_address(const AddressCandidate& a, const AddressCandidate& b);

// The travel leg runs from the earlier visit to the later one. `a` comes before `b`: by
// visit_start when both have actuals, else by sch_start (NULL last); ties by visit_id (bytes).
bool comes_first(const Visit& a, const Visit& b);

// The point a visit uses as the leg's start: gps_out, else gps_in, else the address.
std::optional<Point> departure_point(const Visit& visit);
// The point a visit uses as the leg's end: gps_in, else gps_out, else the address.
std::optional<Point> arrival_point(const Visit& visit);

struct Leg {
  const Visit* earlier = nullptr;
  const Visit* later = nullptr;
  std::optional<Point> from;  // departure_point(*earlier)
  std::optional<Point> to;    // arrival_point(*later)
};
Leg travel_leg(const Visit& a, const Visit& b);

// ---------------------------------------------------------------- distance, speed, ETA

inline constexpr double kEarthRadiusMetres = 6371000.0;
inline constexpr double kMetresPerMile = 1609.34;

// 2 · R · asin(√a), a = sin²(Δφ/2) + cos φ1 · cos φ2 · sin²(Δλ/2); degrees × π/180.
double haversine_metres(Point p1, Point p2);

// PostgreSQL's round(value::numeric, 2): the double becomes a numeric through its 15
// significant digits (PostgreSQL 15's float8 → numeric cast prints "%.15g"), which is then
// rounded half away from zero to 2 decimals. So 2.675 (binary 2.67499999999999982…) gives
// 2.68, as in the database. nullopt for NaN, infinities and values beyond ±9e13.
std::optional<Hundredths> round2(double value);

// `numerator / denominator` rounded half away from zero (exact integer arithmetic);
// denominator > 0.
std::int64_t divide_round_half_away(std::int64_t numerator, std::int64_t denominator);

// "10.36", "-0.05", "7.00".
std::string format_hundredths(Hundredths value);

// One row of conflict.mph.
struct MphBand {
  int from_miles = 0;
  int avg_mph = 0;
};

// What the rules read from conflict.settings and conflict.mph.
struct Settings {
  double extra_distance_per = 1.0;  // Default: 1.00, the column's default
  std::vector<MphBand> bands;       // any order
};

// avg_mph of the band with the greatest from_miles ≤ distance (beyond the last band, the last
// band); nullopt below every band or without bands.
std::optional<int> avg_mph_for(const std::vector<MphBand>& bands, Hundredths distance_miles);

// round₂(haversine_m / 1609.34 × extra_distance_per); nullopt when a point is unknown.
std::optional<Hundredths> distance_miles(const std::optional<Point>& p1,
                                         const std::optional<Point>& p2, double extra_distance_per);

// round₂(distance_miles / avg_mph × 60), computed exactly (distance × 60 / mph on integers).
Hundredths eta_minutes(Hundredths distance_miles, int avg_mph);

// ---------------------------------------------------------------- one pair

struct PairResult {
  std::array<bool, kFlagCount> flags{};  // index = rule number − 1; true = 'Y'
  std::int64_t minute_diff = 0;
  std::optional<Hundredths> distance_miles;
  std::optional<int> avg_mph;
  std::optional<Hundredths> eta_minutes;
  // Each visit's own point in its role on the leg: the row's lat/lon (point1) and
  // con_lat/con_lon (point2).
  std::optional<Point> point1;
  std::optional<Point> point2;

  // At least one flag: the pair is a conflict.
  bool is_conflict() const;
};

// Every flag and field of the pair (v1, v2) in `mode`; `today` matters only for rules 1 and 4
// in insert mode. Symmetric: evaluate_pair(b, a) has the same flags and fields, with point1
// and point2 swapped — except minute_diff when a visit ends before it starts: then gap12 and
// gap21 can both be positive, and each orientation takes its own gap12. Does not check that
// the pair is a candidate.
PairResult evaluate_pair(const Visit& v1, const Visit& v2, const Settings& settings, Mode mode,
                         Date today);

}  // namespace conflictctl::conflict::rules

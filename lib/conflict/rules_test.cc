#include "conflict/rules.h"

#include <catch2/catch.hpp>
#include <cmath>

namespace conflictctl::conflict::rules {
namespace {

using namespace std::chrono;

constexpr Date kDay{year{2024}, month{5}, day{10}};

// "HH:MM" or "HH:MM:SS" on kDay.
Instant at(const std::string& clock) {
  int h = std::stoi(clock.substr(0, 2)), m = std::stoi(clock.substr(3, 2));
  int s = clock.size() > 5 ? std::stoi(clock.substr(6, 2)) : 0;
  return Instant{sys_days{kDay}} + hours{h} + minutes{m} + seconds{s};
}

Visit visit(const std::string& id, const std::string& provider) {
  Visit v;
  v.visit_id = id;
  v.provider_id = provider;
  v.ssn = "123456789";
  v.visit_date = kDay;
  return v;
}

Visit scheduled_only(const std::string& id, const std::string& provider, const std::string& start,
                     const std::string& end) {
  Visit v = visit(id, provider);
  v.sch_start = at(start);
  v.sch_end = at(end);
  return v;
}

Visit with_actuals(const std::string& id, const std::string& provider, const std::string& start,
                   const std::string& end) {
  Visit v = visit(id, provider);
  v.sch_start = at(start);
  v.sch_end = at(end);
  v.visit_start = at(start);
  v.visit_end = at(end);
  return v;
}

Settings example_settings(double extra = 1.0) {
  Settings s;
  s.extra_distance_per = extra;
  s.bands = {{0, 10}, {6, 20}, {16, 30}};
  return s;
}

PairResult update(const Visit& a, const Visit& b, const Settings& s = example_settings()) {
  return evaluate_pair(a, b, s, Mode::kUpdate, kDay);
}

// The rule numbers (1–7) that fired.
std::vector<int> fired(const PairResult& pair) {
  std::vector<int> rules;
  for (std::size_t i = 0; i < kFlagCount; ++i)
    if (pair.flags[i]) rules.push_back(static_cast<int>(i) + 1);
  return rules;
}

const std::vector<int> kNone;

// The distance example of docs/conflict-rules.md, "Worked examples".
constexpr Point kManhattan{40.7731179, -73.9859967};
constexpr Point kBrooklyn{40.654140, -73.935455};

std::string gps(Point p) { return std::to_string(p.lat) + "," + std::to_string(p.lon); }

std::pair<Visit, Visit> distance_example() {
  Visit v1 = with_actuals("v1", "A", "09:00", "10:00");
  v1.gps_in = v1.gps_out = "40.7731179,-73.9859967";
  Visit v2 = with_actuals("v2", "B", "10:30", "11:30");
  v2.gps_in = v2.gps_out = "40.654140,-73.935455";
  return {v1, v2};
}

TEST_CASE("worked examples of docs/conflict-rules.md: one rule each") {
  SECTION("same schedule, no actuals: rule 1") {
    auto pair = update(scheduled_only("v1", "A", "09:00", "13:00"),
                       scheduled_only("v2", "B", "09:00", "13:00"));
    CHECK(fired(pair) == std::vector<int>{1});
    CHECK(pair.is_conflict());
  }
  SECTION("overlapping schedules: rule 4") {
    auto pair = update(scheduled_only("v1", "A", "09:00", "13:00"),
                       scheduled_only("v2", "B", "12:00", "16:00"));
    CHECK(fired(pair) == std::vector<int>{4});
  }
  SECTION("touching schedules: no flag") {
    auto pair = update(scheduled_only("v1", "A", "09:00", "12:00"),
                       scheduled_only("v2", "B", "12:00", "16:00"));
    CHECK(fired(pair) == kNone);
    CHECK_FALSE(pair.is_conflict());
  }
  SECTION("same actuals: rule 2, not rule 5") {
    auto pair = update(with_actuals("v1", "A", "09:00", "13:00"),
                       with_actuals("v2", "B", "09:00", "13:00"));
    CHECK(fired(pair) == std::vector<int>{2});
  }
  SECTION("overlapping actuals: rule 5, minute_diff 0 (the update formula in both modes)") {
    auto v1 = with_actuals("v1", "A", "09:00", "13:00");
    auto v2 = with_actuals("v2", "B", "12:45", "15:00");
    CHECK(fired(update(v1, v2)) == std::vector<int>{5});
    CHECK(update(v1, v2).minute_diff == 0);
    CHECK(evaluate_pair(v1, v2, example_settings(), Mode::kInsert, kDay).minute_diff == 0);
  }
  SECTION("schedule of one equals the actuals of the other: rule 3") {
    auto pair = update(scheduled_only("v1", "A", "09:00", "13:00"),
                       with_actuals("v2", "B", "09:00", "13:00"));
    CHECK(fired(pair) == std::vector<int>{3});
  }
  SECTION("schedule of one overlaps the actuals of the other: rule 6") {
    auto pair = update(scheduled_only("v1", "A", "09:00", "13:00"),
                       with_actuals("v2", "B", "12:30", "14:00"));
    CHECK(fired(pair) == std::vector<int>{6});
  }
  SECTION("rules 3 and 6 look at the schedule of the side without actuals only") {
    // V1's schedule equals V2's schedule, but V2 has actuals elsewhere: nothing.
    auto v1 = scheduled_only("v1", "A", "09:00", "13:00");
    auto v2 = with_actuals("v2", "B", "14:00", "15:00");
    v2.sch_start = at("09:00");
    v2.sch_end = at("13:00");
    CHECK(fired(update(v1, v2)) == kNone);
  }
}

TEST_CASE("distance example of §3.4: 1.20 raises rule 7, 1.00 does not") {
  auto [v1, v2] = distance_example();
  CHECK(haversine_metres(kManhattan, kBrooklyn) == Approx(13898.6).margin(0.05));

  auto with_120 = update(v1, v2, example_settings(1.20));
  CHECK(with_120.distance_miles == 1036);
  CHECK(with_120.avg_mph == 20);
  CHECK(with_120.eta_minutes == 3108);
  CHECK(with_120.minute_diff == 30);
  CHECK(fired(with_120) == std::vector<int>{7});

  auto with_100 = update(v1, v2, example_settings(1.00));
  CHECK(with_100.distance_miles == 864);
  CHECK(with_100.avg_mph == 20);
  CHECK(with_100.eta_minutes == 2592);
  CHECK(with_100.minute_diff == 30);
  CHECK(fired(with_100) == kNone);

  SECTION("the insert task raises it too") {
    CHECK(fired(evaluate_pair(v1, v2, example_settings(1.20), Mode::kInsert, kDay)) ==
          std::vector<int>{7});
  }
  SECTION("either direction: gap21 counts when V2 is the earlier visit") {
    auto reversed = update(v2, v1, example_settings(1.20));
    CHECK(reversed.minute_diff == 30);
    CHECK(fired(reversed) == std::vector<int>{7});
  }
  SECTION("overlapping visits have no positive gap: rule 5, never rule 7") {
    auto late = with_actuals("v2", "B", "09:30", "11:30");
    late.gps_in = late.gps_out = v2.gps_in;
    CHECK(fired(update(v1, late, example_settings(1.20))) == std::vector<int>{5});
  }
  SECTION("a gap as long as the ETA is enough: eta must exceed the gap") {
    // 10.36 mi at 20 mph = 31.08 min; a 32-minute gap is enough.
    auto later = with_actuals("v2", "B", "10:32", "11:30");
    later.gps_in = later.gps_out = v2.gps_in;
    auto pair = update(v1, later, example_settings(1.20));
    CHECK(pair.minute_diff == 32);
    CHECK(fired(pair) == kNone);
  }
}

TEST_CASE("every flag and field is symmetric") {
  auto [d1, d2] = distance_example();
  std::vector<std::pair<Visit, Visit>> pairs = {
      {d1, d2},
      {scheduled_only("a", "A", "09:00", "13:00"), scheduled_only("b", "B", "12:00", "16:00")},
      {scheduled_only("a", "A", "09:00", "13:00"), with_actuals("b", "B", "09:00", "13:00")},
      {scheduled_only("a", "A", "09:00", "13:00"), with_actuals("b", "B", "12:30", "14:00")},
      {with_actuals("a", "A", "09:00", "13:00"), with_actuals("b", "B", "12:45", "15:00")},
  };
  // Different points on each visit's call-in and call-out: the leg decides which are used.
  Visit e1 = with_actuals("e1", "A", "08:00", "09:00");
  e1.gps_in = "40.70,-74.00";
  e1.gps_out = "40.75,-73.95";
  Visit e2 = with_actuals("e2", "B", "09:10", "10:00");
  e2.gps_in = "40.60,-73.90";
  e2.gps_out = "40.90,-73.80";
  pairs.emplace_back(e1, e2);
  for (const auto& [a, b] : pairs) {
    for (Mode mode : {Mode::kInsert, Mode::kUpdate}) {
      auto ab = evaluate_pair(a, b, example_settings(1.2), mode, kDay);
      auto ba = evaluate_pair(b, a, example_settings(1.2), mode, kDay);
      CHECK(ab.flags == ba.flags);
      CHECK(ab.minute_diff == ba.minute_diff);
      CHECK(ab.distance_miles == ba.distance_miles);
      CHECK(ab.avg_mph == ba.avg_mph);
      CHECK(ab.eta_minutes == ba.eta_minutes);
      CHECK(ab.point1 == ba.point2);
      CHECK(ab.point2 == ba.point1);
    }
  }
  SECTION("the leg runs from the earlier visit's call-out to the later visit's call-in") {
    auto ab = update(e1, e2);
    CHECK(ab.point1 == Point{40.75, -73.95});
    CHECK(ab.point2 == Point{40.60, -73.90});
    auto ba = update(e2, e1);
    CHECK(ba.point1 == Point{40.60, -73.90});
    CHECK(ba.point2 == Point{40.75, -73.95});
  }
}

TEST_CASE("intervals are half-open and NULL bounds compare false") {
  SECTION("touching actuals do not overlap") {
    CHECK(fired(update(with_actuals("a", "A", "09:00", "10:00"),
                       with_actuals("b", "B", "10:00", "11:00"))) == kNone);
  }
  SECTION("a schedule touching actuals does not overlap") {
    CHECK(fired(update(scheduled_only("a", "A", "09:00", "10:00"),
                       with_actuals("b", "B", "10:00", "11:00"))) == kNone);
  }
  SECTION("one second of overlap is an overlap") {
    CHECK(fired(update(with_actuals("a", "A", "09:00", "10:00:01"),
                       with_actuals("b", "B", "10:00", "11:00"))) == std::vector<int>{5});
  }
  SECTION("two visits without any times are not 'the same schedule'") {
    CHECK(fired(update(visit("a", "A"), visit("b", "B"))) == kNone);
  }
  SECTION("a NULL schedule end makes rules 1 and 4 false") {
    auto a = scheduled_only("a", "A", "09:00", "13:00");
    auto b = scheduled_only("b", "B", "09:00", "13:00");
    b.sch_end.reset();
    CHECK(fired(update(a, b)) == kNone);
  }
  SECTION("a NULL schedule on the no-actuals side makes rules 3 and 6 false") {
    auto a = visit("a", "A");
    CHECK(fired(update(a, with_actuals("b", "B", "09:00", "13:00"))) == kNone);
  }
  SECTION("interval helpers") {
    Interval nine_to_ten{at("09:00"), at("10:00")};
    Interval ten_to_eleven{at("10:00"), at("11:00")};
    Interval open_end{at("09:00"), std::nullopt};
    CHECK(same(nine_to_ten, nine_to_ten));
    CHECK_FALSE(same(open_end, open_end));
    CHECK_FALSE(overlaps(nine_to_ten, ten_to_eleven));
    CHECK(overlaps(nine_to_ten, Interval{at("09:59"), at("11:00")}));
    CHECK_FALSE(overlaps(open_end, nine_to_ten));
  }
}

TEST_CASE("a half-filled visit never raises rules 1 to 7") {
  auto half = scheduled_only("a", "A", "09:00", "13:00");
  half.visit_start = at("09:00");  // no visit_end
  CHECK_FALSE(has_actuals(half));
  CHECK_FALSE(has_no_actuals(half));
  CHECK(fired(update(half, scheduled_only("b", "B", "09:00", "13:00"))) == kNone);
  CHECK(fired(update(half, scheduled_only("b", "B", "10:00", "11:00"))) == kNone);
  CHECK(fired(update(half, with_actuals("b", "B", "09:00", "13:00"))) == kNone);
  CHECK(fired(update(half, with_actuals("b", "B", "10:00", "11:00"))) == kNone);
  CHECK(update(half, with_actuals("b", "B", "14:00", "15:00")).minute_diff == 0);

  auto end_only = scheduled_only("c", "A", "09:00", "13:00");
  end_only.visit_end = at("13:00");
  CHECK(fired(update(end_only, with_actuals("b", "B", "09:00", "13:00"))) == kNone);
  CHECK(fired(update(end_only, scheduled_only("b", "B", "09:00", "13:00"))) == kNone);
}

TEST_CASE("insert mode raises rules 1 and 4 for today and later only") {
  const Date yesterday{sys_days{kDay} - days{1}};
  const Date tomorrow{sys_days{kDay} + days{1}};
  auto same_a = scheduled_only("a", "A", "09:00", "13:00");
  auto same_b = scheduled_only("b", "B", "09:00", "13:00");
  auto over_b = scheduled_only("c", "B", "12:00", "16:00");
  const Settings s = example_settings();

  // Visits dated kDay: today, yesterday (today = tomorrow) and tomorrow (today = yesterday).
  CHECK(fired(evaluate_pair(same_a, same_b, s, Mode::kInsert, kDay)) == std::vector<int>{1});
  CHECK(fired(evaluate_pair(same_a, over_b, s, Mode::kInsert, kDay)) == std::vector<int>{4});
  CHECK(fired(evaluate_pair(same_a, same_b, s, Mode::kInsert, yesterday)) == std::vector<int>{1});
  CHECK(fired(evaluate_pair(same_a, same_b, s, Mode::kInsert, tomorrow)) == kNone);
  CHECK(fired(evaluate_pair(same_a, over_b, s, Mode::kInsert, tomorrow)) == kNone);
  // The update task has no date condition.
  CHECK(fired(evaluate_pair(same_a, same_b, s, Mode::kUpdate, tomorrow)) == std::vector<int>{1});
  CHECK(fired(evaluate_pair(same_a, over_b, s, Mode::kUpdate, tomorrow)) == std::vector<int>{4});
  // Rules with actuals are raised for past dates in both modes.
  CHECK(fired(evaluate_pair(with_actuals("a", "A", "09:00", "13:00"),
                            with_actuals("b", "B", "12:00", "14:00"), s, Mode::kInsert,
                            tomorrow)) == std::vector<int>{5});
  CHECK(fired(evaluate_pair(same_a, with_actuals("b", "B", "09:00", "13:00"), s, Mode::kInsert,
                            tomorrow)) == std::vector<int>{3});
}

TEST_CASE("minutes are floored before subtracting") {
  auto a = with_actuals("a", "A", "09:00", "10:00:59");
  auto b = with_actuals("b", "B", "10:30:00", "11:00");
  CHECK(update(a, b).minute_diff == 30);
  auto gaps = minute_gaps(a, b);
  REQUIRE(gaps);
  CHECK(gaps->gap12 == 30);
  CHECK(gaps->gap21 == -120);

  auto c = with_actuals("c", "B", "10:30:59", "11:00");
  CHECK(update(with_actuals("a", "A", "09:00", "10:00"), c).minute_diff == 30);
  SECTION("gap21 when V2 is first") { CHECK(update(b, a).minute_diff == 30); }
  SECTION("a visit ending before it starts: both gaps positive, each row its own gap12") {
    auto inverted_a = with_actuals("a", "A", "10:00", "09:30");
    auto inverted_b = with_actuals("b", "B", "11:00", "08:00");
    CHECK(update(inverted_a, inverted_b).minute_diff == 90);   // 11:00 − 09:30
    CHECK(update(inverted_b, inverted_a).minute_diff == 120);  // 10:00 − 08:00
  }
  SECTION("no actuals on one side: 0") {
    CHECK(update(a, scheduled_only("s", "B", "12:00", "13:00")).minute_diff == 0);
    CHECK_FALSE(minute_gaps(a, scheduled_only("s", "B", "12:00", "13:00")));
  }
}

TEST_CASE("mph bands: the greatest from_miles not above the distance") {
  const std::vector<MphBand> bands = {{16, 30}, {1, 10}, {6, 20}};  // any order
  CHECK(avg_mph_for(bands, 600) == 20);           // exactly on a band's from_miles
  CHECK(avg_mph_for(bands, 599) == 10);           // just below it
  CHECK(avg_mph_for(bands, 100) == 10);           // exactly the first band's start
  CHECK(avg_mph_for(bands, 99) == std::nullopt);  // below the first band
  CHECK(avg_mph_for(bands, 0) == std::nullopt);
  CHECK(avg_mph_for(bands, 50000) == 30);  // beyond the last band: the last band
  CHECK(avg_mph_for({}, 500) == std::nullopt);

  SECTION("below every band: no speed, no ETA, no rule 7") {
    auto [v1, v2] = distance_example();
    Settings s = example_settings(1.20);
    s.bands = {{11, 5}};
    auto pair = update(v1, v2, s);
    CHECK(pair.distance_miles == 1036);
    CHECK(pair.avg_mph == std::nullopt);
    CHECK(pair.eta_minutes == std::nullopt);
    CHECK(fired(pair) == kNone);
  }
}

TEST_CASE("rule 7 needs the zips to differ or one to be unknown") {
  auto [v1, v2] = distance_example();
  const Settings s = example_settings(1.20);
  SECTION("equal zips: no flag") {
    v1.zip = v2.zip = "10021";
    CHECK(fired(update(v1, v2, s)) == kNone);
  }
  SECTION("different zips: flag") {
    v1.zip = "10021";
    v2.zip = "11203";
    CHECK(fired(update(v1, v2, s)) == std::vector<int>{7});
  }
  SECTION("one zip unknown: flag") {
    v1.zip = "10021";
    CHECK(fired(update(v1, v2, s)) == std::vector<int>{7});
    CHECK(fired(update(v2, v1, s)) == std::vector<int>{7});
  }
  SECTION("both unknown: flag") { CHECK(fired(update(v1, v2, s)) == std::vector<int>{7}); }
}

TEST_CASE("coordinates fall back from GPS to the patient address") {
  Visit v = visit("v", "A");
  const Point in{40.1, -73.1}, out{40.2, -73.2}, home{40.3, -73.3};
  v.address_point = home;
  SECTION("both GPS: departure uses call-out, arrival call-in") {
    v.gps_in = gps(in);
    v.gps_out = gps(out);
    CHECK(departure_point(v) == out);
    CHECK(arrival_point(v) == in);
  }
  SECTION("no call-out: both use call-in") {
    v.gps_in = gps(in);
    v.gps_out = ",";
    CHECK(departure_point(v) == in);
    CHECK(arrival_point(v) == in);
  }
  SECTION("no call-in: both use call-out") {
    v.gps_out = gps(out);
    CHECK(departure_point(v) == out);
    CHECK(arrival_point(v) == out);
  }
  SECTION("no GPS: the address") {
    v.gps_in = "not a point";
    CHECK(departure_point(v) == home);
    CHECK(arrival_point(v) == home);
  }
  SECTION("nothing: unknown") {
    v.address_point.reset();
    CHECK(departure_point(v) == std::nullopt);
    CHECK(arrival_point(v) == std::nullopt);
  }

  SECTION("in a pair: a missing point leaves distance, speed and ETA NULL and rule 7 'N'") {
    auto [v1, v2] = distance_example();
    v2.gps_in = v2.gps_out = "";
    auto pair = update(v1, v2, example_settings(1.20));
    CHECK(pair.distance_miles == std::nullopt);
    CHECK(pair.avg_mph == std::nullopt);
    CHECK(pair.eta_minutes == std::nullopt);
    CHECK(pair.point1 == kManhattan);
    CHECK(pair.point2 == std::nullopt);
    CHECK(fired(pair) == kNone);
    SECTION("the address of the later visit completes the leg") {
      v2.address_point = kBrooklyn;
      auto with_address = update(v1, v2, example_settings(1.20));
      CHECK(with_address.distance_miles == 1036);
      CHECK(with_address.point2 == kBrooklyn);
      CHECK(fired(with_address) == std::vector<int>{7});
    }
  }
  SECTION("schedule-only pairs get a distance too (ordered by sch_start)") {
    auto a = scheduled_only("a", "A", "09:00", "10:00");
    a.gps_out = "40.7731179,-73.9859967";
    auto b = scheduled_only("b", "B", "10:30", "11:30");
    b.gps_in = "40.654140,-73.935455";
    auto pair = update(b, a, example_settings(1.20));
    CHECK(pair.distance_miles == 1036);
    CHECK(pair.eta_minutes == 3108);
    CHECK(pair.minute_diff == 0);
    CHECK(fired(pair) == kNone);
  }
}

TEST_CASE("which visit is earlier") {
  auto a = with_actuals("a", "A", "09:00", "10:00");
  auto b = with_actuals("b", "B", "08:00", "12:00");
  CHECK(comes_first(b, a));
  CHECK_FALSE(comes_first(a, b));
  SECTION("without actuals on both sides, by sch_start, NULL last") {
    auto s = scheduled_only("s", "B", "07:00", "08:00");
    CHECK(comes_first(s, a));  // a's sch_start 09:00; its actual start is not used
    auto no_schedule = visit("0", "B");
    CHECK(comes_first(a, no_schedule));
    CHECK_FALSE(comes_first(no_schedule, a));
  }
  SECTION("ties by visit_id, byte order") {
    auto upper = with_actuals("B", "A", "09:00", "10:00");
    auto lower = with_actuals("a", "B", "09:00", "10:00");
    CHECK(comes_first(upper, lower));  // 'B' (0x42) < 'a' (0x61)
    CHECK(comes_first(visit("x1", "A"), visit("x2", "B")));
  }
}

TEST_CASE("GPS text") {
  CHECK(parse_gps("40.7731179,-73.9859967") == kManhattan);
  CHECK(parse_gps("\"40.7731179,-73.9859967\"") == kManhattan);
  CHECK(parse_gps("  \"40.7731179, -73.9859967\" ") == kManhattan);
  CHECK(parse_gps("\"40.7731179\",\"-73.9859967\"") == kManhattan);
  CHECK(parse_gps("40,-73") == Point{40, -73});
  CHECK(parse_gps("+40.5,.5") == Point{40.5, 0.5});
  CHECK(parse_gps("90,180") == Point{90, 180});
  CHECK(parse_gps("-90,-180") == Point{-90, -180});
  for (const char* unknown :
       {"", ",", "\",\"", " , ", "40.1", "40.1,", ",-73.9", "abc,def", "40.1,-73.9,5", "1e1,2",
        "nan,1", "inf,1", "90.0001,0", "0,-180.5", "4 0,1", "-,1", "1..2,3"})
    CHECK(parse_gps(unknown) == std::nullopt);
}

TEST_CASE("round2 matches PostgreSQL's round(double::numeric, 2)") {
  // Values checked on PostgreSQL 15: the cast keeps 15 significant digits, then rounds half
  // away from zero.
  CHECK(round2(2.675) == 268);  // binary 2.67499999999999982…
  CHECK(round2(1.005) == 101);
  CHECK(round2(-2.675) == -268);
  CHECK(round2(0.125) == 13);
  CHECK(round2(0.0049999999999999999) == 1);
  CHECK(round2(0.004) == 0);
  CHECK(round2(0.0) == 0);
  CHECK(round2(10.36349) == 1036);
  CHECK(round2(123456789.125) == 12345678913);
  CHECK(round2(1e-30) == 0);
  CHECK(round2(std::nan("")) == std::nullopt);
  CHECK(round2(HUGE_VAL) == std::nullopt);
  CHECK(format_hundredths(1036) == "10.36");
  CHECK(format_hundredths(7) == "0.07");
  CHECK(format_hundredths(-5) == "-0.05");
  CHECK(format_hundredths(700) == "7.00");
}

TEST_CASE("eta is distance / mph × 60, rounded half away from zero, exactly") {
  CHECK(eta_minutes(1036, 20) == 3108);
  CHECK(eta_minutes(864, 20) == 2592);
  // 0.05 mi at 24 mph is exactly 0.125 min → 0.13. (PostgreSQL's numeric 0.05/24*60 gives
  // 0.12 because the division is cut at 20 digits; distance*60/mph gives 0.13.)
  CHECK(eta_minutes(5, 24) == 13);
  CHECK(eta_minutes(100, 3) == 2000);
  CHECK(divide_round_half_away(5, 2) == 3);
  CHECK(divide_round_half_away(-5, 2) == -3);
  CHECK(divide_round_half_away(4, 3) == 1);
}

TEST_CASE("eligibility and candidates") {
  Exclusions ex;
  ex.ssns = {"999999999"};
  ex.provider_ids = {"P-X"};
  ex.app_provider_ids = {"APP-X"};
  CHECK(trim_spaces("  12 3  ") == "12 3");
  CHECK(usable_ssn("123", ex));
  CHECK_FALSE(usable_ssn("", ex));
  CHECK_FALSE(usable_ssn("999999999", ex));

  Provider ok{"APP-1", true, false};
  CHECK(eligible_provider("P-1", &ok, ex));
  CHECK_FALSE(eligible_provider("P-1", nullptr, ex));
  CHECK_FALSE(eligible_provider("P-X", &ok, ex));
  Provider excluded_app{"APP-X", true, false};
  CHECK_FALSE(eligible_provider("P-1", &excluded_app, ex));
  Provider inactive{"APP-1", false, false};
  CHECK_FALSE(eligible_provider("P-1", &inactive, ex));
  Provider demo{"APP-1", true, true};
  CHECK_FALSE(eligible_provider("P-1", &demo, ex));

  const Window w = window_for(kDay);
  CHECK(in_window(kDay, w));
  CHECK(in_window(w.first, w));
  CHECK(in_window(w.last, w));
  CHECK_FALSE(in_window(Date{sys_days{w.first} - days{1}}, w));
  CHECK_FALSE(in_window(Date{sys_days{w.last} + days{1}}, w));

  Visit missed = visit("m", "A");
  missed.is_missed = true;
  CHECK(eligible_in_mode(missed, Mode::kUpdate));
  CHECK_FALSE(eligible_in_mode(missed, Mode::kInsert));

  CHECK(is_candidate(visit("a", "A"), visit("b", "B")));
  CHECK_FALSE(is_candidate(visit("a", "A"), visit("a", "B")));  // same visit
  CHECK_FALSE(is_candidate(visit("a", "A"), visit("b", "A")));  // same agency
  Visit other_day = visit("b", "B");
  other_day.visit_date = Date{sys_days{kDay} + days{1}};
  CHECK_FALSE(is_candidate(visit("a", "A"), other_day));
  Visit other_person = visit("b", "B");
  other_person.ssn = "987654321";
  CHECK_FALSE(is_candidate(visit("a", "A"), other_person));
}

TEST_CASE("the visit's address: newest primary GPS address, ties by the greatest id") {
  AddressCandidate a{"a1", true, "Home GPS", Instant{sys_days{kDay}}};
  CHECK(qualifies_as_address(a));
  // Case-sensitive, as the source system's LIKE '%GPS%' (docs/conflict-rules.md#places).
  CHECK_FALSE(qualifies_as_address({"x", true, "gps", a.created_at}));
  CHECK_FALSE(qualifies_as_address({"x", true, "Home Gps", a.created_at}));
  CHECK(qualifies_as_address({"x", true, "GPS", a.created_at}));
  CHECK_FALSE(qualifies_as_address({"x", false, "GPS", a.created_at}));
  CHECK_FALSE(qualifies_as_address({"x", true, "Mailing", a.created_at}));
  CHECK_FALSE(qualifies_as_address({"x", true, "", a.created_at}));
  AddressCandidate newer{"a0", true, "GPS", a.created_at + seconds{1}};
  CHECK(better_address(newer, a));
  CHECK_FALSE(better_address(a, newer));
  AddressCandidate same_time{"a2", true, "GPS", a.created_at};
  CHECK(better_address(same_time, a));
}

}  // namespace
}  // namespace conflictctl::conflict::rules

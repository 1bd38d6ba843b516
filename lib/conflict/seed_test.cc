// The synthetic data set: determinism, scale, window, SSN sharing, and — evaluated from the
// very text rows that go to COPY, with a small rule evaluator of this file's own
// (docs/conflict-rules.md) — that every planted conflict raises exactly its rule and nothing
// else raises any.
#include "conflict/seed.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "conflict/seed_format.h"
#include "conflict/seed_geo.h"
#include "conflict/seed_tables.h"
#include "conflict/seed_visits.h"
#include "core/clock.h"
#include "db/fake_session.h"
#include "db/schema.h"

namespace conflictctl::conflict::seed {
namespace {

Date date(const char* text) { return *parse_date(text); }

SeedOptions options(std::int64_t visits, std::uint64_t seed = 1, const char* today = "2025-06-15") {
  SeedOptions o;
  o.visits = visits;
  o.seed = seed;
  o.today = date(today);
  return o;
}

struct TextTable {
  std::vector<std::string> columns;
  std::vector<std::vector<db::Param>> rows;
  std::size_t column(std::string_view name) const {
    auto it = std::find(columns.begin(), columns.end(), name);
    REQUIRE(it != columns.end());
    return static_cast<std::size_t>(it - columns.begin());
  }
  const db::Param& at(std::size_t row, std::string_view name) const {
    return rows[row][column(name)];
  }
};

std::map<std::string, TextTable> read_tables(const SeedPlan& plan) {
  std::map<std::string, TextTable> tables;
  for (const SeedTable& table : seed_tables(plan)) {
    TextTable& text = tables[table.placeholder_name()];
    text.columns = table.columns;
    db::RowSource source = table.rows();
    std::vector<db::Param> row;
    while (true) {
      row.clear();
      if (!source(row)) break;
      REQUIRE(row.size() == table.columns.size());
      text.rows.push_back(row);
    }
  }
  return tables;
}

// FNV-1a over every cell of every table, NULL distinct from "".
std::uint64_t digest(const std::map<std::string, TextTable>& tables) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  auto feed = [&](std::string_view bytes) {
    for (unsigned char c : bytes) hash = (hash ^ c) * 0x100000001b3ULL;
  };
  for (const auto& [name, table] : tables) {
    feed(name);
    for (const auto& row : table.rows)
      for (const auto& cell : row) {
        if (cell)
          feed(*cell), feed("\x1f");
        else
          feed("\x1e");
      }
  }
  return hash;
}

// ---- a small evaluator of docs/conflict-rules.md over the text rows

std::int64_t parse_seconds(const db::Param& text) {
  // "YYYY-MM-DD HH:MM:SS"
  const std::string& t = *text;
  auto number = [&](std::size_t from, std::size_t length) {
    int value = 0;
    std::from_chars(t.data() + from, t.data() + from + length, value);
    return value;
  };
  std::chrono::year_month_day ymd{std::chrono::year{number(0, 4)},
                                  std::chrono::month{static_cast<unsigned>(number(5, 2))},
                                  std::chrono::day{static_cast<unsigned>(number(8, 2))}};
  return std::chrono::sys_days{ymd}.time_since_epoch().count() * 86400LL + number(11, 2) * 3600 +
         number(14, 2) * 60 + number(17, 2);
}

std::optional<std::int64_t> seconds_or_null(const db::Param& text) {
  if (!text) return std::nullopt;
  return parse_seconds(text);
}

struct Point {
  double lat, lon;
};

std::optional<Point> parse_gps(const db::Param& text) {
  if (!text) return std::nullopt;
  std::string s;
  for (char c : *text)
    if (c != '"') s.push_back(c);
  while (!s.empty() && s.front() == ' ') s.erase(s.begin());
  while (!s.empty() && s.back() == ' ') s.pop_back();
  auto comma = s.find(',');
  if (comma == std::string::npos) return std::nullopt;
  Point p{};
  auto lat = std::from_chars(s.data(), s.data() + comma, p.lat);
  auto lon = std::from_chars(s.data() + comma + 1, s.data() + s.size(), p.lon);
  if (lat.ec != std::errc() || lat.ptr != s.data() + comma || lon.ec != std::errc() ||
      lon.ptr != s.data() + s.size() || comma == 0)
    return std::nullopt;
  if (std::fabs(p.lat) > 90 || std::fabs(p.lon) > 180) return std::nullopt;
  return p;
}

std::string trim(std::string s) {
  while (!s.empty() && s.front() == ' ') s.erase(s.begin());
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

struct Address {
  std::string id;
  std::int64_t created = 0;
  std::optional<Point> point;
  std::optional<std::string> zip;
};

struct EvalVisit {
  std::string id, provider, ssn, date, patient;
  std::optional<std::int64_t> ss, se, vs, ve;
  std::optional<Point> gps_in, gps_out;
  Scenario scenario = Scenario::kNormal;
  bool actuals() const { return vs && ve; }
  bool none() const { return !vs && !ve; }
};

struct Evaluator {
  std::map<std::string, TextTable> tables;
  std::unordered_map<std::string, bool> provider_eligible;
  std::unordered_map<std::string, std::string> ssn_of;  // caregiver → trimmed SSN
  std::set<std::string> excluded_ssns;
  std::unordered_map<std::string, Address> address_of;  // provider patient → current address
  double extra = 0;
  std::vector<std::pair<int, int>> bands;  // (from_miles, avg_mph)
  std::vector<EvalVisit> visits;

  explicit Evaluator(const SeedPlan& plan) : tables(read_tables(plan)) {
    const TextTable& excluded = tables["{conflict}.excluded_agency"];
    std::set<std::string> excluded_ids, excluded_app_ids;
    for (std::size_t r = 0; r < excluded.rows.size(); ++r) {
      if (excluded.at(r, "provider_id")) excluded_ids.insert(*excluded.at(r, "provider_id"));
      if (excluded.at(r, "app_provider_id"))
        excluded_app_ids.insert(*excluded.at(r, "app_provider_id"));
    }
    const TextTable& providers = tables["{analytics}.provider"];
    for (std::size_t r = 0; r < providers.rows.size(); ++r) {
      const std::string& id = *providers.at(r, "provider_id");
      provider_eligible[id] = providers.at(r, "is_active") == "t" &&
                              providers.at(r, "is_demo") == "f" && !excluded_ids.count(id) &&
                              !excluded_app_ids.count(*providers.at(r, "app_provider_id"));
    }
    const TextTable& caregivers = tables["{analytics}.caregiver"];
    for (std::size_t r = 0; r < caregivers.rows.size(); ++r) {
      const db::Param& ssn = caregivers.at(r, "ssn");
      ssn_of[*caregivers.at(r, "caregiver_id")] = ssn ? trim(*ssn) : "";
    }
    const TextTable& ssns = tables["{conflict}.excluded_ssn"];
    for (const auto& row : ssns.rows) excluded_ssns.insert(trim(*row[0]));
    const TextTable& addresses = tables["{analytics}.patient_address"];
    for (std::size_t r = 0; r < addresses.rows.size(); ++r) {
      std::string type = addresses.at(r, "address_type").value_or("");
      if (addresses.at(r, "is_primary") != "t" || type.find("GPS") == std::string::npos) continue;
      Address a;
      a.id = *addresses.at(r, "address_id");
      a.created = parse_seconds(addresses.at(r, "created_at"));
      if (addresses.at(r, "lat") && addresses.at(r, "lon"))
        a.point = Point{std::stod(*addresses.at(r, "lat")), std::stod(*addresses.at(r, "lon"))};
      if (addresses.at(r, "zip") && !trim(*addresses.at(r, "zip")).empty())
        a.zip = trim(*addresses.at(r, "zip"));
      auto [it, fresh] = address_of.try_emplace(*addresses.at(r, "patient_id"), a);
      if (!fresh && (a.created > it->second.created ||
                     (a.created == it->second.created && a.id > it->second.id)))
        it->second = a;
    }
    extra = std::stod(*tables["{conflict}.settings"].at(0, "extra_distance_per"));
    for (const auto& row : tables["{conflict}.mph"].rows)
      bands.emplace_back(std::stoi(*row[1]), std::stoi(*row[3]));
    std::sort(bands.begin(), bands.end());

    const TextTable& rows = tables["{analytics}.visit"];
    VisitCursor cursor(plan);
    Visit typed;
    for (std::size_t r = 0; r < rows.rows.size(); ++r) {
      REQUIRE(cursor.next(typed));
      EvalVisit v;
      v.id = *rows.at(r, "visit_id");
      v.provider = *rows.at(r, "provider_id");
      v.ssn = ssn_of.at(*rows.at(r, "caregiver_id"));
      v.date = *rows.at(r, "visit_date");
      v.patient = *rows.at(r, "provider_patient_id");
      v.ss = seconds_or_null(rows.at(r, "sch_start"));
      v.se = seconds_or_null(rows.at(r, "sch_end"));
      v.vs = seconds_or_null(rows.at(r, "visit_start"));
      v.ve = seconds_or_null(rows.at(r, "visit_end"));
      v.gps_in = parse_gps(rows.at(r, "gps_in"));
      v.gps_out = parse_gps(rows.at(r, "gps_out"));
      v.scenario = typed.scenario;
      visits.push_back(std::move(v));
    }
    REQUIRE_FALSE(cursor.next(typed));
  }

  bool eligible(const EvalVisit& v) const {
    return !v.ssn.empty() && !excluded_ssns.count(v.ssn) && provider_eligible.at(v.provider);
  }

  static bool same(std::optional<std::int64_t> a1, std::optional<std::int64_t> b1,
                   std::optional<std::int64_t> a2, std::optional<std::int64_t> b2) {
    return a1 && b1 && a2 && b2 && *a1 == *a2 && *b1 == *b2;
  }
  static bool overlap(std::optional<std::int64_t> a1, std::optional<std::int64_t> b1,
                      std::optional<std::int64_t> a2, std::optional<std::int64_t> b2) {
    return a1 && b1 && a2 && b2 && *a1<*b2&& * b1> * a2;
  }

  std::optional<std::int64_t> distance_cents(Point a, Point b) const {
    constexpr double kRad = 3.14159265358979323846 / 180;
    double s1 = std::sin((b.lat - a.lat) * kRad / 2), s2 = std::sin((b.lon - a.lon) * kRad / 2);
    double h = s1 * s1 + std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * s2 * s2;
    double miles = 2 * 6371000.0 * std::asin(std::sqrt(h)) / 1609.34 * extra;
    return static_cast<std::int64_t>(std::floor(miles * 100 + 0.5));
  }

  // The set of rules (bit r) the pair raises, in update mode.
  unsigned flags(const EvalVisit& x, const EvalVisit& y) const {
    unsigned f = 0;
    if (x.none() && y.none() && same(x.ss, x.se, y.ss, y.se)) f |= 1u << 1;
    if (x.actuals() && y.actuals() && same(x.vs, x.ve, y.vs, y.ve)) f |= 1u << 2;
    const EvalVisit* n = x.none() && y.actuals() ? &x : y.none() && x.actuals() ? &y : nullptr;
    const EvalVisit* o = n == &x ? &y : &x;
    if (n && same(n->ss, n->se, o->vs, o->ve)) f |= 1u << 3;
    if (x.none() && y.none() && overlap(x.ss, x.se, y.ss, y.se) && !same(x.ss, x.se, y.ss, y.se))
      f |= 1u << 4;
    if (x.actuals() && y.actuals() && overlap(x.vs, x.ve, y.vs, y.ve) &&
        !same(x.vs, x.ve, y.vs, y.ve))
      f |= 1u << 5;
    if (n && overlap(n->ss, n->se, o->vs, o->ve) && !same(n->ss, n->se, o->vs, o->ve)) f |= 1u << 6;
    if (x.actuals() && y.actuals() && travel_impossible(x, y)) f |= 1u << 7;
    return f;
  }

  bool travel_impossible(const EvalVisit& x, const EvalVisit& y) const {
    bool x_first = *x.vs < *y.vs || (*x.vs == *y.vs && x.id < y.id);
    const EvalVisit& early = x_first ? x : y;
    const EvalVisit& late = x_first ? y : x;
    const Address* ea = address_of.count(early.patient) ? &address_of.at(early.patient) : nullptr;
    const Address* la = address_of.count(late.patient) ? &address_of.at(late.patient) : nullptr;
    std::optional<Point> p1 = early.gps_out  ? early.gps_out
                              : early.gps_in ? early.gps_in
                              : ea           ? ea->point
                                             : std::nullopt;
    std::optional<Point> p2 = late.gps_in    ? late.gps_in
                              : late.gps_out ? late.gps_out
                              : la           ? la->point
                                             : std::nullopt;
    if (!p1 || !p2) return false;
    auto zip1 = ea ? ea->zip : std::nullopt, zip2 = la ? la->zip : std::nullopt;
    if (zip1 && zip2 && *zip1 == *zip2) return false;
    std::int64_t distance = *distance_cents(*p1, *p2);
    int mph = 0;
    for (auto [from, speed] : bands)
      if (from * 100LL <= distance) mph = speed;
    if (mph == 0) return false;
    std::int64_t eta = (distance * 60 * 2 + mph) / (2LL * mph);
    auto minute = [](std::int64_t s) { return s / 60; };  // all times are after 1970
    std::int64_t gap12 = minute(*y.vs) - minute(*x.ve), gap21 = minute(*x.vs) - minute(*y.ve);
    return (gap12 > 0 && eta > gap12 * 100) || (gap21 > 0 && eta > gap21 * 100);
  }
};

}  // namespace

TEST_CASE("seed: exactly --visits visit rows, other tables scale with it") {
  for (std::int64_t n : {1, 2, 3, 100, 5000}) {
    SeedPlan plan = make_plan(options(n));
    std::int64_t count = 0;
    VisitCursor cursor(plan);
    Visit v;
    while (cursor.next(v)) {
      CHECK(v.number == count);
      ++count;
    }
    CHECK(count == n);
  }
  auto small = read_tables(make_plan(options(5000)));
  auto large = read_tables(make_plan(options(50000)));
  CHECK(large["{analytics}.visit"].rows.size() == 50000);
  CHECK(small["{analytics}.visit"].rows.size() == 5000);
  for (const char* table : {"{analytics}.caregiver", "{analytics}.patient_address",
                            "{analytics}.inservice", "{analytics}.absence"}) {
    INFO(table);
    CHECK(large[table].rows.size() > 5 * small[table].rows.size());
  }
  CHECK(large["{analytics}.deleted_visit"].rows.size() == 500);
  CHECK(large["{analytics}.provider"].rows.size() == 20);
  CHECK(small["{analytics}.provider"].rows.size() == 12);
  CHECK(large["{conflict}.settings"].rows.size() == 1);
  CHECK(large["{conflict}.settings"].at(0, "extra_distance_per") == "1.20");
}

TEST_CASE("seed: same visits, seed and today give identical rows, another seed or today does not") {
  const auto a = digest(read_tables(make_plan(options(3000))));
  const auto b = digest(read_tables(make_plan(options(3000))));
  CHECK(a == b);
  CHECK(digest(read_tables(make_plan(options(3000, 2)))) != a);
  CHECK(digest(read_tables(make_plan(options(3000, 1, "2025-06-16")))) != a);
}

TEST_CASE("seed: rows are the same on every machine (pinned values)") {
  // Every draw is integer arithmetic on mt19937_64 (seed_random.h), so these values hold with
  // any standard library. If the generator is changed on purpose, update them.
  auto tables = read_tables(make_plan(options(2000)));
  CHECK(tables["{analytics}.visit"].at(0, "visit_id") ==
        make_sequential_uuid(1, streams::kVisit, 0));
  CHECK(make_uuid(1, streams::kVisit, 0) == "814f7b27-e047-4a38-8e4a-3389db655cc7");
  CHECK(make_sequential_uuid(1, streams::kVisit, 0) == "7b993a2a-2784-7a38-a1a9-c62d37d022db");
  CHECK(digest(tables) == 0xf216684b60679aa4ULL);
}

TEST_CASE("seed: ids and text forms") {
  std::string out;
  append_timestamp(out, 0);
  CHECK(out == "1970-01-01 00:00:00");
  out.clear();
  append_timestamp(out, 1750000000);
  CHECK(out == "2025-06-15 15:06:40");
  out.clear();
  append_micro_degrees(out, -75165200);
  CHECK(out == "-75.165200");
  out.clear();
  append_micro_degrees(out, 5);
  CHECK(out == "0.000005");
  out.clear();
  append_cents(out, 120);
  CHECK(out == "1.20");
  std::string id = make_uuid(7, streams::kVisit, 42);
  REQUIRE(id.size() == 36);
  CHECK(id[14] == '4');
  CHECK(std::string("89ab").find(id[19]) != std::string::npos);
  CHECK(make_uuid(7, streams::kVisit, 42) == id);
  CHECK(make_uuid(7, streams::kVisit, 43) != id);
  CHECK(make_uuid(7, streams::kDeletedVisit, 42) != id);
  std::string sequential = make_sequential_uuid(7, streams::kVisit, 42);
  CHECK(sequential[14] == '7');
  CHECK(make_sequential_uuid(7, streams::kVisit, 41) < sequential);
  CHECK(sequential < make_sequential_uuid(7, streams::kVisit, 43));
  CHECK(make_sequential_uuid(7, streams::kVisit, 999) <
        make_sequential_uuid(7, streams::kVisit, 1000));
}

TEST_CASE("seed: visits come in (caregiver_id, visit_date) and visit_id order") {
  // What makes the index builds after the COPY fast (presorted input).
  auto tables = read_tables(make_plan(options(5000)));
  const TextTable& visits = tables["{analytics}.visit"];
  for (std::size_t r = 1; r < visits.rows.size(); ++r) {
    INFO(r);
    REQUIRE(*visits.at(r - 1, "visit_id") < *visits.at(r, "visit_id"));
    auto key = [&](std::size_t row) {
      return *visits.at(row, "caregiver_id") + " " + *visits.at(row, "visit_date");
    };
    REQUIRE(key(r - 1) <= key(r));
  }
  const TextTable& caregivers = tables["{analytics}.caregiver"];
  for (std::size_t r = 1; r < caregivers.rows.size(); ++r)
    REQUIRE(*caregivers.at(r - 1, "caregiver_id") < *caregivers.at(r, "caregiver_id"));
}

TEST_CASE("seed: distances on a band edge are exact") {
  MicroPoint from = city(0).center;
  for (std::int64_t cents : {499, 500, 1499, 1500, 2999, 3000}) {
    auto to = point_at_distance(from, Heading::kWest, cents);
    REQUIRE(to);
    CHECK(stable_distance_cents(from, *to) == cents);
  }
  CHECK(mph_for(499) == 12);
  CHECK(mph_for(500) == 20);
  CHECK(mph_for(1500) == 30);
  CHECK(mph_for(3000) == 45);
  CHECK(mph_for(100000) == 45);
  CHECK(eta_cents(1036, 20) == 3108);  // the worked example of docs/conflict-rules.md
  CHECK(eta_cents(1499, 20) == 4497);
  CHECK(eta_cents(4801, 45) == 6401);
}

TEST_CASE("seed: every visit is in the window, future visits are scheduled only") {
  SeedPlan plan = make_plan(options(20000));
  const auto first = std::chrono::sys_days{plan.window.first}.time_since_epoch().count();
  const auto last = std::chrono::sys_days{plan.window.last}.time_since_epoch().count();
  const auto today = std::chrono::sys_days{plan.window.today}.time_since_epoch().count();
  VisitCursor cursor(plan);
  Visit v;
  std::int64_t past = 0, past_actuals = 0, missed = 0, half = 0, future = 0;
  while (cursor.next(v)) {
    REQUIRE(v.date >= first);
    REQUIRE(v.date <= last);
    REQUIRE(v.sch_start != kNoTime);
    CHECK(v.sch_start / 86400 == v.date);
    CHECK(v.sch_end > v.sch_start);
    if (v.date >= today) {
      ++future;
      CHECK(v.has_no_actuals());
      CHECK_FALSE(v.missed);
      CHECK_FALSE(v.gps_in.known());
    } else {
      ++past;
      past_actuals += v.has_actuals();
      missed += v.missed;
      half += !v.has_actuals() && !v.has_no_actuals();
      if (v.has_actuals()) CHECK(v.visit_end > v.visit_start);
    }
  }
  CHECK(future > 0);
  CHECK(past_actuals > past * 85 / 100);
  CHECK(missed > 0);
  CHECK(half > 0);
}

TEST_CASE(
    "seed: a person working for several agencies has one caregiver row per agency, same SSN") {
  SeedPlan plan = make_plan(options(20000));
  auto tables = read_tables(plan);
  const TextTable& caregivers = tables["{analytics}.caregiver"];
  std::map<std::string, std::set<std::string>> providers_of_ssn;
  std::int64_t null_ssn = 0, blank_ssn = 0, padded = 0;
  for (std::size_t r = 0; r < caregivers.rows.size(); ++r) {
    const db::Param& ssn = caregivers.at(r, "ssn");
    if (!ssn) {
      ++null_ssn;
      continue;
    }
    if (trim(*ssn).empty()) {
      ++blank_ssn;
      continue;
    }
    padded += trim(*ssn) != *ssn;
    auto& providers = providers_of_ssn[trim(*ssn)];
    CHECK(providers.insert(*caregivers.at(r, "provider_id")).second);  // one row per agency
  }
  std::int64_t shared = 0;
  for (const auto& [ssn, providers] : providers_of_ssn) {
    CHECK(ssn.size() == 9);
    CHECK(providers.size() <= 3);
    shared += providers.size() >= 2;
  }
  CHECK(shared > static_cast<std::int64_t>(providers_of_ssn.size()) * 4 / 10);
  CHECK(null_ssn > 0);
  CHECK(blank_ssn > 0);
  CHECK(padded > 0);
  CHECK(tables["{conflict}.excluded_ssn"].rows.size() >= 2);
}

TEST_CASE("seed: every planted conflict raises its rule, near misses and normal days raise none") {
  SeedPlan plan = make_plan(options(20000));
  Evaluator evaluator(plan);
  // Visits of one (SSN, date): pairs at different agencies.
  std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < evaluator.visits.size(); ++i) {
    const EvalVisit& v = evaluator.visits[i];
    if (evaluator.eligible(v)) groups[{v.ssn, v.date}].push_back(i);
  }
  std::array<std::int64_t, kScenarioCount> pairs_by_scenario{};
  std::array<std::int64_t, 8> flagged_by_rule{};
  std::int64_t multi_agency_groups = 0;
  for (const auto& [key, members] : groups) {
    bool multi = false;
    for (std::size_t a = 0; a < members.size(); ++a)
      for (std::size_t b = a + 1; b < members.size(); ++b) {
        const EvalVisit& x = evaluator.visits[members[a]];
        const EvalVisit& y = evaluator.visits[members[b]];
        if (x.provider == y.provider) continue;
        multi = true;
        unsigned flags = evaluator.flags(x, y);
        REQUIRE(x.scenario == y.scenario);  // one person-day, one scenario
        int rule = planted_rule(x.scenario);
        INFO(x.id << " / " << y.id << " (" << scenario_name(x.scenario) << ") flags " << flags);
        CHECK(flags == (rule ? 1u << rule : 0u));
        for (int r = 1; r <= 7; ++r) flagged_by_rule[r] += (flags >> r) & 1;
        ++pairs_by_scenario[static_cast<int>(x.scenario)];
      }
    multi_agency_groups += multi;
  }
  const auto planted = eligible_planted(plan);
  CHECK(multi_agency_groups > 0);
  for (int s = 1; s < kScenarioCount; ++s) {
    INFO(scenario_name(static_cast<Scenario>(s)));
    CHECK(planted[s] > 10);
    CHECK(pairs_by_scenario[s] == planted[s]);
    if (int rule = planted_rule(static_cast<Scenario>(s)))
      CHECK(flagged_by_rule[rule] == planted[s]);
  }
  CHECK(pairs_by_scenario[0] > 0);  // normal days with visits at two agencies, no conflict
}

TEST_CASE("seed: shares of planted conflicts are as documented") {
  SeedPlan plan = make_plan(options(100000));
  std::array<std::int64_t, kScenarioCount> visits{};
  VisitCursor cursor(plan);
  Visit v;
  while (cursor.next(v)) ++visits[static_cast<int>(v.scenario)];
  std::int64_t conflicts = 0;
  for (int s = 1; s < kScenarioCount; ++s) {
    double share = visits[s] / 100000.0;
    INFO(scenario_name(static_cast<Scenario>(s)) << ": " << share);
    if (planted_rule(static_cast<Scenario>(s))) {
      CHECK(share > 0.005);
      CHECK(share < 0.010);
      conflicts += visits[s];
    } else {
      CHECK(share > 0.0025);
      CHECK(share < 0.005);
    }
  }
  CHECK(conflicts > 4000);
  CHECK(conflicts < 6000);
}

TEST_CASE("seed: options are checked") {
  CHECK(check_options(options(1)));
  auto zero = check_options(options(0));
  REQUIRE_FALSE(zero);
  CHECK(zero.error().name == "Seed.InvalidOptions");
  CHECK(zero.error().cause.find("--visits") != std::string::npos);
  CHECK_FALSE(check_options(options(kMaxVisits + 1)));
}

// ---- loading, against the fake session

namespace {

// The row counts of the tables the seed empties, in truncated_tables() order.
db::Rows table_counts(std::vector<std::string> counts) {
  std::vector<std::string> columns(counts.size(), "count");
  std::vector<db::Param> row(counts.begin(), counts.end());
  return db::Rows(std::move(columns), {row}, 1);
}

// conflict.settings' one row, as `db init` leaves the tables.
std::vector<std::string> empty_counts() {
  std::vector<std::string> counts(truncated_tables().size(), "0");
  counts[16] = "1";  // {conflict}.settings
  return counts;
}

// A current schema whose tables hold `counts` rows (default: empty_counts()).
void script_current_schema(db::FakeSession& session, bool run_lock_free = true,
                           std::vector<std::string> counts = empty_counts()) {
  session.respond("to_regclass", db::Rows({"present"}, {{"t"}}, 1));
  session.respond("max(version)",
                  db::Rows({"version"}, {{std::to_string(db::kSchemaVersion)}}, 1));
  session.respond("pg_try_advisory_xact_lock",
                  db::Rows({"locked"}, {{run_lock_free ? "t" : "f"}}, 1));
  session.respond("(SELECT count(*) FROM", table_counts(std::move(counts)));
}

}  // namespace

TEST_CASE("seed_database: one transaction that empties the tables, then COPYs every table") {
  db::FakeSession session;
  script_current_schema(session);
  VirtualClock clock(Timestamp{});
  auto report = seed_database(session, db::Schemas{"c", "a"}, options(500), clock);
  REQUIRE(report);
  auto sql = session.sql();
  auto position = [&](std::string_view part) {
    return std::find_if(sql.begin(), sql.end(),
                        [&](const std::string& s) { return s.find(part) != std::string::npos; }) -
           sql.begin();
  };
  const auto begin = position("BEGIN"), truncate = position("TRUNCATE"),
             commit = position("COMMIT"), analyze = position("ANALYZE");
  REQUIRE(truncate < static_cast<std::ptrdiff_t>(sql.size()));
  CHECK(begin < truncate);
  CHECK(truncate < position("COPY \"a\".visit"));
  CHECK(position("COPY \"c\".excluded_ssn") < commit);
  CHECK(commit < analyze);
  const std::string& truncated = sql[static_cast<std::size_t>(truncate)];
  for (const char* table :
       {"\"a\".visit,", "\"c\".conflictvisitmaps,", "\"c\".conflictvisitmaps_temp,",
        "\"c\".conflicts,", "\"c\".payer_provider_reminders,", "\"c\".settings,",
        "\"c\".excluded_ssn "})
    CHECK(truncated.find(table) != std::string::npos);
  CHECK(truncated.find("schema_version") == std::string::npos);
  CHECK(truncated.find("RESTART IDENTITY") != std::string::npos);

  auto copies = session.copies();
  CHECK(copies.size() == 16);
  CHECK(report->tables.size() == 16);
  for (const auto& copy : copies)
    if (copy.table == "\"a\".visit") CHECK(copy.rows.size() == 500);
  CHECK(report->tables[11].table == "a.visit");
  CHECK(report->tables[11].rows == 500);
}

TEST_CASE("seed_database: a failed COPY rolls everything back and names the table") {
  db::FakeSession session;
  script_current_schema(session);
  session.fail("COPY \"analytics\".visit ", Error{"Database.QueryFailed", "disk full"});
  auto report = seed_database(session, db::Schemas{}, options(100));
  REQUIRE_FALSE(report);
  CHECK(report.error().name == "Database.QueryFailed");
  CHECK(report.error().cause == "seeding analytics.visit: disk full");
  auto sql = session.sql();
  CHECK(sql.back() == "ROLLBACK");
  CHECK(std::none_of(sql.begin(), sql.end(), [](const std::string& s) { return s == "COMMIT"; }));
}

// Regression (issue 14): `db seed` took no run lock; its TRUNCATE queued behind a running
// task and blocked every task behind it.
TEST_CASE("seed_database: takes the run lock first and fails fast when a run holds it") {
  db::FakeSession session;
  script_current_schema(session, /*run_lock_free=*/false);
  session.respond("FROM pg_locks", db::Rows({"pid"}, {{"4711"}}, 1));
  auto report = seed_database(session, db::Schemas{"c", "a"}, options(100));
  REQUIRE_FALSE(report);
  CHECK(report.error() ==
        Error{"Database.Busy",
              "db seed: another conflictctl task is running against schema \"c\" (backend PID "
              "4711)"});
  auto sql = session.sql();
  CHECK(std::none_of(sql.begin(), sql.end(),
                     [](const std::string& s) { return s.find("TRUNCATE") != std::string::npos; }));
  CHECK(sql.back() == "ROLLBACK");

  db::FakeSession free;
  script_current_schema(free);
  REQUIRE(seed_database(free, db::Schemas{"c", "a"}, options(100)));
  auto statements = free.statements();
  auto lock = std::find_if(statements.begin(), statements.end(), [](const auto& s) {
    return s.sql.find("pg_try_advisory_xact_lock") != std::string::npos;
  });
  REQUIRE(lock != statements.end());
  CHECK(lock->params == db::Params{std::string("conflictctl run c")});
  CHECK((lock - 1)->sql == "BEGIN");
  CHECK((lock + 1)->sql == "SELECT set_config('lock_timeout', $1, true)");
  CHECK((lock + 1)->params == db::Params{std::string("30000")});
  CHECK((lock + 2)->sql.starts_with("SELECT (SELECT count(*) FROM \"a\".provider), "));
  CHECK((lock + 3)->sql.starts_with("TRUNCATE"));
}

// Issue 17: `db seed` emptied every analytics and conflict table without a word, whatever
// database .env pointed at.
TEST_CASE("seed_database: refuses tables that hold data unless forced, under the run lock") {
  REQUIRE(truncated_tables()[11] == "{analytics}.visit");
  REQUIRE(truncated_tables()[12] == "{conflict}.conflictvisitmaps");
  std::vector<std::string> counts = empty_counts();  // conflict.settings' row is not data
  counts[11] = "3000";
  counts[12] = "1";

  db::FakeSession session;
  script_current_schema(session, true, counts);
  auto refused = seed_database(session, db::Schemas{"c", "a"}, options(100));
  REQUIRE_FALSE(refused);
  CHECK(refused.error() ==
        Error{"Seed.DatabaseNotEmpty",
              "db seed: schemas \"c\" and \"a\" already hold data (a.visit: 3,000 rows, "
              "c.conflictvisitmaps: 1 row); seeding deletes it. Run with --dry-run to see what "
              "would be deleted, with --force to replace it"});
  auto sql = session.sql();
  CHECK(std::none_of(sql.begin(), sql.end(),
                     [](const std::string& s) { return s.find("TRUNCATE") != std::string::npos; }));
  CHECK(sql.back() == "ROLLBACK");

  db::FakeSession forced;
  script_current_schema(forced);
  SeedOptions force = options(100);
  force.force = true;
  REQUIRE(seed_database(forced, db::Schemas{"c", "a"}, force));
  auto statements = forced.sql();
  CHECK(std::none_of(statements.begin(), statements.end(), [](const std::string& s) {
    return s.find("count(*)") != std::string::npos;
  }));
}

TEST_CASE("seed_targets: every table the seed empties with its rows, read in one snapshot") {
  std::vector<std::string> counts(truncated_tables().size(), "0");
  counts[11] = "3000";
  db::FakeSession session;
  script_current_schema(session, true, counts);
  auto targets = seed_targets(session, db::Schemas{"c", "a"});
  REQUIRE(targets);
  REQUIRE(targets->size() == 20);
  CHECK((*targets)[0].table == "a.provider");
  CHECK((*targets)[11].table == "a.visit");
  CHECK((*targets)[11].rows == 3000);
  CHECK((*targets)[19].table == "c.excluded_ssn");
  CHECK(holds_data(*targets, db::Schemas{"c", "a"}));
  CHECK_FALSE(holds_data({{"c.settings", 1}, {"a.visit", 0}}, db::Schemas{"c", "a"}));
  auto sql = session.sql();
  CHECK(std::find(sql.begin(), sql.end(),
                  "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY") != sql.end());
  CHECK(std::none_of(sql.begin(), sql.end(),
                     [](const std::string& s) { return s.find("TRUNCATE") != std::string::npos; }));
}

TEST_CASE("seed_database: refuses a schema that is not current, before touching anything") {
  db::FakeSession session;
  session.respond("to_regclass", db::Rows({"present"}, {{"f"}}, 1));
  auto report = seed_database(session, db::Schemas{}, options(100));
  REQUIRE_FALSE(report);
  CHECK(report.error().name == "Database.SchemaMismatch");
  CHECK(session.sql().size() == 1);
}

}  // namespace conflictctl::conflict::seed

// Integration test of `db check` (conflict/check.h) against a real PostgreSQL: a small
// hand-made data set with the worked examples of conflict-domain.md §3.4, hand-made map rows,
// and one mutation per kind of difference. Skipped without CONFLICTCTL_TEST_DATABASE_URL.
#include "conflict/check.h"

#include <catch2/catch.hpp>
#include <map>

#include "db/schema.h"
#include "db/test_database.h"

namespace conflictctl::conflict {
namespace {

using db::Param;
using db::Params;

const Date kToday = *parse_date("2024-05-10");
const std::string kTodayText = "2024-05-10";
const std::string kYesterday = "2024-05-09";

const std::string kManhattan = "40.7731179,-73.9859967";
const std::string kBrooklyn = "40.654140,-73.935455";

using db::testing::connected;

// Builds the data set with bind parameters; each statement must succeed.
class Data {
 public:
  Data(db::Session& session, const db::Schemas& schemas) : session_(session), schemas_(schemas) {}

  void run(const std::string& sql, const Params& params = {}) {
    auto done = session_.query(db::render(sql, schemas_), params);
    if (!done) FAIL(sql << ": " << done.error());
  }

  void provider(const std::string& id, bool active = true, bool demo = false) {
    run("INSERT INTO {analytics}.provider (provider_id, app_provider_id, name, is_active, is_demo) "
        "VALUES ($1, $2, $3, $4, $5)",
        {id, "app-" + id, "Agency " + id, active ? "true" : "false", demo ? "true" : "false"});
  }

  // A caregiver record of `ssn` at `provider`; returns its id.
  std::string caregiver(const std::string& ssn, const std::string& provider) {
    std::string id = "cg-" + provider + "-" + ssn;
    run("INSERT INTO {analytics}.caregiver (caregiver_id, app_caregiver_id, provider_id, ssn) "
        "VALUES ($1, $1, $2, $3)",
        {id, provider, ssn});
    return id;
  }

  struct Visit {
    std::string id{};
    std::string provider{};
    std::string caregiver{};
    std::string date = kTodayText;
    Param sch_start{}, sch_end{}, visit_start{}, visit_end{};
    Param gps_in{}, gps_out{};
    Param patient{};
    bool missed = false;
  };

  void visit(const Visit& v) {
    run("INSERT INTO {analytics}.visit (visit_id, app_visit_id, visit_date, provider_id, "
        "app_provider_id, caregiver_id, app_caregiver_id, provider_patient_id, sch_start, "
        "sch_end, visit_start, visit_end, gps_in, gps_out, is_missed) "
        "VALUES ($1, $1, $2, $3, $4, $5, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        {v.id, v.date, v.provider, "app-" + v.provider, v.caregiver, v.patient, v.sch_start,
         v.sch_end, v.visit_start, v.visit_end, v.gps_in, v.gps_out, v.missed ? "true" : "false"});
  }

  void address(const std::string& id, const std::string& patient, const std::string& lat,
               const std::string& lon, const std::string& zip, bool primary,
               const std::string& type, const std::string& created_at) {
    run("INSERT INTO {analytics}.patient_address (address_id, patient_id, lat, lon, zip, county, "
        "is_primary, address_type, created_at) VALUES ($1, $2, $3, $4, $5, 'Kings', $6, $7, $8)",
        {id, patient, lat, lon, zip, primary ? "true" : "false", type, created_at});
  }

  struct Row {
    std::string v1{}, v2{}, ssn{}, date = kTodayText;
    std::string flags = "NNNNNNN";  // rules 1–7
    Param minute_diff = "0";
    Param distance{}, mph{}, eta{};
    std::string status = "U";
  };

  void row(const Row& r) {
    run("INSERT INTO {conflict}.conflictvisitmaps (ssn, visit_date, visit_id, con_visit_id, "
        "same_sch_time_flag, same_visit_time_flag, sch_and_visit_time_same_flag, "
        "sch_over_another_sch_time_flag, visit_time_over_another_visit_time_flag, "
        "sch_time_over_visit_time_flag, distance_flag, minute_diff, distance_miles, avg_mph, "
        "eta_minutes, status_flag, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, "
        "'2024-05-10 00:00:00')",
        {r.ssn, r.date, r.v1, r.v2, r.flags.substr(0, 1), r.flags.substr(1, 1),
         r.flags.substr(2, 1), r.flags.substr(3, 1), r.flags.substr(4, 1), r.flags.substr(5, 1),
         r.flags.substr(6, 1), r.minute_diff, r.distance, r.mph, r.eta, r.status});
  }

  // Both orientations of a pair, with the same values.
  void rows(Row r) {
    row(r);
    std::swap(r.v1, r.v2);
    row(r);
  }

 private:
  db::Session& session_;
  const db::Schemas& schemas_;
};

Param at(const std::string& date, const std::string& clock) { return date + " " + clock + ":00"; }

// A person with a caregiver record at agencies A and B, and one visit at each on `date`.
// Times are "HH:MM-HH:MM"; "" leaves them NULL.
struct PairSpec {
  std::string ssn{};
  std::string date = kTodayText;
  std::string a_sched{}, a_actual{}, b_sched{}, b_actual{};
  std::string provider_b = "B";
};

std::pair<Data::Visit, Data::Visit> make_pair(Data& data, const PairSpec& spec) {
  auto fill = [&](Data::Visit& v, const std::string& sched, const std::string& actual) {
    v.date = spec.date;
    if (!sched.empty()) {
      v.sch_start = at(spec.date, sched.substr(0, 5));
      v.sch_end = at(spec.date, sched.substr(6, 5));
    }
    if (!actual.empty()) {
      v.visit_start = at(spec.date, actual.substr(0, 5));
      v.visit_end = at(spec.date, actual.substr(6, 5));
    }
  };
  Data::Visit a{"a" + spec.ssn, "A", data.caregiver(spec.ssn, "A")};
  Data::Visit b{"b" + spec.ssn, spec.provider_b,
                data.caregiver(" " + spec.ssn + " ", spec.provider_b)};
  fill(a, spec.a_sched, spec.a_actual);
  fill(b, spec.b_sched, spec.b_actual);
  return {a, b};
}

// Builds the data set of this test; the map rows are the right ones.
void build(Data& data) {
  data.run("UPDATE {conflict}.settings SET extra_distance_per = 1.20");
  data.run(
      "INSERT INTO {conflict}.mph (from_miles, to_miles, avg_mph) VALUES "
      "(0, 5, 10), (6, 15, 20), (16, 1000, 30)");
  data.provider("A");
  data.provider("B");
  data.provider("D", true, true);  // demo
  data.provider("X");              // excluded by app_provider_id
  data.run("INSERT INTO {conflict}.excluded_agency (app_provider_id) VALUES ('app-X')");
  data.run("INSERT INTO {conflict}.excluded_ssn (ssn) VALUES (' 111 ')");

  auto add = [&](const PairSpec& spec, void (*adjust)(Data::Visit&, Data::Visit&) = nullptr) {
    auto [a, b] = make_pair(data, spec);
    if (adjust) adjust(a, b);
    data.visit(a);
    data.visit(b);
  };
  // §3.4, one person each (SSN 101…), today: the SSN of the B record has spaces around it.
  add({.ssn = "101", .a_sched = "09:00-13:00", .b_sched = "09:00-13:00"});  // rule 1
  add({.ssn = "102", .a_sched = "09:00-13:00", .b_sched = "12:00-16:00"});  // rule 4
  add({.ssn = "103", .a_sched = "09:00-12:00", .b_sched = "12:00-16:00"});  // touching
  add({.ssn = "104",
       .date = kYesterday,
       .a_sched = "09:00-13:00",
       .a_actual = "09:00-13:00",
       .b_sched = "09:00-13:00",
       .b_actual = "09:00-13:00"});  // rule 2
  add({.ssn = "105",
       .a_sched = "09:00-13:00",
       .a_actual = "09:00-13:00",
       .b_sched = "12:45-15:00",
       .b_actual = "12:45-15:00"});  // rule 5
  add({.ssn = "106",
       .a_sched = "09:00-13:00",
       .b_sched = "09:00-13:00",
       .b_actual = "09:00-13:00"});  // rule 3
  add({.ssn = "107",
       .a_sched = "09:00-13:00",
       .b_sched = "12:30-14:00",
       .b_actual = "12:30-14:00"});  // rule 6
  add({.ssn = "108",
       .a_sched = "09:00-10:00",
       .a_actual = "09:00-10:00",
       .b_sched = "10:30-11:30",
       .b_actual = "10:30-11:30"},
      [](Data::Visit& a, Data::Visit& b) {  // rule 7
        a.gps_in = a.gps_out = "\"" + kManhattan + "\"";
        b.gps_in = kBrooklyn;
        b.gps_out = ",";
      });
  // Rule 1 yesterday: a conflict for the update rules only (no row required).
  add({.ssn = "109", .date = kYesterday, .a_sched = "09:00-13:00", .b_sched = "09:00-13:00"});
  // Rule 5 with a missed side: resolved rows.
  add({.ssn = "110",
       .a_sched = "09:00-13:00",
       .a_actual = "09:00-13:00",
       .b_sched = "12:45-15:00",
       .b_actual = "12:45-15:00"},
      [](Data::Visit&, Data::Visit& b) { b.missed = true; });
  // Excluded SSN, a demo agency, an excluded agency: never pairs.
  add({.ssn = "111", .a_sched = "09:00-13:00", .b_sched = "09:00-13:00"});
  add({.ssn = "112", .a_sched = "09:00-13:00", .b_sched = "09:00-13:00", .provider_b = "D"});
  add({.ssn = "114", .a_sched = "09:00-13:00", .b_sched = "09:00-13:00", .provider_b = "X"});
  // Rule 7 from the patients' addresses (no GPS): the newest primary GPS address counts.
  add({.ssn = "113",
       .a_sched = "09:00-10:00",
       .a_actual = "09:00-10:00",
       .b_sched = "10:30-11:30",
       .b_actual = "10:30-11:30"},
      [](Data::Visit& a, Data::Visit& b) {
        a.patient = "pa";
        b.patient = "pb";
      });
  data.address("pa-old", "pa", "40.0", "-73.0", "10021", true, "GPS", "2020-01-01 00:00:00");
  data.address("pa-new", "pa", "40.7731179", "-73.9859967", "10021", true, "Home GPS",
               "2023-01-01 00:00:00");
  data.address("pa-mail", "pa", "41.0", "-74.0", "10021", true, "Mailing", "2024-01-01 00:00:00");
  data.address("pa-secondary", "pa", "41.0", "-74.0", "10021", false, "GPS", "2024-01-01 00:00:00");
  data.address("pb-1", "pb", "40.654140", "-73.935455", "11203", true, "gps",
               "2023-01-01 00:00:00");

  // The right map rows.
  data.rows({.v1 = "a101", .v2 = "b101", .ssn = "101", .flags = "YNNNNNN"});
  data.rows({.v1 = "a102", .v2 = "b102", .ssn = "102", .flags = "NNNYNNN"});
  data.rows({.v1 = "a104", .v2 = "b104", .ssn = "104", .date = kYesterday, .flags = "NYNNNNN"});
  data.rows({.v1 = "a105", .v2 = "b105", .ssn = "105", .flags = "NNNNYNN"});
  data.rows({.v1 = "a106", .v2 = "b106", .ssn = "106", .flags = "NNYNNNN"});
  data.rows({.v1 = "a107", .v2 = "b107", .ssn = "107", .flags = "NNNNNYN"});
  data.rows({.v1 = "a108",
             .v2 = "b108",
             .ssn = "108",
             .flags = "NNNNNNY",
             .minute_diff = "30",
             .distance = "10.36",
             .mph = "20",
             .eta = "31.08"});
  data.rows({.v1 = "a109", .v2 = "b109", .ssn = "109", .date = kYesterday, .flags = "YNNNNNN"});
  data.rows({.v1 = "a110", .v2 = "b110", .ssn = "110", .flags = "NNNNYNN", .status = "R"});
  data.rows({.v1 = "a113",
             .v2 = "b113",
             .ssn = "113",
             .flags = "NNNNNNY",
             .minute_diff = "30",
             .distance = "10.36",
             .mph = "20",
             .eta = "31.08"});
  // A W row is the users': only its existence is checked.
  data.row({.v1 = "a103", .v2 = "b103", .ssn = "103", .flags = "NNNYNNN", .status = "W"});
  // An in-service row (synthetic V2) is not a 7-rule pair: skipped.
  data.run(
      "INSERT INTO {conflict}.conflictvisitmaps (ssn, visit_date, visit_id, con_visit_id, "
      "in_service_flag, con_inservice_start, con_inservice_end, created_at) VALUES "
      "('101', '2024-05-10', 'a101', 'inservice-1', 'Y', '2024-05-10 08:00:00', "
      "'2024-05-10 10:00:00', '2024-05-10 00:00:00')");
}

std::string describe(const CheckReport& report) {
  std::string text = std::to_string(report.difference_count) + " differences\n";
  for (const auto& d : report.differences)
    text += d.visit_id + " / " + d.con_visit_id + ": " + std::string(kind_name(d.kind)) + " " +
            d.field + " expected " + d.expected + " actual " + d.actual + " (" + d.detail + ")\n";
  return text;
}

TEST_CASE("check: the hand-made rows are right, and each wrong row is one difference") {
  REQUIRE_TEST_DATABASE(settings);
  db::testing::ScratchSchemas scratch(*settings, "check");
  auto session = connected(scratch.settings());
  const db::Schemas& schemas = scratch.schemas();
  REQUIRE(db::migrate(*session, schemas, Timestamp{}).ok());
  Data data(*session, schemas);
  build(data);

  auto check = [&] {
    auto report = check_conflicts(*session, schemas, kToday);
    if (!report) FAIL(report.error());
    INFO(describe(*report));
    return std::move(report.value());
  };

  SECTION("the right rows: no difference") {
    CheckReport report = check();
    INFO(describe(report));
    CHECK(report.ok());
    CHECK(report.differences.empty());
    CHECK(report.counts.visits == 28);
    CHECK(report.counts.eligible_visits == 24);  // 111 (SSN), D (demo), X (excluded) out
    CHECK(report.counts.candidate_pairs == 11);
    CHECK(report.counts.update_conflicts == 10);  // all but the touching schedules
    CHECK(report.counts.insert_conflicts == 8);   // not 109 (rule 1 in the past), not 110
    CHECK(report.counts.rows_checked == 22);
    CHECK(report.counts.open_rows == 18);
    CHECK(report.counts.rows_skipped == 1);
  }

  struct Mutation {
    const char* name;
    std::string sql;
    std::vector<std::tuple<std::string, std::string, DifferenceKind, std::string>> expected;
  };
  const std::vector<Mutation> mutations = {
      {"a missing row",
       "DELETE FROM {conflict}.conflictvisitmaps WHERE visit_id = 'b102' AND con_visit_id = 'a102'",
       {{"b102", "a102", DifferenceKind::kMissingRow, ""}}},
      {"a closed row for a current conflict",
       "UPDATE {conflict}.conflictvisitmaps SET status_flag = 'R' WHERE visit_id = 'a105'",
       {{"a105", "b105", DifferenceKind::kMissingRow, "status_flag"}}},
      {"a wrong flag",
       "UPDATE {conflict}.conflictvisitmaps SET same_sch_time_flag = 'N', "
       "sch_over_another_sch_time_flag = 'Y' WHERE visit_id = 'a101'",
       {{"a101", "b101", DifferenceKind::kFieldMismatch, "same_sch_time_flag"},
        {"a101", "b101", DifferenceKind::kFieldMismatch, "sch_over_another_sch_time_flag"}}},
      {"a wrong distance, speed and minute gap",
       "UPDATE {conflict}.conflictvisitmaps SET distance_miles = 10.38, avg_mph = 30, "
       "minute_diff = 29, eta_minutes = 31.09 WHERE visit_id = 'b113'",
       {{"b113", "a113", DifferenceKind::kFieldMismatch, "avg_mph"},
        {"b113", "a113", DifferenceKind::kFieldMismatch, "distance_miles"},
        {"b113", "a113", DifferenceKind::kFieldMismatch, "minute_diff"}}},  // eta: within 0.01
      {"an open row with a missed side",
       "UPDATE {conflict}.conflictvisitmaps SET status_flag = 'U' WHERE visit_id = 'b110'",
       {{"b110", "a110", DifferenceKind::kOpenWithMissedOrDeletedSide, "status_flag"}}},
      {"open rows with a deleted side",
       "INSERT INTO {analytics}.deleted_visit VALUES ('b107')",
       {{"a107", "b107", DifferenceKind::kOpenWithMissedOrDeletedSide, "status_flag"},
        {"b107", "a107", DifferenceKind::kOpenWithMissedOrDeletedSide, "status_flag"}}},
      {"closed (D) rows of a deleted visit that is still in analytics.visit: nothing missing",
       "WITH d AS (INSERT INTO {analytics}.deleted_visit VALUES ('b107') RETURNING visit_id) "
       "UPDATE {conflict}.conflictvisitmaps SET status_flag = 'D' "
       "WHERE visit_id IN ('a107', 'b107')",
       {}},
      {"an open row for touching schedules",
       "UPDATE {conflict}.conflictvisitmaps SET status_flag = 'U' WHERE visit_id = 'a103'",
       {{"a103", "b103", DifferenceKind::kUnexpectedOpenRow, ""}}},
      {"an open row for a pair that is no candidate",
       "INSERT INTO {conflict}.conflictvisitmaps (ssn, visit_date, visit_id, con_visit_id, "
       "same_sch_time_flag, created_at) VALUES ('112', '2024-05-10', 'a112', 'b112', 'Y', "
       "'2024-05-10 00:00:00')",
       {{"a112", "b112", DifferenceKind::kUnexpectedOpenRow, ""}}},
      {"a caregiver's SSN excluded since",
       "INSERT INTO {conflict}.excluded_ssn (ssn) VALUES ('102')",
       {{"a102", "b102", DifferenceKind::kUnexpectedOpenRow, ""},
        {"b102", "a102", DifferenceKind::kUnexpectedOpenRow, ""}}},
      {"the settings changed: 1.00 makes rule 7 wrong",
       "UPDATE {conflict}.settings SET extra_distance_per = 1.00",
       {{"a108", "b108", DifferenceKind::kUnexpectedOpenRow, ""},
        {"a113", "b113", DifferenceKind::kUnexpectedOpenRow, ""},
        {"b108", "a108", DifferenceKind::kUnexpectedOpenRow, ""},
        {"b113", "a113", DifferenceKind::kUnexpectedOpenRow, ""}}},
      {"a newer address of the patient moves the point",
       "INSERT INTO {analytics}.patient_address (address_id, patient_id, lat, lon, zip, "
       "is_primary, address_type, created_at) VALUES ('pb-2', 'pb', 40.70, -73.95, '11203', "
       "true, 'GPS', '2024-01-01 00:00:00')",
       {{"a113", "b113", DifferenceKind::kUnexpectedOpenRow, ""},
        {"b113", "a113", DifferenceKind::kUnexpectedOpenRow, ""}}},
      {"equal zips: no rule 7",
       "UPDATE {analytics}.patient_address SET zip = ' 10021 ' WHERE patient_id = 'pb'",
       {{"a113", "b113", DifferenceKind::kUnexpectedOpenRow, ""},
        {"b113", "a113", DifferenceKind::kUnexpectedOpenRow, ""}}},
  };

  for (const Mutation& mutation : mutations) {
    DYNAMIC_SECTION(mutation.name) {
      data.run(mutation.sql);
      CheckReport report = check();
      INFO(describe(report));
      std::vector<std::tuple<std::string, std::string, DifferenceKind, std::string>> found;
      for (const auto& d : report.differences)
        found.emplace_back(d.visit_id, d.con_visit_id, d.kind, d.field);
      CHECK(found == mutation.expected);
      CHECK(report.difference_count == static_cast<std::int64_t>(mutation.expected.size()));
    }
  }

  SECTION("the report lists the first differences only, and counts them all") {
    data.run("DELETE FROM {conflict}.conflictvisitmaps WHERE visit_id LIKE 'b%'");
    auto report = check_conflicts(*session, schemas, kToday, CheckOptions{.max_listed = 3});
    REQUIRE(report.ok());
    CHECK(report->difference_count == 8);
    CHECK(report->by_kind[static_cast<std::size_t>(DifferenceKind::kMissingRow)] == 8);
    REQUIRE(report->differences.size() == 3);
    CHECK(report->differences[0].visit_id == "b101");
    CHECK(report->differences[2].visit_id == "b104");
    CHECK(report->differences[0].expected == "a row");
    CHECK(report->differences[0].detail == "the insert rules raise rule 1");
  }

  SECTION("a field mismatch says what was expected and found") {
    data.run(
        "UPDATE {conflict}.conflictvisitmaps SET distance_miles = NULL WHERE visit_id = 'a108'");
    CheckReport report = check();
    REQUIRE(report.differences.size() == 1);
    const Difference& d = report.differences[0];
    CHECK(d.field == "distance_miles");
    CHECK(d.expected == "10.36");
    CHECK(d.actual == "NULL");
    CHECK(d.detail == "the update rules raise rule 7");
  }

  SECTION("a schema that is not current is Database.SchemaMismatch") {
    db::Schemas other = db::testing::unique_schemas("check_none");
    auto report = check_conflicts(*session, other, kToday);
    REQUIRE_FALSE(report.ok());
    CHECK(report.error().name == "Database.SchemaMismatch");
  }

  SECTION("settings without its row is Check.DataInvalid") {
    data.run("DELETE FROM {conflict}.settings");
    auto report = check_conflicts(*session, schemas, kToday);
    REQUIRE_FALSE(report.ok());
    CHECK(report.error().name == kCheckDataInvalid);
  }
}

}  // namespace
}  // namespace conflictctl::conflict

// Integration test of `db check` (conflict/check.h) against a real PostgreSQL: a small
// hand-made data set with the worked examples of docs/conflict-rules.md ("Worked examples") and
// in-service/PTO meetings ("In-service and PTO pairs"), hand-made map rows, and one mutation
// per kind of difference. Skipped without CONFLICTCTL_TEST_DATABASE_URL.
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

  // An in-service session (`table` "inservice") or an absence ("absence").
  void session(const std::string& table, const std::string& id, const std::string& environment,
               const std::string& caregiver, const std::string& provider, const Param& start,
               const Param& end) {
    run("INSERT INTO {analytics}." + table + " VALUES ($1, $2, $3, $4, NULL, $5, $6)",
        {id, environment, caregiver, provider, start, end});
  }

  // A visit meeting a session ("inservice:…" or "pto:…"), as the rows of flags 8 and 9 hold it.
  struct Meeting {
    std::string visit{}, session{}, ssn{};
    std::string visit_date = kTodayText;
    std::string session_date = kTodayText;  // the date of the session's start
    Param start{}, end{};
    std::string visit_provider = "A", session_provider = "B";
  };

  // The meeting's row with the visit first (`visit_first`) or the session first.
  void meeting_row(const Meeting& m, bool visit_first) {
    const bool in_service = m.session.starts_with("inservice:");
    const std::string side =
        std::string(visit_first ? "con_" : "") + (in_service ? "inservice" : "pto");
    const std::string columns =
        "ssn, visit_date, visit_id, con_visit_id, provider_id, con_provider_id, in_service_flag, "
        "pto_flag, " +
        side + "_start, " + side + "_end, status_flag, created_at";
    run("INSERT INTO {conflict}.conflictvisitmaps (" + columns +
            ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'U', '2024-05-10 00:00:00')",
        {m.ssn, visit_first ? m.visit_date : m.session_date, visit_first ? m.visit : m.session,
         visit_first ? m.session : m.visit, visit_first ? m.visit_provider : m.session_provider,
         visit_first ? m.session_provider : m.visit_provider, in_service ? "Y" : "N",
         in_service ? "N" : "Y", m.start, m.end});
  }

  void meeting_rows(const Meeting& m) {
    meeting_row(m, true);
    meeting_row(m, false);
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

// In-service and PTO meetings (SSN 120…): a visit at A, 09:00–13:00, and sessions of the same
// person at B; the right map rows.
void build_sessions(Data& data) {
  auto visit_at_a = [&](const std::string& ssn, const std::string& date = kTodayText) {
    Data::Visit v{"a" + ssn, "A", data.caregiver(ssn, "A")};
    v.date = date;
    v.sch_start = v.visit_start = at(date, "09:00");
    v.sch_end = v.visit_end = at(date, "13:00");
    data.visit(v);
  };
  // An in-service at B that starts when the visit ends: touching counts. The B record's SSN
  // has spaces around it; the environment is part of the id.
  visit_at_a("120");
  data.session("inservice", "s120", "prod", data.caregiver(" 120 ", "B"), "B",
               at(kTodayText, "13:00"), at(kTodayText, "15:00"));
  // An absence of several days, on dates: it ends at 08:00 on the day of a 09:00 visit.
  visit_at_a("121", "2024-05-11");
  data.session("absence", "v121", "", data.caregiver("121", "B"), "B", at("2024-05-08", "10:00"),
               at("2024-05-11", "08:00"));
  // A near miss: the training starts one minute after the visit ends.
  visit_at_a("122");
  data.session("inservice", "s122", "", data.caregiver("122", "B"), "B", at(kTodayText, "13:01"),
               at(kTodayText, "15:00"));
  // The visit overlaps its own caregiver record's training at A: the B training is skipped,
  // but not the B absence (another kind).
  visit_at_a("123");
  data.session("inservice", "s123-own", "", "cg-A-123", "A", at(kTodayText, "10:00"),
               at(kTodayText, "11:00"));
  const std::string b123 = data.caregiver("123", "B");
  data.session("inservice", "s123", "", b123, "B", at(kTodayText, "10:00"),
               at(kTodayText, "12:00"));
  data.session("absence", "v123", "", b123, "B", at(kTodayText, "00:00"), at(kTodayText, "23:59"));
  // A training at a demo agency (D): no eligible session, no meeting.
  visit_at_a("124");
  data.session("inservice", "s124", "", data.caregiver("124", "D"), "D", at(kTodayText, "10:00"),
               at(kTodayText, "12:00"));
  // An absence that starts before the window: its session-first row is not due.
  visit_at_a("125");
  data.session("absence", "v125", "", data.caregiver("125", "B"), "B", at("2022-01-01", "00:00"),
               at("2024-05-20", "00:00"));

  data.meeting_rows({.visit = "a120",
                     .session = "inservice:s120@prod",
                     .ssn = "120",
                     .start = at(kTodayText, "13:00"),
                     .end = at(kTodayText, "15:00")});
  data.meeting_rows({.visit = "a121",
                     .session = "pto:v121",
                     .ssn = "121",
                     .visit_date = "2024-05-11",
                     .session_date = "2024-05-08",
                     .start = at("2024-05-08", "10:00"),
                     .end = at("2024-05-11", "08:00")});
  data.meeting_rows({.visit = "a123",
                     .session = "pto:v123",
                     .ssn = "123",
                     .start = at(kTodayText, "00:00"),
                     .end = at(kTodayText, "23:59")});
  data.meeting_row({.visit = "a125",
                    .session = "pto:v125",
                    .ssn = "125",
                    .session_date = "2022-01-01",
                    .start = at("2022-01-01", "00:00"),
                    .end = at("2024-05-20", "00:00")},
                   true);
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
  data.address("pb-1", "pb", "40.654140", "-73.935455", "11203", true, "GPS",
               "2023-01-01 00:00:00");
  // Newer, but typed "gps": the type is matched case-sensitively (docs/conflict-rules.md).
  data.address("pb-lower", "pb", "40.7731179", "-73.9859967", "10021", true, "gps",
               "2024-01-01 00:00:00");

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

  build_sessions(data);
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
    CHECK(report.counts.visits == 34);
    CHECK(report.counts.eligible_visits == 30);  // 111 (SSN), D (demo), X (excluded) out
    CHECK(report.counts.candidate_pairs == 11);
    CHECK(report.counts.update_conflicts == 10);  // all but the touching schedules
    CHECK(report.counts.insert_conflicts == 8);   // not 109 (rule 1 in the past), not 110
    CHECK(report.counts.session_meetings == 4);   // 120, 121, 123 (PTO only), 125
    CHECK(report.counts.rows_checked == 28);
    CHECK(report.counts.open_rows == 25);
    CHECK(report.counts.session_rows == 7);
  }

  struct Mutation {
    const char* name;
    std::string sql;
    std::vector<std::tuple<std::string, std::string, DifferenceKind, std::string>> expected;
  };
  const std::string in_service_row =
      "INSERT INTO {conflict}.conflictvisitmaps (ssn, visit_date, visit_id, con_visit_id, "
      "provider_id, con_provider_id, in_service_flag, con_inservice_start, con_inservice_end, "
      "created_at) VALUES ";
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
      // In-service and PTO meetings.
      {"a missing in-service row",
       "DELETE FROM {conflict}.conflictvisitmaps WHERE visit_id = 'inservice:s120@prod'",
       {{"inservice:s120@prod", "a120", DifferenceKind::kMissingRow, ""}}},
      {"a closed PTO row",
       "UPDATE {conflict}.conflictvisitmaps SET status_flag = 'R' WHERE visit_id = 'a121'",
       {{"a121", "pto:v121", DifferenceKind::kMissingRow, "status_flag"}}},
      {"a missing row of a session that starts before the window",
       "DELETE FROM {conflict}.conflictvisitmaps WHERE visit_id = 'a125'",
       {{"a125", "pto:v125", DifferenceKind::kMissingRow, ""}}},
      {"an N row only needs to exist",
       "UPDATE {conflict}.conflictvisitmaps SET status_flag = 'N', con_provider_id = 'Z', "
       "in_service_flag = 'N' WHERE visit_id = 'a120'",
       {}},
      {"one minute earlier, the near miss is a meeting",
       "UPDATE {analytics}.inservice SET start_ts = '2024-05-10 13:00:00' "
       "WHERE inservice_id = 's122'",
       {{"a122", "inservice:s122", DifferenceKind::kMissingRow, ""},
        {"inservice:s122", "a122", DifferenceKind::kMissingRow, ""}}},
      {"without the overlap with its own training, the visit meets the B training",
       "UPDATE {analytics}.inservice SET start_ts = '2024-05-10 14:00:00', "
       "end_ts = '2024-05-10 15:00:00' WHERE inservice_id = 's123-own'",
       {{"a123", "inservice:s123", DifferenceKind::kMissingRow, ""},
        {"inservice:s123", "a123", DifferenceKind::kMissingRow, ""}}},
      {"the session's agency is no longer a demo",
       "UPDATE {analytics}.provider SET is_demo = false WHERE provider_id = 'D'",
       {{"a112", "b112", DifferenceKind::kMissingRow, ""},
        {"a124", "inservice:s124", DifferenceKind::kMissingRow, ""},
        {"b112", "a112", DifferenceKind::kMissingRow, ""},
        {"inservice:s124", "a124", DifferenceKind::kMissingRow, ""}}},
      {"an open row for the near miss",
       in_service_row + "('122', '2024-05-10', 'a122', 'inservice:s122', 'A', 'B', 'Y', "
                        "'2024-05-10 13:01:00', '2024-05-10 15:00:00', '2024-05-10 00:00:00')",
       {{"a122", "inservice:s122", DifferenceKind::kUnexpectedOpenRow, ""}}},
      {"an open row for a training during the visit's own training",
       in_service_row + "('123', '2024-05-10', 'a123', 'inservice:s123', 'A', 'B', 'Y', "
                        "'2024-05-10 10:00:00', '2024-05-10 12:00:00', '2024-05-10 00:00:00')",
       {{"a123", "inservice:s123", DifferenceKind::kUnexpectedOpenRow, ""}}},
      {"an open row for a training at an ineligible agency",
       in_service_row + "('124', '2024-05-10', 'a124', 'inservice:s124', 'A', 'D', 'Y', "
                        "'2024-05-10 10:00:00', '2024-05-10 12:00:00', '2024-05-10 00:00:00')",
       {{"a124", "inservice:s124", DifferenceKind::kUnexpectedOpenRow, ""}}},
      {"a removed absence",
       "DELETE FROM {analytics}.absence WHERE vacation_id = 'v121'",
       {{"a121", "pto:v121", DifferenceKind::kUnexpectedOpenRow, ""},
        {"pto:v121", "a121", DifferenceKind::kUnexpectedOpenRow, ""}}},
      {"the SSN excluded since",
       "INSERT INTO {conflict}.excluded_ssn (ssn) VALUES ('125')",
       {{"a125", "pto:v125", DifferenceKind::kUnexpectedOpenRow, ""}}},
      {"wrong flags",
       "UPDATE {conflict}.conflictvisitmaps SET in_service_flag = 'N', pto_flag = 'Y', "
       "same_sch_time_flag = 'Y' WHERE visit_id = 'a120'",
       {{"a120", "inservice:s120@prod", DifferenceKind::kFieldMismatch, "in_service_flag"},
        {"a120", "inservice:s120@prod", DifferenceKind::kFieldMismatch, "pto_flag"},
        {"a120", "inservice:s120@prod", DifferenceKind::kFieldMismatch, "same_sch_time_flag"}}},
      {"a wrong session time",
       "UPDATE {conflict}.conflictvisitmaps SET con_pto_end = '2024-05-11 09:00:00' "
       "WHERE visit_id = 'a121'",
       {{"a121", "pto:v121", DifferenceKind::kFieldMismatch, "con_pto_end"}}},
      {"session times on the visit's side",
       "UPDATE {conflict}.conflictvisitmaps SET inservice_start = con_inservice_start, "
       "inservice_end = con_inservice_end, con_inservice_start = NULL, con_inservice_end = NULL "
       "WHERE visit_id = 'a120'",
       {{"a120", "inservice:s120@prod", DifferenceKind::kFieldMismatch, "con_inservice_end"},
        {"a120", "inservice:s120@prod", DifferenceKind::kFieldMismatch, "con_inservice_start"}}},
      {"a session-first row dated by the visit",
       "UPDATE {conflict}.conflictvisitmaps SET visit_date = '2024-05-11' "
       "WHERE visit_id = 'pto:v121'",
       {{"pto:v121", "a121", DifferenceKind::kFieldMismatch, "visit_date"}}},
      {"provider ids swapped",
       "UPDATE {conflict}.conflictvisitmaps SET provider_id = con_provider_id, "
       "con_provider_id = provider_id WHERE visit_id = 'pto:v123'",
       {{"pto:v123", "a123", DifferenceKind::kFieldMismatch, "con_provider_id"},
        {"pto:v123", "a123", DifferenceKind::kFieldMismatch, "provider_id"}}},
      {"open session rows with a deleted visit",
       "INSERT INTO {analytics}.deleted_visit VALUES ('a120')",
       {{"a120", "inservice:s120@prod", DifferenceKind::kOpenWithMissedOrDeletedSide,
         "status_flag"},
        {"inservice:s120@prod", "a120", DifferenceKind::kOpenWithMissedOrDeletedSide,
         "status_flag"}}},
      {"closed (D) session rows of a deleted visit: nothing missing",
       "WITH d AS (INSERT INTO {analytics}.deleted_visit VALUES ('a120') RETURNING visit_id) "
       "UPDATE {conflict}.conflictvisitmaps SET status_flag = 'D' "
       "WHERE 'a120' IN (visit_id, con_visit_id)",
       {}},
      {"open session rows with a missed visit",
       "UPDATE {analytics}.visit SET is_missed = true WHERE visit_id = 'a121'",
       {{"a121", "pto:v121", DifferenceKind::kOpenWithMissedOrDeletedSide, "status_flag"},
        {"pto:v121", "a121", DifferenceKind::kOpenWithMissedOrDeletedSide, "status_flag"}}},
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

  SECTION("a session field mismatch says what was expected and found") {
    data.run("UPDATE {conflict}.conflictvisitmaps SET con_pto_end = NULL WHERE visit_id = 'a121'");
    CheckReport report = check();
    REQUIRE(report.differences.size() == 1);
    const Difference& d = report.differences[0];
    CHECK(d.field == "con_pto_end");
    CHECK(d.expected == "2024-05-11 08:00:00");
    CHECK(d.actual == "NULL");
    CHECK(d.detail == "the visit meets the PTO session");
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

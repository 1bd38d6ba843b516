// The Conflict Report tasks against a real PostgreSQL (skipped without
// CONFLICTCTL_TEST_DATABASE_URL): a hand-made data set with expected rows, the resolution
// transitions of TASK_02, idempotency by content digest, chunked == sequential, the run lock,
// and all-or-nothing on errors. A seeded data set is compared with the independent C++ checker
// (conflict/check.h).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <map>
#include <memory>
#include <thread>

#include "conflict/check.h"
#include "conflict/chunks.h"
#include "conflict/run_lock.h"
#include "conflict/seed.h"
#include "conflict/task_01.h"
#include "conflict/task_02.h"
#include "conflict/task_03.h"
#include "core/clock.h"
#include "core/logger.h"
#include "db/postgres.h"
#include "db/schema.h"
#include "db/sql_files.h"
#include "db/test_database.h"

namespace conflictctl::conflict {
namespace {

Timestamp at(const char* text) { return *parse_timestamp(text); }

// One pair of scratch schemas, migrated, with a session on them.
class Database {
 public:
  explicit Database(const db::ConnectionSettings& settings, const std::string& prefix)
      : scratch_(settings, prefix) {
    auto connected = db::connect(scratch_.settings());
    REQUIRE(connected);
    session_ = std::move(*connected);
    REQUIRE(db::migrate(*session_, schemas(), at("2025-06-01T00:00:00Z")));
  }

  db::Session& session() { return *session_; }
  const db::Schemas& schemas() const { return scratch_.schemas(); }
  const db::ConnectionSettings& settings() const { return scratch_.settings(); }

  Job job(Timestamp now) { return Job{*session_, schemas(), now, log_}; }

  void exec(const std::string& sql, const db::Params& params = {}) {
    auto done = session_->query(db::render(sql, schemas()), params);
    INFO(sql);
    if (!done) FAIL(done.error());
  }
  db::Rows rows(const std::string& sql, const db::Params& params = {}) {
    auto done = session_->query(db::render(sql, schemas()), params);
    INFO(sql);
    if (!done) FAIL(done.error());
    return std::move(*done);
  }
  std::string single(const std::string& sql, const db::Params& params = {}) {
    db::Rows result = rows(sql, params);
    REQUIRE(result.size() == 1);
    return result.at(0, 0).value_or("NULL");
  }

  // md5 of every row (without the serial id, whose order depends on the plan) of every table
  // a task writes.
  std::string digest() {
    std::string out;
    for (const char* table : {"{conflict}.conflictvisitmaps", "{conflict}.conflictvisitmaps_temp",
                              "{conflict}.conflicts", "{conflict}.payer_provider_reminders",
                              "{conflict}.settings"})
      out += single(std::string("SELECT md5(coalesce(string_agg((to_jsonb(t) - 'id')::text, '|' "
                                "ORDER BY (to_jsonb(t) - 'id')::text), '')) FROM ") +
                    table + " t") +
             " ";
    return out;
  }

 private:
  db::testing::ScratchSchemas scratch_;
  std::unique_ptr<db::Session> session_;
  NullLogger log_;
};

std::unique_ptr<Database> database(const std::string& prefix) {
  auto settings = db::testing::test_database_settings();
  if (!settings) return nullptr;
  return std::make_unique<Database>(*settings, prefix);
}

#define SKIP_WITHOUT_DATABASE(db)                                  \
  if (!(db)) {                                                     \
    WARN("CONFLICTCTL_TEST_DATABASE_URL is not set: skipped");     \
    return;                                                        \
  }

Json run(Result<Json> result) {
  if (!result) FAIL(result.error());
  return std::move(*result);
}

// The hand-made data set; "today" is 2025-06-15. All visits are on 2025-06-14 unless said.
//   person 111 (P1..P4): A 09:00-10:00, B 09:30-10:30, C 10:15-11:00, D 10:45-11:30 (actuals):
//                        the chain A-B, B-C, C-D (rule 5); A-C and B-D do not conflict
//                        (no places known: no distance); I and J at P1 overlap (same agency)
//   person 222 (P1, P2): E, F 13:00-14:00 (rule 2); K (missed) / L overlapping; O, Q tomorrow
//                        scheduled 09:00-13:00 (rule 1); R1, R2 yesterday scheduled only
//                        (rule 1 raised by the update rules only)
//   person 333 (blank SSN): G, H overlapping — not eligible
//   person 444 (P1, P2): M 09:00-10:00 at (40.7731179, -73.9859967), N 10:30-11:30 at
//                        (40.654140, -73.935455): the worked example, 10.36 mi, 31.08 min > 30
//   person 555 (P1, P5 inactive), 666 (P1, P7 excluded by id), 777 (P1, P8 excluded by app id):
//                        overlapping pairs that never count
void load_example(Database& db) {
  db.exec("UPDATE {conflict}.settings SET extra_distance_per = 1.20");
  db.exec("INSERT INTO {conflict}.mph (type, from_miles, to_miles, avg_mph) VALUES "
          "('walk', 0, 5, 10), ('town', 6, 15, 20), ('road', 16, 100, 30)");
  db.exec("INSERT INTO {analytics}.provider (provider_id, app_provider_id, name, is_active, "
          "is_demo) VALUES ('P1', 'AP1', 'Agency One', true, false), "
          "('P2', 'AP2', 'Agency Two', true, false), ('P3', 'AP3', 'Agency Three', true, false), "
          "('P4', 'AP4', 'Agency Four', true, false), ('P5', 'AP5', 'Closed', false, false), "
          "('P7', 'AP7', 'Excluded', true, false), ('P8', 'AP8', 'Excluded App', true, false)");
  db.exec("INSERT INTO {conflict}.excluded_agency (provider_id, app_provider_id) VALUES "
          "('P7', NULL), (NULL, 'AP8')");
  db.exec("INSERT INTO {analytics}.payer (payer_id, app_payer_id, name, is_active) VALUES "
          "('Y1', 'AY1', 'Payer One', true), ('Y2', 'AY2', 'Payer Off', false)");
  db.exec("INSERT INTO {analytics}.contract (contract_id, name, is_active) VALUES "
          "('K1', 'Contract One', true)");
  db.exec("INSERT INTO {analytics}.payer_provider (payer_id, provider_id, app_payer_id, "
          "app_provider_id) VALUES ('Y1', 'P1', 'AY1', 'AP1'), ('Y2', 'P2', 'AY2', 'AP2')");
  db.exec("INSERT INTO {analytics}.caregiver (caregiver_id, app_caregiver_id, provider_id, ssn) "
          "VALUES ('G1a', 'AG1a', 'P1', '111'), ('G1b', 'AG1b', 'P2', ' 111 '), "
          "('G1c', 'AG1c', 'P3', '111'), ('G1d', 'AG1d', 'P4', '111'), "
          "('G2a', 'AG2a', 'P1', '222'), ('G2b', 'AG2b', 'P2', '222'), "
          "('G3a', 'AG3a', 'P1', '  '), ('G3b', 'AG3b', 'P2', '  '), "
          "('G4a', 'AG4a', 'P1', '444'), ('G4b', 'AG4b', 'P2', '444'), "
          "('G5a', 'AG5a', 'P1', '555'), ('G5b', 'AG5b', 'P5', '555'), "
          "('G6a', 'AG6a', 'P1', '666'), ('G6b', 'AG6b', 'P7', '666'), "
          "('G7a', 'AG7a', 'P1', '777'), ('G7b', 'AG7b', 'P8', '777')");
  // (visit, caregiver, provider, date, sch start, sch end, actual start, actual end, missed,
  //  gps_in, gps_out)
  db.exec(R"(
    INSERT INTO {analytics}.visit (visit_id, app_visit_id, visit_date, provider_id,
      app_provider_id, caregiver_id, app_caregiver_id, payer_id, contract_id, sch_start, sch_end,
      visit_start, visit_end, is_missed, gps_in, gps_out)
    SELECT v, 'app-' || v, d::date, p, 'A' || p, g, 'A' || g, 'Y1', 'K1',
           (d || ' ' || ss)::timestamp, (d || ' ' || se)::timestamp,
           (d || ' ' || vs)::timestamp, (d || ' ' || ve)::timestamp, m, gi, go
    FROM (VALUES
      ('v-A', 'G1a', 'P1', '2025-06-14', '09:00', '10:00', '09:00', '10:00', false, NULL, NULL),
      ('v-B', 'G1b', 'P2', '2025-06-14', '09:30', '10:30', '09:30', '10:30', false, NULL, NULL),
      ('v-C', 'G1c', 'P3', '2025-06-14', '10:15', '11:00', '10:15', '11:00', false, NULL, NULL),
      ('v-D', 'G1d', 'P4', '2025-06-14', '10:45', '11:30', '10:45', '11:30', false, NULL, NULL),
      ('v-I', 'G1a', 'P1', '2025-06-14', '12:00', '13:00', '12:00', '13:00', false, NULL, NULL),
      ('v-J', 'G1a', 'P1', '2025-06-14', '12:30', '13:30', '12:30', '13:30', false, NULL, NULL),
      ('v-E', 'G2a', 'P1', '2025-06-14', '13:00', '14:00', '13:00', '14:00', false, NULL, NULL),
      ('v-F', 'G2b', 'P2', '2025-06-14', '13:00', '14:00', '13:00', '14:00', false, NULL, NULL),
      ('v-K', 'G2a', 'P1', '2025-06-14', '16:00', '17:00', '16:00', '17:00', true, NULL, NULL),
      ('v-L', 'G2b', 'P2', '2025-06-14', '16:30', '17:30', '16:30', '17:30', false, NULL, NULL),
      ('v-O', 'G2a', 'P1', '2025-06-16', '09:00', '13:00', NULL, NULL, false, NULL, NULL),
      ('v-Q', 'G2b', 'P2', '2025-06-16', '09:00', '13:00', NULL, NULL, false, NULL, NULL),
      ('v-R1', 'G2a', 'P1', '2025-06-13', '09:00', '13:00', NULL, NULL, false, NULL, NULL),
      ('v-R2', 'G2b', 'P2', '2025-06-13', '09:00', '13:00', NULL, NULL, false, NULL, NULL),
      ('v-G', 'G3a', 'P1', '2025-06-14', '09:00', '10:00', '09:00', '10:00', false, NULL, NULL),
      ('v-H', 'G3b', 'P2', '2025-06-14', '09:30', '10:30', '09:30', '10:30', false, NULL, NULL),
      ('v-M', 'G4a', 'P1', '2025-06-14', '09:00', '10:00', '09:00', '10:00', false,
       NULL, '"40.7731179,-73.9859967"'),
      ('v-N', 'G4b', 'P2', '2025-06-14', '10:30', '11:30', '10:30', '11:30', false,
       '40.654140, -73.935455', NULL),
      ('v-S', 'G5a', 'P1', '2025-06-14', '09:00', '10:00', '09:00', '10:00', false, NULL, NULL),
      ('v-T', 'G5b', 'P5', '2025-06-14', '09:30', '10:30', '09:30', '10:30', false, NULL, NULL),
      ('v-U', 'G6a', 'P1', '2025-06-14', '09:00', '10:00', '09:00', '10:00', false, NULL, NULL),
      ('v-V', 'G6b', 'P7', '2025-06-14', '09:30', '10:30', '09:30', '10:30', false, NULL, NULL),
      ('v-W', 'G7a', 'P1', '2025-06-14', '09:00', '10:00', '09:00', '10:00', false, NULL, NULL),
      ('v-X', 'G7b', 'P8', '2025-06-14', '09:30', '10:30', '09:30', '10:30', false, NULL, NULL)
    ) AS t(v, g, p, d, ss, se, vs, ve, m, gi, go))");
}

const Timestamp kToday = at("2025-06-15T08:00:00Z");
const Timestamp kTomorrow = at("2025-06-16T08:00:00Z");

// visit_id|con_visit_id → selected columns, for the rows of the map.
std::map<std::string, std::vector<std::string>> map_rows(Database& db, const std::string& columns) {
  db::Rows rows = db.rows("SELECT visit_id || '|' || con_visit_id, " + columns +
                          " FROM {conflict}.conflictvisitmaps ORDER BY 1");
  std::map<std::string, std::vector<std::string>> out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::vector<std::string> values;
    for (std::size_t c = 1; c < rows.columns().size(); ++c)
      values.push_back(rows.at(r, c).value_or("NULL"));
    out[*rows.at(r, 0)] = values;
  }
  return out;
}

using Cells = std::vector<std::string>;

}  // namespace

TEST_CASE("task_03 inserts every current conflict in both orientations, with ids and groups") {
  auto db = database("t03");
  SKIP_WITHOUT_DATABASE(db);
  load_example(*db);
  Job job = db->job(kToday);
  Json result = run(run_task_03(job));
  CHECK(result["status"] == "success");
  CHECK(result["inserted_rows"] == 12);
  CHECK(result["conflict_pairs"] == 6);
  CHECK(result["conflict_ids_assigned"] == 10);
  CHECK(result["conflicts_inserted"] == 10);
  CHECK(result["groups"]["components"] == 4);
  CHECK(result["groups"]["new_groups"] == 4);
  CHECK(result.contains("steps"));
  CHECK(result.contains("duration_seconds"));

  auto rows = map_rows(*db, "conflict_id, group_id, status_flag, ssn, visit_date");
  CHECK(rows == std::map<std::string, Cells>{
                    {"v-A|v-B", {"1", "1", "U", "111", "2025-06-14"}},
                    {"v-B|v-A", {"2", "1", "U", "111", "2025-06-14"}},
                    {"v-B|v-C", {"2", "1", "U", "111", "2025-06-14"}},
                    {"v-C|v-B", {"3", "1", "U", "111", "2025-06-14"}},
                    {"v-C|v-D", {"3", "1", "U", "111", "2025-06-14"}},
                    {"v-D|v-C", {"4", "1", "U", "111", "2025-06-14"}},
                    {"v-E|v-F", {"5", "2", "U", "222", "2025-06-14"}},
                    {"v-F|v-E", {"6", "2", "U", "222", "2025-06-14"}},
                    {"v-M|v-N", {"7", "3", "U", "444", "2025-06-14"}},
                    {"v-N|v-M", {"8", "3", "U", "444", "2025-06-14"}},
                    {"v-O|v-Q", {"9", "4", "U", "222", "2025-06-16"}},
                    {"v-Q|v-O", {"10", "4", "U", "222", "2025-06-16"}},
                });

  auto flags = map_rows(*db,
                        "same_sch_time_flag || same_visit_time_flag || "
                        "sch_and_visit_time_same_flag || sch_over_another_sch_time_flag || "
                        "visit_time_over_another_visit_time_flag || "
                        "sch_time_over_visit_time_flag || distance_flag, minute_diff, "
                        "distance_miles, avg_mph, eta_minutes");
  CHECK(flags["v-A|v-B"] == Cells{"NNNNYNN", "0", "NULL", "NULL", "NULL"});
  CHECK(flags["v-E|v-F"] == Cells{"NYNNNNN", "0", "NULL", "NULL", "NULL"});
  CHECK(flags["v-O|v-Q"] == Cells{"YNNNNNN", "0", "NULL", "NULL", "NULL"});
  CHECK(flags["v-M|v-N"] == Cells{"NNNNNNY", "30", "10.36", "20", "31.08"});
  CHECK(flags["v-N|v-M"] == Cells{"NNNNNNY", "30", "10.36", "20", "31.08"});

  // Each row stores its own visit's point on the leg: M departs (gps_out), N arrives (gps_in).
  auto places = map_rows(*db, "lat, lon, con_lat, con_lon, provider_name, con_provider_name, "
                              "contract, created_at, in_service_flag, pto_flag");
  CHECK(places["v-M|v-N"] == Cells{"40.77311790", "-73.98599670", "40.65414000", "-73.93545500",
                                   "Agency One", "Agency Two", "Payer One",
                                   "2025-06-15 08:00:00", "N", "N"});
  CHECK(places["v-N|v-M"] == Cells{"40.65414000", "-73.93545500", "40.77311790", "-73.98599670",
                                   "Agency Two", "Agency One", "Payer One",
                                   "2025-06-15 08:00:00", "N", "N"});

  CHECK(db->single("SELECT string_agg(conflict_id || status_flag, ',' ORDER BY conflict_id) "
                   "FROM {conflict}.conflicts") == "1U,2U,3U,4U,5U,6U,7U,8U,9U,10U");

  SECTION("a second run inserts and changes nothing") {
    const std::string before = db->digest();
    Json again = run(run_task_03(job));
    CHECK(again["inserted_rows"] == 0);
    CHECK(again["conflict_ids_assigned"] == 0);
    CHECK(again["groups"]["rows_updated"] == 0);
    CHECK(db->digest() == before);
  }

  SECTION("a new link joins two groups into the smaller one; new visits of a known visit "
          "inherit its ConflictID") {
    // Z (person 222, at P3) overlaps E and F: it joins their group.
    db->exec("INSERT INTO {analytics}.visit (visit_id, app_visit_id, visit_date, provider_id, "
             "app_provider_id, caregiver_id, app_caregiver_id, visit_start, visit_end, "
             "sch_start, sch_end) VALUES ('v-Z', 'app-v-Z', '2025-06-14', 'P3', 'AP3', 'G2c', "
             "'AG2c', '2025-06-14 13:30', '2025-06-14 14:30', '2025-06-14 13:30', "
             "'2025-06-14 14:30')");
    db->exec("INSERT INTO {analytics}.caregiver (caregiver_id, app_caregiver_id, provider_id, "
             "ssn) VALUES ('G2c', 'AG2c', 'P3', '222')");
    Json again = run(run_task_03(job));
    CHECK(again["inserted_rows"] == 4);  // E-Z, Z-E, F-Z, Z-F
    auto ids = map_rows(*db, "conflict_id, group_id");
    CHECK(ids["v-E|v-Z"] == Cells{"5", "2"});  // E keeps its ConflictID
    CHECK(ids["v-F|v-Z"] == Cells{"6", "2"});
    CHECK(ids["v-Z|v-E"] == Cells{"11", "2"});  // a new visit: the next id
    CHECK(ids["v-Z|v-F"] == Cells{"11", "2"});
    CHECK(db->single("SELECT count(*) FROM {conflict}.conflicts") == "11");
  }
}

TEST_CASE("task_02 refreshes re-detected rows and resolves the rest") {
  auto db = database("t02");
  SKIP_WITHOUT_DATABASE(db);
  load_example(*db);
  Job first = db->job(kToday);
  run(run_task_03(first));

  // What changes in the source by the next day:
  db->exec("UPDATE {analytics}.visit SET visit_start = '2025-06-14 08:00', "
           "visit_end = '2025-06-14 08:50', sch_start = '2025-06-14 08:00', "
           "sch_end = '2025-06-14 08:50' WHERE visit_id = 'v-B'");   // A-B, B-C: no longer
  db->exec("DELETE FROM {analytics}.visit WHERE visit_id = 'v-D'");  // C-D: deleted
  db->exec("INSERT INTO {analytics}.deleted_visit VALUES ('v-D')");
  db->exec("UPDATE {analytics}.visit SET is_missed = true WHERE visit_id = 'v-F'");  // E-F
  db->exec("UPDATE {analytics}.provider SET name = 'Agency One Inc' WHERE provider_id = 'P1'");
  db->exec("UPDATE {conflict}.conflictvisitmaps SET status_flag = 'W' "
           "WHERE visit_id = 'v-M' AND con_visit_id = 'v-N'");       // the users' row
  db->exec("UPDATE {conflict}.conflictvisitmaps SET update_flag = 1 "
           "WHERE visit_id = 'v-M'");                                 // stale, from the port
  db->exec("UPDATE {conflict}.conflictvisitmaps SET same_visit_time_flag = 'Y' "
           "WHERE visit_id = 'v-O'");                                 // stale 'Y'

  Job second = db->job(kTomorrow);
  Json result = run(run_task_02(second));
  CHECK(result["status"] == "success");
  CHECK(result["rows_marked"] == 11);  // 12 rows, W excluded
  CHECK(result["rows_redetected"] == 5);  // E-F, F-E (missed side), N-M, O-Q, Q-O

  auto rows = map_rows(*db, "status_flag, resolve_date, updated_at, update_flag");
  const std::string now = "2025-06-16 08:00:00";
  CHECK(rows["v-A|v-B"] == Cells{"R", now, now, "NULL"});
  CHECK(rows["v-B|v-A"] == Cells{"R", now, now, "NULL"});
  CHECK(rows["v-B|v-C"] == Cells{"R", now, now, "NULL"});
  CHECK(rows["v-C|v-B"] == Cells{"R", now, now, "NULL"});
  CHECK(rows["v-C|v-D"] == Cells{"D", now, now, "NULL"});
  CHECK(rows["v-D|v-C"] == Cells{"D", now, now, "NULL"});
  CHECK(rows["v-E|v-F"] == Cells{"R", now, now, "NULL"});  // re-detected, but F is missed
  CHECK(rows["v-F|v-E"] == Cells{"R", now, now, "NULL"});
  CHECK(rows["v-M|v-N"] == Cells{"W", "NULL", "NULL", "NULL"});  // only the stale flag cleared
  CHECK(rows["v-N|v-M"] == Cells{"U", "NULL", now, "NULL"});  // con_provider_name fresh
  CHECK(rows["v-O|v-Q"] == Cells{"U", "NULL", now, "NULL"});  // provider name and flag fresh
  CHECK(rows["v-Q|v-O"] == Cells{"U", "NULL", now, "NULL"});  // con_provider_name fresh

  auto fresh = map_rows(*db, "provider_name, con_provider_name, same_visit_time_flag, is_missed");
  CHECK(fresh["v-O|v-Q"] == Cells{"Agency One Inc", "Agency Two", "N", "f"});
  CHECK(fresh["v-F|v-E"] == Cells{"Agency Two", "Agency One Inc", "Y", "t"});

  // Conflicts: A (A-B R), B (B-A, B-C R), C (C-B R, C-D D), D (D-C D), E, F: R;
  // M (its only row W): unchanged U; N, O, Q: U.
  CHECK(db->single("SELECT string_agg(conflict_id || status_flag || "
                   "coalesce(to_char(resolve_date, ' DD'), ''), ',' ORDER BY conflict_id) "
                   "FROM {conflict}.conflicts") ==
        "1R 16,2R 16,3R 16,4R 16,5R 16,6R 16,7U,8U,9U,10U");
  CHECK(db->single("SELECT count(*) FROM {conflict}.conflictvisitmaps "
                   "WHERE update_flag IS NOT NULL") == "0");

  SECTION("a second run over unchanged data writes nothing") {
    const std::string before = db->digest();
    Json again = run(run_task_02(second));
    CHECK(again["updated_rows"] == 0);
    CHECK(again["conflicts_updated"] == 0);
    CHECK(db->digest() == before);
  }

  SECTION("a resolved pair that conflicts again reopens; resolve dates are kept") {
    db->exec("UPDATE {analytics}.visit SET is_missed = false WHERE visit_id = 'v-F'");
    Job third = db->job(at("2025-06-17T08:00:00Z"));
    run(run_task_02(third));
    auto again = map_rows(*db, "status_flag, resolve_date");
    CHECK(again["v-E|v-F"] == Cells{"U", "NULL"});
    CHECK(again["v-F|v-E"] == Cells{"U", "NULL"});
    CHECK(again["v-A|v-B"] == Cells{"R", now});  // still resolved, from the first day
    CHECK(again["v-C|v-D"] == Cells{"D", now});
    CHECK(db->single("SELECT status_flag || coalesce(resolve_date::text, '-') "
                     "FROM {conflict}.conflicts WHERE conflict_id = 5") == "U-");
  }
}

// Sessions on top of the example (docs/conflict-rules.md, "In-service and PTO pairs"):
//   S1 in-service of G1b (P2) 06-14 10:00-10:30: meets A (P1, ends at 10:00: touching counts);
//      B is at P2 (and S1 is its own record's); D starts 10:45 (after S1)
//   S2 in-service of G1c (P3) 06-14 10:20-10:40: C's own record, so C is skipped for
//      in-service and does not meet S1 either; B is skipped (its own S1)
//   S3 in-service of G4b (P2) 06-14 10:01-10:20: M ends at 10:00, one minute before
//   A1 absence of G2b (P2) 06-13 00:00 to 06-15 23:59, environment "env": meets E (P1, on
//      06-14); K is missed, O and R1 have no actuals, F and L are at P2
//   A2 absence of G5b at P5 (inactive) 06-14: its provider is not eligible
void load_sessions(Database& db) {
  db.exec("INSERT INTO {analytics}.inservice (inservice_id, environment, caregiver_id, "
          "provider_id, office_id, start_ts, end_ts) VALUES "
          "('S1', '', 'G1b', 'P2', 'O2', '2025-06-14 10:00', '2025-06-14 10:30'), "
          "('S2', '', 'G1c', 'P3', NULL, '2025-06-14 10:20', '2025-06-14 10:40'), "
          "('S3', '', 'G4b', 'P2', NULL, '2025-06-14 10:01', '2025-06-14 10:20')");
  db.exec("INSERT INTO {analytics}.absence (vacation_id, environment, caregiver_id, "
          "provider_id, office_id, start_ts, end_ts) VALUES "
          "('A1', 'env', 'G2b', 'P2', NULL, '2025-06-13 00:00', '2025-06-15 23:59'), "
          "('A2', '', 'G5b', 'P5', NULL, '2025-06-14 00:00', '2025-06-14 23:59')");
}

TEST_CASE("in-service and PTO meetings are inserted both ways, refreshed, resolved, reopened") {
  auto db = database("ses");
  SKIP_WITHOUT_DATABASE(db);
  load_example(*db);
  load_sessions(*db);
  Job first = db->job(kToday);
  Json result = run(run_task_03(first));
  CHECK(result["session_meetings"] == 2);
  CHECK(result["session_rows_inserted"] == 4);
  CHECK(result["inserted_rows"] == 16);

  const std::string kSessionColumns =
      "visit_date, provider_id, provider_name, caregiver_id, office_id, in_service_flag, "
      "pto_flag, inservice_start, inservice_end, pto_start, pto_end, con_provider_id, "
      "con_app_caregiver_id, con_office_id, con_inservice_start, con_inservice_end, "
      "con_pto_start, con_pto_end, con_visit_start, status_flag";
  auto rows = map_rows(*db, kSessionColumns);
  CHECK(rows.size() == 16);
  CHECK(rows["v-A|inservice:S1"] ==
        Cells{"2025-06-14", "P1", "Agency One", "G1a", "NULL", "Y", "N", "NULL", "NULL", "NULL",
              "NULL", "P2", "AG1b", "O2", "2025-06-14 10:00:00", "2025-06-14 10:30:00", "NULL",
              "NULL", "NULL", "U"});
  CHECK(rows["inservice:S1|v-A"] ==
        Cells{"2025-06-14", "P2", "Agency Two", "G1b", "O2", "Y", "N", "2025-06-14 10:00:00",
              "2025-06-14 10:30:00", "NULL", "NULL", "P1", "AG1a", "NULL", "NULL", "NULL",
              "NULL", "NULL", "2025-06-14 09:00:00", "U"});
  CHECK(rows["v-E|pto:A1@env"] ==
        Cells{"2025-06-14", "P1", "Agency One", "G2a", "NULL", "N", "Y", "NULL", "NULL", "NULL",
              "NULL", "P2", "AG2b", "NULL", "NULL", "NULL", "2025-06-13 00:00:00",
              "2025-06-15 23:59:00", "NULL", "U"});
  CHECK(rows["pto:A1@env|v-E"] ==
        Cells{"2025-06-13", "P2", "Agency Two", "G2b", "NULL", "N", "Y", "NULL", "NULL",
              "2025-06-13 00:00:00", "2025-06-15 23:59:00", "P1", "AG2a", "NULL", "NULL",
              "NULL", "NULL", "NULL", "2025-06-14 13:00:00", "U"});

  // ConflictIDs are numbered in id order, the sessions' ("inservice:…", "pto:…") first; a
  // visit has one ConflictID for all its rows. The sessions join their visits' groups.
  auto ids = map_rows(*db, "conflict_id, group_id, same_visit_time_flag, minute_diff, lat");
  CHECK(ids["inservice:S1|v-A"] == Cells{"1", "1", "N", "NULL", "NULL"});
  CHECK(ids["pto:A1@env|v-E"] == Cells{"2", "2", "N", "NULL", "NULL"});
  CHECK(ids["v-A|inservice:S1"] == Cells{"3", "1", "N", "NULL", "NULL"});
  CHECK(ids["v-A|v-B"] == Cells{"3", "1", "N", "0", "NULL"});
  CHECK(ids["v-E|pto:A1@env"] == Cells{"7", "2", "N", "NULL", "NULL"});
  CHECK(db->single("SELECT count(*) FROM {conflict}.conflicts") == "12");

  SECTION("a second task_03 and a task_02 over unchanged data write nothing") {
    const std::string before = db->digest();
    CHECK(run(run_task_03(first))["inserted_rows"] == 0);
    Json refreshed = run(run_task_02(first));
    CHECK(refreshed["rows_marked"] == 16);
    CHECK(refreshed["rows_redetected"] == 16);
    CHECK(refreshed["updated_rows"] == 0);
    CHECK(db->digest() == before);
  }

  SECTION("a session id listed in deleted_visit closes its rows, as db check expects") {
    db->exec("INSERT INTO {analytics}.deleted_visit VALUES ('pto:A1@env')");
    Job next = db->job(kTomorrow);
    run(run_task_02(next));
    auto closed = map_rows(*db, "status_flag");
    CHECK(closed["v-E|pto:A1@env"] == Cells{"D"});
    CHECK(closed["pto:A1@env|v-E"] == Cells{"D"});
    CheckOptions exact;
    exact.decimal_tolerance = 0;
    auto report = check_conflicts(db->session(), db->schemas(), utc_date(kTomorrow), exact);
    REQUIRE(report);
    CHECK(report->difference_count == 0);
  }

  SECTION("task_02 follows the source: new times, a missed visit, a removed session") {
    db->exec("UPDATE {analytics}.inservice SET start_ts = '2025-06-14 09:50' "
             "WHERE inservice_id = 'S1'");
    db->exec("UPDATE {analytics}.visit SET is_missed = true WHERE visit_id = 'v-E'");
    Job second = db->job(kTomorrow);
    run(run_task_02(second));
    const std::string now = "2025-06-16 08:00:00";
    auto day2 = map_rows(*db, "status_flag, resolve_date, updated_at, con_inservice_start");
    CHECK(day2["v-A|inservice:S1"] == Cells{"U", "NULL", now, "2025-06-14 09:50:00"});
    CHECK(day2["v-E|pto:A1@env"] == Cells{"R", now, now, "NULL"});
    CHECK(day2["pto:A1@env|v-E"] == Cells{"R", now, now, "NULL"});
    // The absence's conflict has only R rows now, and so has E's (E-F: E is missed).
    CHECK(db->single("SELECT string_agg(status_flag, '' ORDER BY conflict_id) "
                     "FROM {conflict}.conflicts WHERE conflict_id IN (2, 7)") == "RR");

    db->exec("UPDATE {analytics}.visit SET is_missed = false WHERE visit_id = 'v-E'");
    db->exec("DELETE FROM {analytics}.inservice WHERE inservice_id = 'S1'");
    db->exec("INSERT INTO {analytics}.deleted_visit VALUES ('v-A')");
    Job third = db->job(at("2025-06-17T08:00:00Z"));
    run(run_task_02(third));
    auto day3 = map_rows(*db, "status_flag, resolve_date");
    CHECK(day3["v-E|pto:A1@env"] == Cells{"U", "NULL"});  // reopened
    CHECK(day3["pto:A1@env|v-E"] == Cells{"U", "NULL"});
    CHECK(day3["v-A|inservice:S1"] == Cells{"D", "2025-06-17 08:00:00"});  // gone, A deleted
    CHECK(day3["inservice:S1|v-A"] == Cells{"D", "2025-06-17 08:00:00"});
  }
}

TEST_CASE("task_01 copies the window's rows, refreshes reminders and marks the run") {
  auto db = database("t01");
  SKIP_WITHOUT_DATABASE(db);
  load_example(*db);
  Job job = db->job(kToday);
  run(run_task_03(job));
  db->exec("UPDATE {conflict}.conflicts SET status_flag = 'N' WHERE conflict_id = 1");
  Json result = run(run_task_01(job));
  CHECK(result["status"] == "success");
  CHECK(result["reminders_inserted"] == 2);
  CHECK(result["snapshot_rows"] == 12);
  CHECK(result["settings_updated"] == 1);
  CHECK(result["affected_rows"] == 15);
  CHECK(db->single("SELECT in_progress_flag FROM {conflict}.settings") == "1");
  CHECK(db->single("SELECT status_flag || con_status_flag FROM {conflict}.conflictvisitmaps_temp "
                   "WHERE visit_id = 'v-A'") == "NU");
  CHECK(db->single("SELECT string_agg(payer_id || provider_id || ':' || contract || '/' || "
                   "provider_name, ',' ORDER BY payer_id) FROM "
                   "{conflict}.payer_provider_reminders") ==
        "Y1P1:Payer One/Agency One,Y2P2:Payer Off/Agency Two");

  db->exec("UPDATE {analytics}.payer SET name = 'Payer Uno' WHERE payer_id = 'Y1'");
  Json again = run(run_task_01(job));
  CHECK(again["reminders_inserted"] == 0);
  CHECK(again["reminders_refreshed"] == 1);
  CHECK(db->single("SELECT contract FROM {conflict}.payer_provider_reminders "
                   "WHERE payer_id = 'Y1'") == "Payer Uno");
  CHECK(db->single("SELECT count(*) FROM {conflict}.conflictvisitmaps_temp") == "12");
}

TEST_CASE("a second task against the same schema is refused at once with Database.Busy") {
  auto db = database("busy");
  SKIP_WITHOUT_DATABASE(db);
  load_example(*db);
  auto other = db::connect(db->settings());
  REQUIRE(other);
  db::Session& holder = **other;
  auto pid = holder.query("SELECT pg_backend_pid()");
  REQUIRE(pid);
  const std::string holder_pid = pid->at(0, 0).value_or("?");
  REQUIRE(holder.query("BEGIN"));
  REQUIRE(take_run_lock(holder, db->schemas(), RunLockMode::kExclusive));

  Job job = db->job(kToday);
  auto refused = run_task_02(job);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().name == "Database.Busy");
  CHECK(refused.error().cause == "another conflictctl task is running against schema \"" +
                                     db->schemas().conflict + "\" (backend PID " + holder_pid +
                                     ")");
  CHECK_FALSE(run_task_03(job));
  CHECK_FALSE(get_task02_chunks(job));
  CHECK_FALSE(process_task02_chunk(job, Json::parse(R"({"buckets":[0,4095],"of":4096})")));
  REQUIRE(holder.query("ROLLBACK"));
  CHECK(run_task_03(job));

  SECTION("chunks run side by side, but never the same chunk twice, nor beside task_02") {
    REQUIRE(holder.query("BEGIN"));
    REQUIRE(take_run_lock(holder, db->schemas(), RunLockMode::kShared));
    REQUIRE(take_chunk_lock(holder, db->schemas(), 0, 2047));
    auto same = process_task02_chunk(job, Json::parse(R"({"buckets":[0,2047],"of":4096})"));
    REQUIRE_FALSE(same);
    CHECK(same.error().name == "Database.Busy");
    CHECK_THAT(same.error().cause, Catch::Contains("SSN buckets 0 to 2047"));
    CHECK(process_task02_chunk(job, Json::parse(R"({"buckets":[2048,4095],"of":4096})")));
    CHECK_FALSE(run_task_02(job));
    REQUIRE(holder.query("ROLLBACK"));
  }
}

namespace {

// A session that fails the first statement containing `marker`, or cancels it from the
// server side (statement_timeout) — everything else goes to the real session.
class FaultySession final : public db::Session {
 public:
  FaultySession(db::Session& real, std::string marker, bool cancel)
      : real_(real), marker_(std::move(marker)), cancel_(cancel) {}
  Result<db::Rows> query(std::string_view sql, const db::Params& params) override {
    if (!fired_ && sql.find(marker_) != std::string_view::npos) {
      fired_ = true;
      if (!cancel_) return Error{"Database.QueryFailed", "SQLSTATE XX000: injected"};
      if (auto set = real_.query("SET LOCAL statement_timeout = 1"); !set) return set.error();
      return real_.query("SELECT pg_sleep(1)");
    }
    return real_.query(sql, params);
  }
  Result<void> execute_script(std::string_view sql) override { return real_.execute_script(sql); }
  Result<std::int64_t> copy_in(std::string_view table, const std::vector<std::string>& columns,
                               const db::RowSource& rows) override {
    return real_.copy_in(table, columns, rows);
  }
  void cancel() override { real_.cancel(); }
  bool healthy() const override { return real_.healthy(); }

 private:
  db::Session& real_;
  std::string marker_;
  bool cancel_;
  bool fired_ = false;
};

}  // namespace

TEST_CASE("a task that fails or is cancelled half-way leaves nothing written") {
  auto db = database("fault");
  SKIP_WITHOUT_DATABASE(db);
  load_example(*db);
  NullLogger log;

  SECTION("task_03 failing after its insert") {
    FaultySession faulty(db->session(), "recorded_at, created_date", false);
    Job job{faulty, db->schemas(), kToday, log};
    auto failed = run_task_03(job);
    REQUIRE_FALSE(failed);
    CHECK(failed.error().name == "Database.QueryFailed");
    CHECK_THAT(failed.error().cause, Catch::StartsWith("step new_conflicts: "));
    CHECK(db->single("SELECT count(*) FROM {conflict}.conflictvisitmaps") == "0");
    CHECK(db->single("SELECT count(*) FROM {conflict}.conflicts") == "0");
  }

  SECTION("task_02 cancelled after its refresh") {
    Job job = db->job(kToday);
    run(run_task_03(job));
    db->exec("UPDATE {analytics}.visit SET visit_start = '2025-06-14 08:00', "
             "visit_end = '2025-06-14 08:50' WHERE visit_id = 'v-B'");
    db->exec("UPDATE {analytics}.provider SET name = 'Renamed' WHERE provider_id = 'P2'");
    const std::string before = db->digest();
    FaultySession faulty(db->session(), "SET status_flag = r.status_flag", true);  // roll-up
    Job cancelled{faulty, db->schemas(), kTomorrow, log};
    auto failed = run_task_02(cancelled);
    REQUIRE_FALSE(failed);
    CHECK(failed.error().name == "Database.Canceled");
    CHECK(db->digest() == before);
  }
}

namespace {

// Seeds `visits` visits (the same data for the same arguments) and runs task_03 on them.
void seed_and_insert(Database& db, std::int64_t visits) {
  SeedOptions options;
  options.visits = visits;
  options.seed = 11;
  options.today = utc_date(kToday);
  auto seeded = seed_database(db.session(), db.schemas(), options);
  if (!seeded) FAIL(seeded.error());
  Job job = db.job(kToday);
  run(run_task_03(job));
}

// Changes the source as a day would: moves some visits, deletes some, misses some.
void a_day_passes(Database& db) {
  db.exec("UPDATE {analytics}.visit SET visit_start = visit_start + interval '3 hours', "
          "visit_end = visit_end + interval '3 hours' "
          "WHERE visit_id IN (SELECT visit_id FROM {conflict}.conflictvisitmaps "
          "                   ORDER BY visit_id LIMIT 40)");
  db.exec("INSERT INTO {analytics}.deleted_visit SELECT visit_id FROM {analytics}.visit "
          "WHERE visit_id IN (SELECT con_visit_id FROM {conflict}.conflictvisitmaps "
          "                   ORDER BY con_visit_id DESC LIMIT 10) ON CONFLICT DO NOTHING");
  db.exec("DELETE FROM {analytics}.visit WHERE visit_id IN "
          "(SELECT visit_id FROM {analytics}.deleted_visit)");
  db.exec("UPDATE {analytics}.visit SET is_missed = true WHERE visit_id IN "
          "(SELECT visit_id FROM {conflict}.conflictvisitmaps ORDER BY md5(visit_id) LIMIT 10)");
  // In-service and PTO meetings: some sessions end, some absences shrink to their first day.
  db.exec("DELETE FROM {analytics}.inservice WHERE inservice_id IN (SELECT inservice_id "
          "FROM {analytics}.inservice ORDER BY md5(inservice_id) LIMIT 5)");
  db.exec("UPDATE {analytics}.absence SET end_ts = start_ts WHERE vacation_id IN (SELECT "
          "vacation_id FROM {analytics}.absence ORDER BY md5(vacation_id) LIMIT 20)");
}

void check_against_rules(Database& db, Date today) {
  CheckOptions exact;
  exact.decimal_tolerance = 0;  // the SQL rounds exactly as rules.cc does
  auto report = check_conflicts(db.session(), db.schemas(), today, exact);
  if (!report) FAIL(report.error());
  for (const Difference& difference : report->differences)
    UNSCOPED_INFO(difference.visit_id << " " << difference.con_visit_id << " "
                                      << kind_name(difference.kind) << " " << difference.field
                                      << ": expected " << difference.expected << ", got "
                                      << difference.actual << " (" << difference.detail << ")");
  CHECK(report->difference_count == 0);
  CHECK(report->counts.insert_conflicts > 0);
}

}  // namespace

TEST_CASE("on seeded data the tasks agree with the independent C++ checker") {
  auto db = database("agree");
  SKIP_WITHOUT_DATABASE(db);
  // CONFLICTCTL_AGREE_VISITS: a bigger data set for a longer run (default 20,000).
  const char* visits = std::getenv("CONFLICTCTL_AGREE_VISITS");
  seed_and_insert(*db, visits ? std::atoll(visits) : 20000);
  check_against_rules(*db, utc_date(kToday));

  a_day_passes(*db);
  Job job = db->job(kTomorrow);
  run(run_task_02(job));
  run(run_task_03(job));
  check_against_rules(*db, utc_date(kTomorrow));
}

TEST_CASE("task_02 in chunks leaves the tables exactly as one task_02 run") {
  auto sequential = database("seq");
  SKIP_WITHOUT_DATABASE(sequential);
  auto chunked = database("chunk");
  for (Database* db : {sequential.get(), chunked.get()}) {
    seed_and_insert(*db, 8000);
    a_day_passes(*db);
  }
  REQUIRE(sequential->digest() == chunked->digest());

  Job job = sequential->job(kTomorrow);
  Json one = run(run_task_02(job));
  CHECK(one["rows_refreshed"].get<int>() > 0);
  CHECK(one["rows_resolved"].get<int>() > 0);

  Job chunk_job = chunked->job(kTomorrow);
  ChunkConfig config;
  config.max_size = 60;
  Json plan = run(plan_task02_chunks(chunk_job, config));
  CHECK(plan["status"] == "success");
  CHECK(plan["total_rows"] == one["rows_marked"]);
  REQUIRE(plan["num_chunks"].get<int>() > 3);
  REQUIRE(plan["chunk_ids"].size() == plan["num_chunks"].get<std::size_t>());
  CHECK(plan["chunk_ids"][0]["buckets"][0] == 0);
  CHECK(plan["chunk_ids"].back()["buckets"][1] == 4095);

  std::int64_t marked = 0, updated = 0;
  const Json& ids = plan["chunk_ids"];
  for (auto it = ids.rbegin(); it != ids.rend(); ++it) {  // any order
    Json done = run(process_task02_chunk(chunk_job, *it));
    CHECK(done["chunk_id"] == *it);
    CHECK(done["rows_marked"] == (*it)["rows"]);
    CHECK(done["estimated_rows"] == (*it)["rows"]);
    CHECK(done.contains("throughput_rows_per_sec"));
    marked += done["rows_marked"].get<std::int64_t>();
    updated += done["rows_updated"].get<std::int64_t>();
  }
  CHECK(marked == one["rows_marked"].get<std::int64_t>());
  CHECK(updated == one["updated_rows"].get<std::int64_t>());
  CHECK(chunked->digest() == sequential->digest());

  SECTION("a chunk run again changes nothing") {
    Json again = run(process_task02_chunk(chunk_job, ids[1]));
    CHECK(again["rows_updated"] == 0);
    CHECK(chunked->digest() == sequential->digest());
  }
}

TEST_CASE("get_task02_chunks on an empty map plans no chunks") {
  auto db = database("nochunk");
  SKIP_WITHOUT_DATABASE(db);
  Job job = db->job(kToday);
  Json plan = run(get_task02_chunks(job));
  CHECK(plan["total_rows"] == 0);
  CHECK(plan["num_chunks"] == 0);
  CHECK(plan["chunk_ids"] == Json::array());
  CHECK(plan["config"] == Json::parse(R"({"target_size":10000,"max_size":15000,"max_concurrency":5})"));
}

// Not run by default ([.perf]): CONFLICTCTL_PERF_VISITS=1000000 conflict_tests "[perf]" -s
// seeds that many visits and prints each task's result (steps with rows and seconds).
TEST_CASE("the whole pipeline on a seeded data set, timed", "[.perf][perf]") {
  const char* visits = std::getenv("CONFLICTCTL_PERF_VISITS");
  auto db = database("perf");
  SKIP_WITHOUT_DATABASE(db);
  SeedOptions options;
  options.visits = visits ? std::atoll(visits) : 100000;
  options.seed = 1;
  options.today = utc_date(kToday);
  auto seeded = seed_database(db->session(), db->schemas(), options);
  if (!seeded) FAIL(seeded.error());
  Job job = db->job(kToday);
  WARN("task_01 " << run(run_task_01(job)).dump());
  WARN("task_02 " << run(run_task_02(job)).dump());
  WARN("task_03 " << run(run_task_03(job)).dump());
  a_day_passes(*db);
  Job next = db->job(kTomorrow);
  WARN("task_01 " << run(run_task_01(next)).dump());
  WARN("task_02 " << run(run_task_02(next)).dump());
  WARN("task_03 " << run(run_task_03(next)).dump());
  WARN("task_02 again " << run(run_task_02(next)).dump());
  a_day_passes(*db);
  Job third = db->job(at("2025-06-17T08:00:00Z"));
  Json plan = run(get_task02_chunks(third));
  WARN("chunks " << plan.dump());
  for (const Json& chunk : plan["chunk_ids"])
    WARN("chunk " << run(process_task02_chunk(third, chunk)).dump());
}


// Rule 7 reads the patient's newest primary address whose type contains "GPS", case-sensitive
// as the source system's LIKE '%GPS%' (docs/conflict-rules.md#places). An independent
// evaluation disagreed with the case-insensitive match on exactly these pairs.
TEST_CASE("rule 7: a lower-case 'gps' address type no longer counts, ties go to the greatest id") {
  auto db = database("gpscase");
  SKIP_WITHOUT_DATABASE(db);
  db->exec("UPDATE {conflict}.settings SET extra_distance_per = 1.20");
  db->exec("INSERT INTO {conflict}.mph (type, from_miles, to_miles, avg_mph) VALUES "
           "('walk', 0, 5, 10), ('town', 6, 15, 20), ('road', 16, 100, 30)");
  db->exec("INSERT INTO {analytics}.provider (provider_id, app_provider_id, name, is_active, "
           "is_demo) VALUES ('P1', 'AP1', 'Agency One', true, false), "
           "('P2', 'AP2', 'Agency Two', true, false)");
  db->exec("INSERT INTO {analytics}.caregiver (caregiver_id, app_caregiver_id, provider_id, ssn) "
           "VALUES ('G1', 'AG1', 'P1', '888'), ('G2', 'AG2', 'P2', '888')");
  // No GPS on either visit: both fall back to their patient's address. 30 minutes apart.
  db->exec("INSERT INTO {analytics}.visit (visit_id, app_visit_id, visit_date, provider_id, "
           "app_provider_id, caregiver_id, app_caregiver_id, provider_patient_id, sch_start, "
           "sch_end, visit_start, visit_end) VALUES "
           "('v-1', 'a-1', '2025-06-14', 'P1', 'AP1', 'G1', 'AG1', 'PP1', '2025-06-14 09:00', "
           "'2025-06-14 10:00', '2025-06-14 09:00', '2025-06-14 10:00'), "
           "('v-2', 'a-2', '2025-06-14', 'P2', 'AP2', 'G2', 'AG2', 'PP2', '2025-06-14 10:30', "
           "'2025-06-14 11:30', '2025-06-14 10:30', '2025-06-14 11:30')");
  // PP1: two "GPS" addresses with the same created_at: the greater id (a1b, Manhattan) wins.
  // PP2: an older "GPS" address in Brooklyn and a newer primary one typed "gps" in Manhattan,
  // in PP1's zip. Case-insensitive, PP2 would be in Manhattan and the pair would not conflict.
  db->exec("INSERT INTO {analytics}.patient_address (address_id, patient_id, lat, lon, zip, "
           "county, is_primary, address_type, created_at) VALUES "
           "('a1a', 'PP1', 41.0, -75.0, '18000', 'Elsewhere', true, 'GPS', '2024-01-01'), "
           "('a1b', 'PP1', 40.7731179, -73.9859967, '10023', 'New York', true, 'GPS', "
           "'2024-01-01'), "
           "('a2a', 'PP2', 40.654140, -73.935455, '11203', 'Kings', true, 'Home GPS', "
           "'2024-01-01'), "
           "('a2b', 'PP2', 40.7731179, -73.9859967, '10023', 'New York', true, 'gps', "
           "'2024-06-01')");
  Job job = db->job(kToday);
  Json result = run(run_task_03(job));
  CHECK(result["conflict_pairs"] == 1);
  auto rows = map_rows(*db, "distance_flag, distance_miles, avg_mph, eta_minutes, minute_diff, "
                            "zip, con_zip, lat, con_lat");
  CHECK(rows == std::map<std::string, Cells>{
                    {"v-1|v-2", {"Y", "10.36", "20", "31.08", "30", "10023", "11203",
                                 "40.77311790", "40.65414000"}},
                    {"v-2|v-1", {"Y", "10.36", "20", "31.08", "30", "11203", "10023",
                                 "40.65414000", "40.77311790"}},
                });
  // db check evaluates the same Decision: no difference.
  auto report = check_conflicts(db->session(), db->schemas(), utc_date(kToday));
  if (!report) FAIL(report.error());
  CHECK(report->difference_count == 0);
  CHECK(report->counts.insert_conflicts == 1);

  SECTION("once the newer address is typed 'GPS' it counts, and the pair no longer conflicts") {
    db->exec("UPDATE {analytics}.patient_address SET address_type = 'GPS' "
             "WHERE address_id = 'a2b'");
    CHECK(run(run_task_02(job))["status"] == "success");
    CHECK(map_rows(*db, "status_flag") ==
          std::map<std::string, Cells>{{"v-1|v-2", {"R"}}, {"v-2|v-1", {"R"}}});
    auto again = check_conflicts(db->session(), db->schemas(), utc_date(kToday));
    if (!again) FAIL(again.error());
    CHECK(again->difference_count == 0);
  }
}

}  // namespace conflictctl::conflict

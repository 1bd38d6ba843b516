// `seed_database` against a real PostgreSQL (skipped without CONFLICTCTL_TEST_DATABASE_URL):
// row counts, a few facts a user would check with SQL, and that seeding twice gives the same
// content.
#include <catch2/catch.hpp>

#include "conflict/seed.h"
#include "core/clock.h"
#include "db/postgres.h"
#include "db/schema.h"
#include "db/test_database.h"

namespace conflictctl::conflict {
namespace {

std::string single(db::Session& session, const std::string& sql, const db::Params& params = {}) {
  auto rows = session.query(sql, params);
  INFO(sql);
  REQUIRE(rows);
  REQUIRE(rows->size() == 1);
  return rows->at(0, 0).value_or("NULL");
}

// md5 of every row of every seeded table, in a fixed order.
std::string content_digest(db::Session& session, const db::Schemas& schemas) {
  std::string digests;
  for (const char* table :
       {"{analytics}.provider", "{analytics}.caregiver", "{analytics}.payer",
        "{analytics}.contract", "{analytics}.office", "{analytics}.patient_address",
        "{analytics}.service_code", "{analytics}.payer_provider", "{analytics}.deleted_visit",
        "{analytics}.inservice", "{analytics}.absence", "{analytics}.visit", "{conflict}.settings",
        "{conflict}.mph", "{conflict}.excluded_agency", "{conflict}.excluded_ssn"})
    digests += single(session, db::render(std::string("SELECT md5(coalesce(string_agg(t::text, "
                                                      "'|' ORDER BY t::text), '')) FROM ") +
                                              table + " t",
                                          schemas)) +
               " ";
  return digests;
}

}  // namespace

TEST_CASE(
    "seed_database on PostgreSQL: 20,000 visits, the facts hold, a second seed is identical") {
  REQUIRE_TEST_DATABASE(settings);
  db::testing::ScratchSchemas scratch(*settings, "seed");
  const db::Schemas& schemas = scratch.schemas();
  auto connected = db::connect(scratch.settings());
  REQUIRE(connected);
  db::Session& session = **connected;
  REQUIRE(db::migrate(session, schemas, SystemClock().now()));
  // Something for the seed to empty.
  REQUIRE(
      session.query(db::render("INSERT INTO {conflict}.conflicts (conflict_id, created_date) "
                               "VALUES (1, '2025-01-01')",
                               schemas)));

  SeedOptions options;
  options.visits = 20000;
  options.seed = 7;
  options.today = *parse_date("2025-06-15");
  SeedOptions careful = options;
  auto refused = seed_database(session, schemas, careful);  // not forced: the conflicts row
  REQUIRE_FALSE(refused);
  CHECK(refused.error().name == "Seed.DatabaseNotEmpty");
  CHECK(single(session, db::render("SELECT count(*) FROM {conflict}.conflicts", schemas)) == "1");
  options.force = true;
  auto report = seed_database(session, schemas, options);
  REQUIRE(report);

  {  // row counts are those reported
    for (const auto& table : report->tables) {
      INFO(table.table);
      auto dot = table.table.find('.');
      CHECK(std::stoll(single(session, "SELECT count(*) FROM " +
                                           db::quote_identifier(table.table.substr(0, dot)) + "." +
                                           db::quote_identifier(table.table.substr(dot + 1)))) ==
            table.rows);
    }
    CHECK(single(session, db::render("SELECT count(*) FROM {analytics}.visit", schemas)) ==
          "20000");
    CHECK(single(session, db::render("SELECT count(*) FROM {conflict}.conflicts", schemas)) == "0");
    CHECK(single(session, db::render("SELECT count(*) FROM {conflict}.schema_version", schemas)) ==
          std::to_string(db::kSchemaVersion));
  }

  {  // the data has the shape of the domain
    // Persons with visits at two or more agencies on one day.
    CHECK(std::stoll(single(session, db::render(R"(
        SELECT count(*) FROM (
          SELECT btrim(c.ssn), v.visit_date FROM {analytics}.visit v
          JOIN {analytics}.caregiver c USING (caregiver_id)
          WHERE btrim(c.ssn) <> ''
          GROUP BY 1, 2 HAVING count(DISTINCT v.provider_id) >= 2) g)",
                                                schemas))) > 100);
    CHECK(single(session,
                 db::render("SELECT count(*) FROM {analytics}.visit WHERE visit_date < $1::date "
                            "OR visit_date > $2::date",
                            schemas),
                 {"2023-06-15", "2025-07-30"}) == "0");
    CHECK(single(session,
                 db::render("SELECT count(*) FROM {analytics}.visit WHERE visit_date >= $1::date "
                            "AND (visit_start IS NOT NULL OR visit_end IS NOT NULL)",
                            schemas),
                 {"2025-06-15"}) == "0");
    CHECK(single(session, db::render("SELECT count(*) || ' ' || min(extra_distance_per) "
                                     "FROM {conflict}.settings",
                                     schemas)) == "1 1.20");
    // Bands without gaps, speed rising.
    CHECK(single(session, db::render(R"(
        SELECT count(*) FROM (
          SELECT from_miles, avg_mph, lag(to_miles) OVER w AS prev_to, lag(avg_mph) OVER w AS prev_mph
          FROM {conflict}.mph WINDOW w AS (ORDER BY from_miles)) b
        WHERE prev_to IS NOT NULL AND (from_miles <> prev_to + 1 OR avg_mph <= prev_mph))",
                                     schemas)) == "0");
    CHECK(single(session, db::render("SELECT min(from_miles) FROM {conflict}.mph", schemas)) ==
          "0");
    // Deleted visits are not in the fact table.
    CHECK(single(session, db::render("SELECT count(*) FROM {analytics}.deleted_visit d JOIN "
                                     "{analytics}.visit v USING (visit_id)",
                                     schemas)) == "0");
    // The visit table's indexes were rebuilt.
    CHECK(single(session,
                 "SELECT count(*) FROM pg_indexes WHERE schemaname = $1 AND tablename = 'visit'",
                 {schemas.analytics}) == "3");
    // GPS texts in their forms.
    CHECK(std::stoll(single(session, db::render("SELECT count(*) FROM {analytics}.visit WHERE "
                                                "gps_in LIKE '\"%'",
                                                schemas))) > 0);
    CHECK(std::stoll(single(session, db::render("SELECT count(*) FROM {analytics}.visit WHERE "
                                                "gps_out = ','",
                                                schemas))) > 0);
  }

  {  // seeding again gives the same content; another seed does not
    const std::string first = content_digest(session, schemas);
    auto again = seed_database(session, schemas, options);
    REQUIRE(again);
    CHECK(content_digest(session, schemas) == first);
    CHECK(single(session, db::render("SELECT count(*) FROM {analytics}.visit", schemas)) ==
          "20000");
    options.seed = 8;
    REQUIRE(seed_database(session, schemas, options));
    CHECK(content_digest(session, schemas) != first);
  }
}

TEST_CASE("seed_database on PostgreSQL: refuses a database without the schema") {
  REQUIRE_TEST_DATABASE(settings);
  db::testing::ScratchSchemas scratch(*settings, "seed_none");
  auto connected = db::connect(scratch.settings());
  REQUIRE(connected);
  SeedOptions options;
  options.visits = 10;
  options.today = *parse_date("2025-06-15");
  auto report = seed_database(**connected, scratch.schemas(), options);
  REQUIRE_FALSE(report);
  CHECK(report.error().name == "Database.SchemaMismatch");
}

}  // namespace conflictctl::conflict

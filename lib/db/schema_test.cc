#include "db/schema.h"

#include <catch2/catch.hpp>

#include <future>

#include "db/test_database.h"

using namespace conflictctl;
using namespace conflictctl::db;

namespace {

using testing::connected;

// Schema names that need quoting, unique per call.
Schemas odd_schemas() {
  Schemas unique = testing::unique_schemas("odd");
  return Schemas{"Conf \"lict " + unique.conflict, "ana.lytics " + unique.analytics};
}

const Timestamp kNow = *parse_timestamp("2024-05-06T07:08:09.123Z");

}  // namespace

TEST_CASE("schema: kSchemaVersion is the highest migration in sql/migrations") {
  auto all = migrations();
  REQUIRE_FALSE(all.empty());
  CHECK(all.back().version == kSchemaVersion);
  CHECK(all.front().version == 1);
  CHECK(all.front().description == "init");
  for (std::size_t i = 1; i < all.size(); ++i) CHECK(all[i].version == all[i - 1].version + 1);
}

TEST_CASE("schema: migrate applies 0001 once, also with schema names that need quoting") {
  REQUIRE_TEST_DATABASE(settings);
  testing::ScratchSchemas scratch(*settings, odd_schemas());
  auto session = connected(scratch.settings());
  const Schemas& schemas = scratch.schemas();

  CHECK(schema_version(*session, schemas).value() == 0);
  auto first = migrate(*session, schemas, kNow);
  REQUIRE(first.ok());
  CHECK(first->from_version == 0);
  CHECK(first->to_version == kSchemaVersion);
  REQUIRE(first->applied.size() == static_cast<std::size_t>(kSchemaVersion));
  CHECK(first->applied[0].description == "init");

  auto second = migrate(*session, schemas, kNow);
  REQUIRE(second.ok());
  CHECK(second->from_version == kSchemaVersion);
  CHECK(second->to_version == kSchemaVersion);
  CHECK(second->applied.empty());

  CHECK(schema_version(*session, schemas).value() == kSchemaVersion);
  CHECK(require_current_schema(*session, schemas).ok());
  auto recorded = session->query(
      render("SELECT version::text, description, applied_at::text FROM {conflict}.schema_version "
             "ORDER BY version",
             schemas));
  REQUIRE(recorded.ok());
  REQUIRE(recorded->size() == static_cast<std::size_t>(kSchemaVersion));
  CHECK(recorded->at(0, 1) == Param("init"));
  CHECK(recorded->at(0, 2) == Param("2024-05-06 07:08:09.123"));
  // The database is usable at once: the settings row exists with its defaults.
  auto settings_row = session->query(
      render("SELECT id::text, extra_distance_per::text FROM {conflict}.settings", schemas));
  REQUIRE(settings_row.ok());
  REQUIRE(settings_row->size() == 1);
  CHECK(settings_row->at(0, 1) == Param("1.00"));
  auto visits = session->query(render("SELECT count(*) FROM {analytics}.visit", schemas));
  CHECK(visits.ok());
}

TEST_CASE("schema: a database at version 1 gets migration 0002 alone, and is then current") {
  REQUIRE_TEST_DATABASE(settings);
  testing::ScratchSchemas scratch(*settings, "upgrade");
  auto session = connected(scratch.settings());
  const Schemas& schemas = scratch.schemas();
  REQUIRE(migrate(*session, schemas, kNow).ok());
  // Back to what a version-1 `db init` left: no views, version 1 recorded.
  REQUIRE(session
              ->execute_script(render("DROP VIEW {conflict}.eligible_provider, "
                                      "{conflict}.eligible_caregiver; "
                                      "DELETE FROM {conflict}.schema_version WHERE version > 1",
                                      schemas))
              .ok());
  CHECK(schema_version(*session, schemas).value() == 1);
  CHECK_FALSE(require_current_schema(*session, schemas).ok());

  auto upgraded = migrate(*session, schemas, kNow);
  REQUIRE(upgraded.ok());
  CHECK(upgraded->from_version == 1);
  CHECK(upgraded->to_version == 2);
  REQUIRE(upgraded->applied.size() == 1);
  CHECK(upgraded->applied[0].description == "eligibility_views");
  CHECK(require_current_schema(*session, schemas).ok());
  CHECK(session->query(render("SELECT count(*) FROM {conflict}.eligible_provider", schemas)).ok());
  CHECK(session->query(render("SELECT count(*) FROM {conflict}.eligible_caregiver", schemas)).ok());
}

TEST_CASE("schema: the eligibility views list exactly the providers and caregivers that can pair") {
  REQUIRE_TEST_DATABASE(settings);
  testing::ScratchSchemas scratch(*settings, "eligible");
  auto session = connected(scratch.settings());
  const Schemas& schemas = scratch.schemas();
  REQUIRE(migrate(*session, schemas, kNow).ok());
  REQUIRE(session
              ->execute_script(render(
                  "INSERT INTO {analytics}.provider (provider_id, app_provider_id, name, is_active, "
                  "is_demo) VALUES ('P1', 'A1', 'Fine', true, false), "
                  "('P2', 'A2', 'Inactive', false, false), ('P3', 'A3', 'Demo', true, true), "
                  "('P4', 'A4', 'Excluded by id', true, false), "
                  "('P5', 'A5', 'Excluded by app id', true, false); "
                  "INSERT INTO {conflict}.excluded_agency (provider_id, app_provider_id) "
                  "VALUES ('P4', NULL), (NULL, 'A5'); "
                  "INSERT INTO {analytics}.caregiver (caregiver_id, app_caregiver_id, ssn) VALUES "
                  "('C1', 'a1', ' 111-11-1111 '), ('C2', 'a2', '   '), ('C3', 'a3', NULL), "
                  "('C4', 'a4', '222-22-2222'), ('C5', 'a5', '333-33-3333'); "
                  "INSERT INTO {conflict}.excluded_ssn (ssn) VALUES (' 222-22-2222')",
                  schemas))
              .ok());
  auto providers = session->query(render(
      "SELECT string_agg(provider_id || ':' || name, ',' ORDER BY provider_id) "
      "FROM {conflict}.eligible_provider",
      schemas));
  REQUIRE(providers.ok());
  CHECK(providers->at(0, 0) == Param("P1:Fine"));
  auto caregivers = session->query(render(
      "SELECT string_agg(caregiver_id || '[' || ssn || ']', ',' ORDER BY caregiver_id), "
      "bool_and(ssn_hash = hashtextextended(ssn, 0))::text "
      "FROM {conflict}.eligible_caregiver",
      schemas));
  REQUIRE(caregivers.ok());
  CHECK(caregivers->at(0, 0) == Param("C1[111-11-1111],C5[333-33-3333]"));
  CHECK(caregivers->at(0, 1) == Param("true"));
}

TEST_CASE("schema: two concurrent migrations apply the schema once") {
  REQUIRE_TEST_DATABASE(settings);
  testing::ScratchSchemas scratch(*settings, "concurrent");
  auto a = connected(scratch.settings());
  auto b = connected(scratch.settings());
  auto first = std::async(std::launch::async, [&] { return migrate(*a, scratch.schemas(), kNow); });
  auto second = migrate(*b, scratch.schemas(), kNow);
  auto other = first.get();
  REQUIRE(second.ok());
  REQUIRE(other.ok());
  CHECK(second->applied.size() + other->applied.size() == static_cast<std::size_t>(kSchemaVersion));
}

TEST_CASE("schema: an empty schema does not pass require_current_schema") {
  REQUIRE_TEST_DATABASE(settings);
  testing::ScratchSchemas scratch(*settings, "empty");
  auto session = connected(scratch.settings());
  REQUIRE(session->execute_script("CREATE SCHEMA " + quote_identifier(scratch.schemas().conflict)).ok());
  auto checked = require_current_schema(*session, scratch.schemas());
  REQUIRE_FALSE(checked.ok());
  CHECK(checked.error() ==
        Error{"Database.SchemaMismatch",
              "schema \"" + scratch.schemas().conflict +
                  "\" is at version 0, this conflictctl needs " + std::to_string(kSchemaVersion) +
                  ": run `conflictctl db init`"});
}

TEST_CASE("schema: a database newer than the binary is refused") {
  REQUIRE_TEST_DATABASE(settings);
  testing::ScratchSchemas scratch(*settings, "newer");
  auto session = connected(scratch.settings());
  const Schemas& schemas = scratch.schemas();
  REQUIRE(migrate(*session, schemas, kNow).ok());
  REQUIRE(session->query(render("INSERT INTO {conflict}.schema_version VALUES ($1, 'future', now())",
                                schemas),
                         {std::to_string(kSchemaVersion + 1)})
              .ok());
  auto migrated = migrate(*session, schemas, kNow);
  REQUIRE_FALSE(migrated.ok());
  CHECK(migrated.error().name == "Database.SchemaMismatch");
  auto checked = require_current_schema(*session, schemas);
  REQUIRE_FALSE(checked.ok());
  CHECK(checked.error().cause == "schema \"" + schemas.conflict + "\" is at version " +
                                 std::to_string(kSchemaVersion + 1) +
                                 ", newer than this conflictctl knows (" +
                                 std::to_string(kSchemaVersion) + "): use a newer conflictctl");
}

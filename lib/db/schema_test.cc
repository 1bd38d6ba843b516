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
      render("SELECT version::text, description, applied_at::text FROM {conflict}.schema_version",
             schemas));
  REQUIRE(recorded.ok());
  REQUIRE(recorded->size() == 1);
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

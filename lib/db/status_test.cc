#include "db/status.h"

#include <catch2/catch.hpp>

#include "db/schema.h"
#include "db/test_database.h"

using namespace conflictctl;
using namespace conflictctl::db;

TEST_CASE("status: server, schema version and exact row counts of both schemas") {
  REQUIRE_TEST_DATABASE(settings);
  testing::ScratchSchemas scratch(*settings, "status");
  auto connected = connect(scratch.settings());
  REQUIRE(connected.ok());
  Session& session = **connected;
  const Schemas& schemas = scratch.schemas();

  auto before = database_status(session, schemas);
  REQUIRE(before.ok());
  CHECK(before->schema_version == 0);
  CHECK_FALSE(before->schema_current());
  REQUIRE(before->schemas.size() == 2);
  CHECK_FALSE(before->schemas[0].exists);
  CHECK_FALSE(before->schemas[1].exists);
  CHECK(before->server_version.starts_with("15"));
  CHECK(before->database == settings->database);
  CHECK(before->size_bytes > 0);

  REQUIRE(migrate(session, schemas, *parse_timestamp("2024-01-01T00:00:00Z")).ok());
  REQUIRE(session.query(render("INSERT INTO {analytics}.deleted_visit VALUES ('a'), ('b')", schemas)).ok());
  auto after = database_status(session, schemas);
  REQUIRE(after.ok());
  CHECK(after->schema_current());
  const SchemaStatus& analytics = after->schemas[0];
  const SchemaStatus& conflict = after->schemas[1];
  CHECK(analytics.role == "analytics");
  CHECK(analytics.name == schemas.analytics);
  CHECK(conflict.role == "conflict");
  auto rows_of = [](const SchemaStatus& schema, const std::string& table) -> std::int64_t {
    for (const auto& t : schema.tables)
      if (t.table == table) return t.rows;
    return -1;
  };
  CHECK(analytics.tables.size() == 12);
  CHECK(rows_of(analytics, "deleted_visit") == 2);
  CHECK(rows_of(analytics, "visit") == 0);
  CHECK(rows_of(conflict, "settings") == 1);
  CHECK(rows_of(conflict, "schema_version") == db::kSchemaVersion);
  CHECK(rows_of(conflict, "conflictvisitmaps") == 0);
}

// install_source_mapping against the real PostgreSQL of test/run.sh (skipped without it).
#include "mapping/install.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <sstream>

#include "core/clock.h"
#include "db/schema.h"
#include "db/test_database.h"
#include "mapping/source_model.h"

namespace conflictctl::mapping {
namespace {

std::string text(const Result<db::Rows>& rows, std::size_t row = 0, std::size_t column = 0) {
  REQUIRE(rows);
  return rows->at(row, column).value_or("NULL");
}

SourceMapping parse(const std::string& yaml) {
  MappingRead read = parse_source_mapping(yaml, "m.yaml");
  for (const Diagnostic& d : read.diagnostics) UNSCOPED_INFO(d.to_string());
  REQUIRE(read.mapping);
  return *read.mapping;
}

std::string error_of(const Result<InstallReport>& installed) {
  REQUIRE_FALSE(installed);
  std::ostringstream out;
  out << installed.error();
  return out.str();
}

TEST_CASE("the source model describes the tables the migrations make", "[mapping][postgres]") {
  REQUIRE_TEST_DATABASE(base);
  db::testing::ScratchSchemas scratch(*base, "model");
  auto session = db::testing::connected(scratch.settings());
  REQUIRE(db::migrate(*session, scratch.schemas(), SystemClock().now()));
  auto rows = session->query(
      "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
      "coalesce(pg_get_expr(d.adbin, d.adrelid), '') FROM pg_class c "
      "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
      "LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum "
      "WHERE c.relnamespace = to_regnamespace($1) AND c.relkind = 'r' "
      "ORDER BY c.oid, a.attnum",
      {db::quote_identifier(scratch.schemas().analytics)});
  REQUIRE(rows);
  std::string found, described;
  for (std::size_t i = 0; i < rows->size(); ++i) {
    std::string default_sql = text(rows, i, 4);
    if (default_sql == "''::text") default_sql = "''";
    const bool not_null = text(rows, i, 3) == "t";
    found += fmt::format("{}.{} {}{}{}\n", text(rows, i, 0), text(rows, i, 1), text(rows, i, 2),
                         not_null && default_sql.empty() ? " required" : "",
                         default_sql.empty() ? "" : " default " + default_sql);
  }
  for (const ModelTable& table : source_model())
    for (const ModelColumn& c : table.columns) {
      std::string type(c.sql_type);
      if (type == "timestamp") type = "timestamp without time zone";
      described += fmt::format("{}.{} {}{}{}\n", table.name, c.name, type,
                               c.required ? " required" : "",
                               c.default_sql.empty() ? ""
                                                     : " default " + std::string(c.default_sql));
    }
  CHECK(described == found);
}

TEST_CASE("installing a mapping checks the user's tables and names the mapping's line",
          "[mapping][postgres]") {
  REQUIRE_TEST_DATABASE(base);
  db::testing::ScratchSchemas scratch(*base, "mapcheck");
  const db::Schemas& schemas = scratch.schemas();
  auto session = db::testing::connected(scratch.settings());
  REQUIRE(db::migrate(*session, schemas, SystemClock().now()));
  const std::string legacy = db::quote_identifier(schemas.conflict);  // any schema of ours
  REQUIRE(session->query("CREATE TABLE " + legacy + ".gone (\"Id\" text, at text)"));
  const std::string table = "tables:\n  deleted_visit:\n    table: " + schemas.conflict;

  auto install = [&](const std::string& yaml) {
    return install_source_mapping(*session, schemas, parse(yaml));
  };
  CHECK(error_of(install(table + ".nothing\n    columns:\n      visit_id: Id\n")) ==
        "Configuration.Invalid: m.yaml:2:3: table deleted_visit: " + legacy +
            ".\"nothing\" does not exist (or has no columns)");
  CHECK(error_of(install(table + ".gone\n    columns:\n      visit_id: id\n")) ==
        "Configuration.Invalid: m.yaml:5:7: deleted_visit: " + legacy +
            ".\"gone\" has no column \"id\"");
  CHECK(error_of(install_source_mapping(
            *session, schemas,
            parse("tables:\n  deleted_visit:\n    query: SELECT nope\n    columns:\n"
                  "      visit_id: Id\n"))) ==
        "Configuration.Invalid: m.yaml:2:3: table deleted_visit: the query failed: "
        "SQLSTATE 42703: column \"nope\" does not exist");

  // A native table holding rows is never replaced.
  REQUIRE(session->query(db::render("INSERT INTO {analytics}.deleted_visit VALUES ('v1')",
                                    schemas)));
  const std::string mapping = table + ".gone\n    columns:\n      visit_id: Id\n";
  CHECK(error_of(install_source_mapping(*session, schemas, parse(mapping))) ==
        fmt::format("Mapping.NotEmpty: {}.\"deleted_visit\" holds rows: the source mapping "
                    "would replace it with a view of yours; empty it first, or set "
                    "POSTGRES_ANALYTICS_SCHEMA to a schema of its own",
                    db::quote_identifier(schemas.analytics)));
  REQUIRE(session->query(db::render("TRUNCATE {analytics}.deleted_visit", schemas)));

  // Installed twice (views, then copy): the view, then the copy, read the user's rows.
  REQUIRE(session->query("INSERT INTO " + legacy + ".gone VALUES ('x''%s', NULL)"));
  for (const char* mode : {"views", "copy", "copy"}) {
    INFO(mode);
    auto installed = install(std::string("mode: ") + mode + "\n" + mapping);
    REQUIRE(installed);
    CHECK(installed->tables == std::vector<std::string>{"deleted_visit"});
    CHECK(text(session->query(db::render("SELECT string_agg(visit_id, ',') FROM "
                                         "{analytics}.deleted_visit", schemas))) == "x'%s");
    CHECK(text(session->query("SELECT relkind::text FROM pg_class WHERE oid = to_regclass($1)",
                              {db::quote_identifier(schemas.analytics) + ".\"deleted_visit\""})) ==
          (std::string(mode) == "copy" ? "m" : "v"));
  }
  // A mapped provider: the eligibility view that reads it is dropped and made again.
  REQUIRE(session->query("CREATE TABLE " + legacy + ".agency (id text, name text)"));
  REQUIRE(session->query("INSERT INTO " + legacy + ".agency VALUES ('p1', 'One')"));
  auto installed = install_source_mapping(
      *session, schemas,
      parse("tables:\n  provider:\n    table: " + schemas.conflict +
            ".agency\n    columns:\n      provider_id: id\n      app_provider_id: id\n"
            "      name: name\n"));
  REQUIRE(installed);
  CHECK(installed->views_recreated ==
        std::vector<std::string>{schemas.conflict + ".eligible_provider"});
  CHECK(text(session->query(db::render("SELECT string_agg(provider_id || ' ' || name, ',') "
                                       "FROM {conflict}.eligible_provider", schemas))) == "p1 One");
}

}  // namespace
}  // namespace conflictctl::mapping

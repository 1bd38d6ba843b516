#include "db/import.h"

#include <catch2/catch.hpp>

#include <sstream>

#include "db/fake_session.h"

namespace conflictctl::db {
namespace {

// The catalog's answer for a table (id text PRIMARY KEY, n integer, flag boolean NOT NULL
// DEFAULT false).
void script_table(FakeSession& session) {
  session.respond("FROM pg_attribute",
                  Rows({"attname", "type", "attnotnull", "atthasdef", "in_key", "default_sql"},
                       {{"id", "text", "t", "f", "t", std::nullopt},
                        {"n", "integer", "f", "f", "f", std::nullopt},
                        {"flag", "boolean", "t", "t", "f", "false"}},
                       3));
}

std::unique_ptr<ExtractReader> csv(std::istringstream& in) {
  auto reader = ExtractReader::open(in, "t.csv", ExtractFormat::kCsv);
  REQUIRE(reader.ok());
  return std::move(reader.value());
}

TEST_CASE("db import stages the records with COPY and inserts the good ones in one transaction") {
  FakeSession session;
  script_table(session);
  session.respond("SELECT cx_line, column_name, reason FROM cx_import_rejected",
                  Rows({"cx_line", "column_name", "reason"},
                       {{"3", "n", "invalid input syntax for type integer: \"x\""}}, 1));
  session.respond("INSERT INTO \"a\".\"t\"", Rows({}, {}, 1));
  std::istringstream in("ID,N,FLAG\nk1,1,true\nk2,x,\\N\nk3\n");
  auto reader = csv(in);
  auto report = import_extract(session, {"a", "t"}, *reader, {});
  REQUIRE(report.ok());
  CHECK(report->records == 3);
  CHECK(report->imported == 1);
  CHECK(report->rejected_records == 2);
  CHECK(report->columns == std::vector<std::string>{"id", "n", "flag"});
  CHECK(report->rejections ==
        std::vector<Rejection>{{3, "n", "invalid input syntax for type integer: \"x\""},
                               {4, "", "1 fields where the header has 3"}});
  // The unreadable record is not staged.
  const auto copies = session.copies();
  REQUIRE(copies.size() == 1);
  const auto& copy = copies[0];
  CHECK(copy.table == "cx_import");
  CHECK(copy.columns == std::vector<std::string>{"cx_line", "v0", "v1", "v2", "cx_absent"});
  CHECK(copy.rows == std::vector<std::vector<Param>>{{"2", "k1", "1", "true", "{}"},
                                                      {"3", "k2", "x", std::nullopt, "{}"}});
  auto sql = session.sql();
  CHECK(sql.front() == "BEGIN");
  CHECK(sql.back() == "COMMIT");
  CHECK(sql[sql.size() - 2] ==
        "INSERT INTO \"a\".\"t\" (\"id\", \"n\", \"flag\") SELECT v0::text, v1::integer, "
        "CASE WHEN 2 = ANY(cx_absent) THEN false ELSE v2::boolean END FROM cx_import WHERE "
        "cx_line NOT IN (SELECT cx_line FROM cx_import_rejected) ORDER BY cx_line");
}

TEST_CASE("db import refuses a field that matches no column before writing anything") {
  FakeSession session;
  script_table(session);
  std::istringstream in("ID,EXTRA\nk1,1\n");
  auto reader = csv(in);
  ImportOptions options;
  options.field_map = {{"ID", "id"}};
  auto report = import_extract(session, {"a", "t"}, *reader, options);
  REQUIRE_FALSE(report.ok());
  CHECK(report.error() ==
        Error{"Import.BadMapping", "t.csv:1: field \"EXTRA\" matches no column of a.t (map it "
                                   "with --map \"EXTRA=COLUMN\", or skip it with --map "
                                   "\"EXTRA=\")"});
  CHECK(session.copies().empty());
  CHECK(session.sql().back() == "ROLLBACK");
}

TEST_CASE("db import imports nothing when more records are rejected than max_rejects") {
  FakeSession session;
  script_table(session);
  session.respond("SELECT cx_line, column_name, reason FROM cx_import_rejected",
                  Rows({"cx_line", "column_name", "reason"},
                       {{"3", "n", "invalid input syntax for type integer: \"x\""}}, 1));
  std::istringstream in("ID,N\nk1,1\nk2,x\n");
  auto reader = csv(in);
  ImportOptions options;
  options.max_rejects = 0;
  auto report = import_extract(session, {"a", "t"}, *reader, options);
  REQUIRE(report.ok());
  CHECK(report->refused);
  CHECK(report->imported == 0);
  CHECK(report->rejected_records == 1);
  for (const std::string& sql : session.sql()) CHECK_FALSE(sql.starts_with("INSERT INTO \"a\""));
}

TEST_CASE("db import refuses a mapped field the extract does not have") {
  FakeSession session;
  script_table(session);
  std::istringstream in("ID,N\nk1,1\n");
  auto reader = csv(in);
  ImportOptions options;
  options.field_map = {{"FLAGG", "flag"}};
  auto report = import_extract(session, {"a", "t"}, *reader, options);
  REQUIRE_FALSE(report.ok());
  CHECK(report.error() == Error{"Import.BadMapping", "t.csv: --map \"FLAGG=flag\" names a field "
                                                     "the extract does not have (its fields: "
                                                     "ID, N)"});
  CHECK(session.sql().back() == "ROLLBACK");
}

TEST_CASE("db import names the tables of the schema when the table is not one of them") {
  FakeSession session;
  session.respond("FROM pg_class c JOIN pg_namespace",
                  Rows({"relname"}, {{"provider"}, {"visit"}}, 2));
  std::istringstream in("ID\nk1\n");
  auto reader = csv(in);
  auto report = import_extract(session, {"a", "visits"}, *reader, {});
  REQUIRE_FALSE(report.ok());
  CHECK(report.error() == Error{"Import.UnknownTable",
                                "schema \"a\" has no table \"visits\"; its tables: provider, "
                                "visit"});
}

}  // namespace
}  // namespace conflictctl::db

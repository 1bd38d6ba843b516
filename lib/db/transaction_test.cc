#include <catch2/catch.hpp>

#include "db/database.h"
#include "db/fake_session.h"

using namespace conflictctl;
using namespace conflictctl::db;

using Strings = std::vector<std::string>;

TEST_CASE("in_transaction: commits when the work succeeds") {
  FakeSession session;
  auto done = in_transaction(session, [&]() -> Result<void> {
    if (auto inserted = session.query("INSERT INTO t VALUES ($1)", {std::string("x")}); !inserted)
      return inserted.error();
    return {};
  });
  CHECK(done.ok());
  CHECK(session.sql() == Strings{"BEGIN", "INSERT INTO t VALUES ($1)", "COMMIT"});
  CHECK(session.statements()[1].params == Params{std::string("x")});
}

TEST_CASE("in_transaction: rolls back and returns the work's error unchanged") {
  FakeSession session;
  const Error boom{"Database.QueryFailed", "SQLSTATE 23505: duplicate key"};
  session.fail("INSERT", boom);
  auto done = in_transaction(session, [&]() -> Result<void> {
    if (auto inserted = session.query("INSERT INTO t VALUES (1)"); !inserted)
      return inserted.error();
    (void)session.query("INSERT INTO t VALUES (2)");
    return {};
  });
  REQUIRE_FALSE(done.ok());
  CHECK(done.error() == boom);
  CHECK(session.sql() == Strings{"BEGIN", "INSERT INTO t VALUES (1)", "ROLLBACK"});
}

TEST_CASE("in_transaction: a failed COMMIT rolls back and is returned") {
  FakeSession session;
  const Error serialization{"Database.QueryFailed", "SQLSTATE 40001: could not serialize"};
  session.fail("COMMIT", serialization);
  auto done = in_transaction(session, [] { return Result<void>(); });
  REQUIRE_FALSE(done.ok());
  CHECK(done.error() == serialization);
  CHECK(session.sql() == Strings{"BEGIN", "COMMIT", "ROLLBACK"});
}

TEST_CASE("in_transaction: a lost connection is not rolled back (the server did)") {
  FakeSession session;
  session.fail("UPDATE", Error{"Database.ConnectionLost", "server closed the connection"});
  auto done = in_transaction(session, [&]() -> Result<void> {
    if (auto updated = session.query("UPDATE t SET a = 1"); !updated) return updated.error();
    return {};
  });
  REQUIRE_FALSE(done.ok());
  CHECK(done.error().name == "Database.ConnectionLost");
  CHECK_FALSE(session.healthy());
  CHECK(session.sql() == Strings{"BEGIN", "UPDATE t SET a = 1"});
}

TEST_CASE("fake session: scripted answers are matched by SQL substring, in order") {
  FakeSession session;
  session.respond("FROM settings", Rows({"id"}, {{std::string("0")}}, 1));
  session.respond("FROM settings", Rows({"id"}, {{std::string("1")}}, 1), FakeSession::kAlways);
  CHECK(session.query("SELECT id FROM settings")->at(0, "id") == Param("0"));
  CHECK(session.query("SELECT id FROM settings")->at(0, "id") == Param("1"));
  CHECK(session.query("SELECT id FROM settings")->at(0, "id") == Param("1"));
  CHECK(session.query("SELECT 1")->empty());
}

TEST_CASE("fake session: copy_in keeps the rows") {
  FakeSession session;
  int n = 0;
  auto copied = session.copy_in("\"s\".\"t\"", {"a", "b"}, [&](std::vector<Param>& row) {
    if (n == 2) return false;
    row = {std::to_string(n++), std::nullopt};
    return true;
  });
  REQUIRE(copied.ok());
  CHECK(*copied == 2);
  CHECK(session.sql() == Strings{"COPY \"s\".\"t\" (a, b) FROM STDIN"});
  REQUIRE(session.copies().size() == 1);
  CHECK(session.copies()[0].rows[1] == std::vector<Param>{std::string("1"), std::nullopt});
}

// Integration tests of connect() and the libpq session; skipped without a test server.
#include "db/postgres.h"

#include <catch2/catch.hpp>

#include <future>

#include "core/clock.h"
#include "db/test_database.h"
#include "db/test_proxy.h"

using namespace conflictctl;
using namespace conflictctl::db;

namespace {

using testing::connected;

std::string backend_pid(Session& session) {
  auto pid = session.query("SELECT pg_backend_pid()::text");
  REQUIRE(pid.ok());
  return *pid->at(0, 0);
}

// Waits, by polling from `observer`, until backend `pid` runs a statement containing `text`.
void wait_until_running(Session& observer, const std::string& pid, const std::string& text) {
  for (int attempt = 0; attempt < 20000; ++attempt) {
    auto running = observer.query(
        "SELECT count(*) FROM pg_stat_activity WHERE pid = $1::int AND state = 'active' "
        "AND strpos(query, $2) > 0",
        {pid, text});
    REQUIRE(running.ok());
    if (running->at(0, 0) == Param("1")) return;
  }
  FAIL("backend " << pid << " never ran " << text);
}

double seconds_since(const SystemClock& clock, Timestamp start) {
  return millis_to_seconds(clock.now() - start);
}

}  // namespace

TEST_CASE("postgres: bind parameters round-trip exactly, NULL included") {
  REQUIRE_TEST_DATABASE(settings);
  auto session = connected(*settings);
  const Params values = {std::nullopt,
                         std::string("it's \"quoted\"; DROP TABLE x; --"),
                         std::string("Zürich — 東京 🚀"),
                         std::string("C:\\path\\n \\\\ \\N"),
                         std::string(""),
                         std::string("tab\there\nnewline\rcr")};
  auto rows = session->query("SELECT $1::text AS a, $2::text AS b, $3::text AS c, $4::text AS d, "
                             "$5::text AS e, $6::text AS f",
                             values);
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == 1);
  CHECK(rows->columns() == std::vector<std::string>{"a", "b", "c", "d", "e", "f"});
  for (std::size_t i = 0; i < values.size(); ++i) CHECK(rows->at(0, i) == values[i]);
}

TEST_CASE("postgres: the session runs in UTC and counts affected rows") {
  REQUIRE_TEST_DATABASE(settings);
  auto session = connected(*settings);
  CHECK(session->query("SELECT current_setting('TimeZone')")->at(0, 0) == Param("UTC"));
  REQUIRE(session->execute_script("CREATE TEMP TABLE t (a int); INSERT INTO t VALUES (1), (2), (3)")
              .ok());
  CHECK(session->query("UPDATE t SET a = a + 1 WHERE a > $1", {std::string("1")})->affected() == 2);
  CHECK(session->query("SELECT a FROM t")->affected() == 3);
}

TEST_CASE("postgres: errors carry the SQLSTATE and message") {
  REQUIRE_TEST_DATABASE(settings);
  auto session = connected(*settings);
  auto failed = session->query("SELECT 1/0");
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error() == Error{"Database.QueryFailed", "SQLSTATE 22012: division by zero"});

  REQUIRE(session->execute_script("CREATE TEMP TABLE k (id int PRIMARY KEY); INSERT INTO k VALUES (1)").ok());
  auto duplicate = session->query("INSERT INTO k VALUES ($1)", {std::string("1")});
  REQUIRE_FALSE(duplicate.ok());
  CHECK(duplicate.error().cause ==
        "SQLSTATE 23505: duplicate key value violates unique constraint \"k_pkey\" "
        "(table k, constraint k_pkey)");

  auto script = session->execute_script("SELECT 1; SELECT nope FROM nowhere; SELECT 2");
  REQUIRE_FALSE(script.ok());
  CHECK(script.error().cause == "SQLSTATE 42P01: relation \"nowhere\" does not exist");
  CHECK(session->query("SELECT 1").ok());
}

// Regression (issue 14): POSTGRES_SSLMODE was not passed to libpq. The throwaway server has
// no TLS, so `require` must refuse it instead of falling back to an unencrypted connection.
TEST_CASE("postgres: sslmode reaches libpq: require refuses a server without TLS") {
  REQUIRE_TEST_DATABASE(settings);
  ConnectionSettings strict = *settings;
  strict.sslmode = "require";
  auto refused = connect(strict);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().name == "Database.ConnectionFailed");
  CHECK(refused.error().cause.find("SSL") != std::string::npos);
  strict.sslmode = "disable";
  CHECK(connect(strict).ok());
}

// Regression (issue 14): the server's DETAIL ("Failing row contains (…)", "Key (ssn)=(…)")
// was copied into the error, and from there into histories and run records.
TEST_CASE("postgres: errors never carry row values") {
  REQUIRE_TEST_DATABASE(settings);
  auto session = connected(*settings);
  REQUIRE(session->execute_script("CREATE TEMP TABLE people (ssn text UNIQUE, name text, "
                                  "CONSTRAINT named CHECK (name <> ''))").ok());
  REQUIRE(session->query("INSERT INTO people VALUES ($1, 'a')", {std::string("123-45-6789")}).ok());
  for (const char* sql : {"INSERT INTO people VALUES ($1, 'b')", "INSERT INTO people VALUES ($1, '')",
                          "SELECT $1::int"}) {
    INFO(sql);
    auto failed = session->query(sql, {std::string("123-45-6789")});
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().cause.starts_with("SQLSTATE "));
    CHECK(failed.error().cause.find("123-45-6789") == std::string::npos);
    CHECK(failed.error().cause.find("Failing row") == std::string::npos);
  }
}

TEST_CASE("postgres: a lock held elsewhere with NOWAIT is Database.Busy") {
  REQUIRE_TEST_DATABASE(settings);
  testing::ScratchSchemas scratch(*settings, "busy");
  auto holder = connected(scratch.settings());
  auto other = connected(scratch.settings());
  const std::string table = quote_identifier(scratch.schemas().conflict) + ".t";
  REQUIRE(holder->execute_script("CREATE SCHEMA " + quote_identifier(scratch.schemas().conflict) +
                                 "; CREATE TABLE " + table + " (a int)").ok());
  REQUIRE(holder->execute_script("BEGIN; LOCK TABLE " + table).ok());
  REQUIRE(other->query("BEGIN").ok());
  auto busy = other->query("LOCK TABLE " + table + " NOWAIT");
  REQUIRE_FALSE(busy.ok());
  CHECK(busy.error().name == "Database.Busy");
  CHECK(busy.error().cause.starts_with("SQLSTATE 55P03: could not obtain lock on relation"));
  REQUIRE(other->query("ROLLBACK").ok());
  REQUIRE(holder->query("ROLLBACK").ok());
}

TEST_CASE("postgres: copy_in escapes tabs, newlines, backslashes and NULL") {
  REQUIRE_TEST_DATABASE(settings);
  auto session = connected(*settings);
  REQUIRE(session->execute_script("CREATE TEMP TABLE c (id int, a text, b text)").ok());
  const std::vector<std::vector<Param>> rows = {
      {std::string("1"), std::string("tab\there"), std::nullopt},
      {std::string("2"), std::string("line\nbreak\r\n"), std::string("back\\slash \\N \\.")},
      {std::string("3"), std::string("\\."), std::string("")},
      {std::string("4"), std::string("ünïcode ✓"), std::string("\\N")},
  };
  std::size_t next = 0;
  auto copied = session->copy_in("pg_temp.c", {"id", "a", "b"}, [&](std::vector<Param>& row) {
    if (next == rows.size()) return false;
    row = rows[next++];
    return true;
  });
  REQUIRE(copied.ok());
  CHECK(*copied == 4);
  auto back = session->query("SELECT id::text, a, b FROM c ORDER BY id");
  REQUIRE(back.ok());
  REQUIRE(back->size() == rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r)
    for (std::size_t c = 0; c < 3; ++c) CHECK(back->at(r, c) == rows[r][c]);
}

TEST_CASE("postgres: copy_in of 100k rows") {
  REQUIRE_TEST_DATABASE(settings);
  auto session = connected(*settings);
  REQUIRE(session->execute_script("CREATE TEMP TABLE big (id int, name text, note text)").ok());
  int n = 0;
  auto copied = session->copy_in("big", {"id", "name", "note"}, [&](std::vector<Param>& row) {
    if (n == 100000) return false;
    row.emplace_back(std::to_string(n));
    row.emplace_back("name\t" + std::to_string(n));
    row.emplace_back(n % 3 == 0 ? Param() : Param("note"));
    ++n;
    return true;
  });
  REQUIRE(copied.ok());
  CHECK(*copied == 100000);
  auto check = session->query(
      "SELECT count(*)::text, count(note)::text, max(name) FILTER (WHERE id = 99999) FROM big");
  REQUIRE(check.ok());
  CHECK(check->at(0, 0) == Param("100000"));
  CHECK(check->at(0, 1) == Param("66666"));
  CHECK(check->at(0, 2) == Param("name\t99999"));
}

TEST_CASE("postgres: copy_in with a short row writes nothing") {
  REQUIRE_TEST_DATABASE(settings);
  auto session = connected(*settings);
  REQUIRE(session->execute_script("CREATE TEMP TABLE s (a text, b text)").ok());
  int n = 0;
  auto copied = session->copy_in("s", {"a", "b"}, [&](std::vector<Param>& row) {
    ++n;
    if (n == 3) row = {std::string("only one")};
    else row = {std::string("x"), std::string("y")};
    return n <= 5;
  });
  REQUIRE_FALSE(copied.ok());
  CHECK(copied.error().name == "Database.QueryFailed");
  CHECK(copied.error().cause.find("row 3 has 1 values for 2 columns") != std::string::npos);
  CHECK(session->query("SELECT count(*) FROM s")->at(0, 0) == Param("0"));
}

TEST_CASE("postgres: cancel() during copy_in stops it and writes nothing") {
  REQUIRE_TEST_DATABASE(settings);
  auto session = connected(*settings);
  REQUIRE(session->execute_script("CREATE TEMP TABLE cc (a int)").ok());
  int n = 0;
  auto copied = session->copy_in("cc", {"a"}, [&](std::vector<Param>& row) {
    if (++n == 50000) session->cancel();  // as a deadline would, mid-copy
    row = {std::to_string(n)};
    return true;  // endless without the cancel
  });
  REQUIRE_FALSE(copied.ok());
  CHECK(copied.error().name == "Database.Canceled");
  session->clear_cancel();
  if (!session->healthy()) session = connected(*settings);  // a cancel request was still on its way
  else CHECK(session->query("SELECT count(*) FROM cc")->at(0, 0) == Param("0"));
}

TEST_CASE("postgres: cancel() from another thread stops a statement within a second") {
  REQUIRE_TEST_DATABASE(settings);
  auto session = connected(*settings);
  auto observer = connected(*settings);
  const std::string pid = backend_pid(*session);
  SystemClock clock;
  auto canceller = std::async(std::launch::async, [&] {
    wait_until_running(*observer, pid, "pg_sleep");
    session->cancel();
  });
  const Timestamp start = clock.now();
  auto slept = session->query("SELECT pg_sleep(10)");
  canceller.get();
  REQUIRE_FALSE(slept.ok());
  CHECK(slept.error().name == "Database.Canceled");
  CHECK(seconds_since(clock, start) < 2.0);
  CHECK(session->healthy());
  session->clear_cancel();
  if (session->healthy())  // else its cancel request was still on its way: not reused
    CHECK(session->query("SELECT 1")->at(0, 0) == Param("1"));
}

// Regression (issue 14): a cancel that arrived just before a statement started found the
// session idle and was lost; the statement then ran to its end.
TEST_CASE("postgres: a cancel before the statement starts cancels it, until clear_cancel()") {
  REQUIRE_TEST_DATABASE(settings);
  auto session = connected(*settings);
  REQUIRE(session->query("BEGIN").ok());
  session->cancel();
  SystemClock clock;
  const Timestamp start = clock.now();
  auto refused = session->query("SELECT pg_sleep(10)");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error() ==
        Error{"Database.Canceled", "the statement was cancelled before it started"});
  CHECK(seconds_since(clock, start) < 1.0);
  CHECK(session->execute_script("SELECT 1").error().name == "Database.Canceled");
  CHECK(session->query("ROLLBACK").ok());  // a cancelled transaction still ends cleanly
  session->clear_cancel();
  CHECK(session->healthy());
  CHECK(session->query("SELECT 1")->at(0, 0) == Param("1"));
}

TEST_CASE("postgres: a session released inside a transaction after a cancel is not reused") {
  REQUIRE_TEST_DATABASE(settings);
  auto session = connected(*settings);
  REQUIRE(session->query("BEGIN").ok());
  session->cancel();
  session->clear_cancel();
  CHECK_FALSE(session->healthy());
}

// Regression (issue 14): PQcancel ran on the caller's thread (the engine's loop) with no
// timeout: a server that accepts the cancel request's connection and never answers stalled
// the caller for good, and the statement's own wait never ended.
TEST_CASE("postgres: against a silent server cancel() returns at once and the wait is bounded") {
  REQUIRE_TEST_DATABASE(settings);
  testing::BlackholeProxy proxy(settings->host, settings->port);
  ConnectionSettings through = *settings;
  through.port = proxy.port();
  auto session = connected(through);
  auto observer = connected(*settings);
  const std::string pid = backend_pid(*session);
  SystemClock clock;
  auto slept = std::async(std::launch::async, [&] { return session->query("SELECT pg_sleep(30)"); });
  wait_until_running(*observer, pid, "pg_sleep");
  proxy.cut();
  const Timestamp cancelled = clock.now();
  session->cancel();
  CHECK(seconds_since(clock, cancelled) < 0.5);
  auto result = slept.get();
  const double waited = seconds_since(clock, cancelled);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().name == "Database.ConnectionLost");
  CHECK(result.error().cause.starts_with("the server did not answer within 5 s of the cancel"));
  CHECK(waited >= kCancelGraceMillis / 1000.0 - 0.5);
  CHECK(waited < kCancelGraceMillis / 1000.0 + 3.0);
  CHECK_FALSE(session->healthy());
  // The server never heard of it: its backend still sleeps. End it.
  CHECK(observer->query("SELECT pg_terminate_backend($1::int)", {pid}).ok());
}

TEST_CASE("postgres: a cancelled transaction leaves no rows") {
  REQUIRE_TEST_DATABASE(settings);
  testing::ScratchSchemas scratch(*settings, "cancel_tx");
  auto session = connected(scratch.settings());
  auto observer = connected(scratch.settings());
  const std::string table = quote_identifier(scratch.schemas().conflict) + ".t";
  REQUIRE(session->execute_script("CREATE SCHEMA " + quote_identifier(scratch.schemas().conflict) +
                                  "; CREATE TABLE " + table + " (a int)").ok());
  const std::string pid = backend_pid(*session);
  auto canceller = std::async(std::launch::async, [&] {
    wait_until_running(*observer, pid, "pg_sleep");
    session->cancel();
  });
  auto done = in_transaction(*session, [&]() -> Result<void> {
    if (auto inserted = session->query("INSERT INTO " + table + " SELECT generate_series(1, 100)");
        !inserted)
      return inserted.error();
    if (auto slept = session->query("SELECT pg_sleep(10)"); !slept) return slept.error();
    return {};
  });
  canceller.get();
  REQUIRE_FALSE(done.ok());
  CHECK(done.error().name == "Database.Canceled");
  CHECK(observer->query("SELECT count(*) FROM " + table)->at(0, 0) == Param("0"));
  // Until clear_cancel() the session refuses statements; then it is reused unless its cancel
  // request was still on its way.
  CHECK(session->query("SELECT 1").error().name == "Database.Canceled");
  session->clear_cancel();
  if (session->healthy())
    CHECK(session->query("SELECT count(*) FROM " + table)->at(0, 0) == Param("0"));
}

TEST_CASE("postgres: a terminated backend gives ConnectionLost and an unhealthy session") {
  REQUIRE_TEST_DATABASE(settings);
  auto session = connected(*settings);
  auto admin = connected(*settings);
  REQUIRE(admin->query("SELECT pg_terminate_backend($1::int)", {backend_pid(*session)}).ok());
  auto lost = session->query("SELECT 1");
  REQUIRE_FALSE(lost.ok());
  CHECK(lost.error().name == "Database.ConnectionLost");
  CHECK_FALSE(session->healthy());
  auto again = session->query("SELECT 1");
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().name == "Database.ConnectionLost");
  session->cancel();  // harmless
}

TEST_CASE("postgres: a wrong password is ConnectionFailed without the password") {
  REQUIRE_TEST_DATABASE(settings);
  ConnectionSettings wrong = *settings;
  wrong.password = "not-the-password-8f3a";
  auto failed = connect(wrong);
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().name == "Database.ConnectionFailed");
  CHECK(failed.error().cause.find(wrong.describe()) != std::string::npos);
  CHECK(failed.error().cause.find("password authentication failed") != std::string::npos);
  CHECK(failed.error().cause.find(wrong.password) == std::string::npos);
}

TEST_CASE("postgres: nothing listening is ConnectionFailed") {
  ConnectionSettings nowhere;
  nowhere.host = "127.0.0.1";
  nowhere.port = 1;
  nowhere.database = "db";
  nowhere.user = "u";
  nowhere.password = "secret-pw";
  auto failed = connect(nowhere);
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().name == "Database.ConnectionFailed");
  CHECK(failed.error().cause.starts_with("could not connect to u@127.0.0.1:1/db: "));
  CHECK(failed.error().cause.find("secret-pw") == std::string::npos);
}

// The pool with real sessions: a killed connection is replaced by a working one.
#include <catch2/catch.hpp>

#include "db/pool.h"
#include "db/test_database.h"

using namespace conflictctl;
using namespace conflictctl::db;

TEST_CASE("pool (postgres): after pg_terminate_backend the next lease is a fresh session") {
  REQUIRE_TEST_DATABASE(settings);
  Pool pool = make_pool(*settings);
  auto admin = connect(*settings);
  REQUIRE(admin.ok());

  std::string killed_pid;
  {
    auto lease = pool.acquire();
    REQUIRE(lease.ok());
    killed_pid = *(*lease)->query("SELECT pg_backend_pid()::text")->at(0, 0);
    REQUIRE((*admin)->query("SELECT pg_terminate_backend($1::int)", {killed_pid}).ok());
    auto lost = (*lease)->query("SELECT 1");
    REQUIRE_FALSE(lost.ok());
    CHECK(lost.error().name == "Database.ConnectionLost");
    CHECK_FALSE((*lease)->healthy());
  }
  CHECK(pool.open_sessions() == 0);
  auto lease = pool.acquire();
  REQUIRE(lease.ok());
  auto fresh = (*lease)->query("SELECT pg_backend_pid()::text");
  REQUIRE(fresh.ok());
  CHECK(fresh->at(0, 0) != Param(killed_pid));
}

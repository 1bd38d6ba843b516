#include "db/copy_text.h"

#include <catch2/catch.hpp>

#include "db/pg_error.h"

using namespace conflictctl;
using namespace conflictctl::db;

TEST_CASE("copy text: special characters are escaped, NULL is \\N") {
  std::string out;
  append_copy_row(out, {std::string("plain"), std::nullopt, std::string("a\tb\nc\rd\\e"),
                        std::string(""), std::string("\\N")});
  CHECK(out == "plain\t\\N\ta\\tb\\nc\\rd\\\\e\t\t\\\\N\n");
}

TEST_CASE("pg errors: SQLSTATE decides the error name") {
  CHECK(error_from_sqlstate("57014", "canceling statement due to user request", "").name ==
        "Database.Canceled");
  CHECK(error_from_sqlstate("55P03", "could not obtain lock", "").name == "Database.Busy");
  CHECK(error_from_sqlstate("08006", "connection failure", "").name == "Database.ConnectionLost");
  CHECK(error_from_sqlstate("57P01", "terminating connection", "").name ==
        "Database.ConnectionLost");
  auto error = error_from_sqlstate("23505", "duplicate key value violates unique constraint \"k\"",
                                   "Key (id)=(1) already exists.");
  CHECK(error.name == "Database.QueryFailed");
  CHECK(error.cause ==
        "SQLSTATE 23505: duplicate key value violates unique constraint \"k\" (Key (id)=(1) "
        "already exists.)");
}

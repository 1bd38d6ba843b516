#include "db/copy_text.h"

#include <catch2/catch.hpp>

#include "db/pg_error.h"

using namespace conflictctl;
using namespace conflictctl::db;

TEST_CASE("copy text: special characters are escaped, NULL is backslash-N") {
  std::string out;
  append_copy_row(out, {std::string("plain"), std::nullopt, std::string("a\tb\nc\rd\\e"),
                        std::string(""), std::string("\\N")});
  CHECK(out == "plain\t\\N\ta\\tb\\nc\\rd\\\\e\t\t\\\\N\n");
}

TEST_CASE("pg errors: SQLSTATE decides the error name") {
  CHECK(error_from_sqlstate("57014", "canceling statement due to user request").name ==
        "Database.Canceled");
  CHECK(error_from_sqlstate("55P03", "could not obtain lock").name == "Database.Busy");
  CHECK(error_from_sqlstate("08006", "connection failure").name == "Database.ConnectionLost");
  CHECK(error_from_sqlstate("57P01", "terminating connection").name ==
        "Database.ConnectionLost");
  auto error = error_from_sqlstate("23505", "duplicate key value violates unique constraint \"k\"",
                                   {"people", "k"});
  CHECK(error.name == "Database.QueryFailed");
  CHECK(error.cause ==
        "SQLSTATE 23505: duplicate key value violates unique constraint \"k\" (table people, "
        "constraint k)");
}

// Regression (issue 14): the server's DETAIL and the values quoted in a data exception
// (social security numbers, in the report) were copied into task errors and run records.
TEST_CASE("pg errors: never a row value, only the SQLSTATE, the message and the names") {
  CHECK(error_from_sqlstate("22P02", "invalid input syntax for type integer: \"123-45-6789\"")
            .cause == "SQLSTATE 22P02: invalid input syntax for type integer: \"…\"");
  CHECK(error_from_sqlstate("22003", "value \"123456789012\" is out of range for type integer")
            .cause == "SQLSTATE 22003: value \"…\" is out of range for type integer");
  CHECK(error_from_sqlstate("22P02", "unterminated \"123-45").cause ==
        "SQLSTATE 22P02: unterminated \"…");
  // Outside class 22 the quotes hold names (constraints, columns, relations): kept.
  CHECK(error_from_sqlstate("23502", "null value in column \"ssn\" of relation \"people\"",
                            {"people", ""})
            .cause == "SQLSTATE 23502: null value in column \"ssn\" of relation \"people\" "
                      "(table people)");
}

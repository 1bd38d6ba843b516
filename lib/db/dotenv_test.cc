#include "db/dotenv.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

#include <unistd.h>

using namespace conflictctl;
using namespace conflictctl::db;

namespace {

DotenvValues parsed(std::string_view text) {
  auto values = parse_dotenv(text, ".env");
  INFO(text);
  REQUIRE(values.ok());
  return values.value();
}

std::string problem(std::string_view text) {
  auto values = parse_dotenv(text, "config/.env");
  REQUIRE_FALSE(values.ok());
  CHECK(values.error().name == "Configuration.Invalid");
  return values.error().cause;
}

}  // namespace

TEST_CASE("dotenv: plain KEY=VALUE lines, comments and blank lines") {
  auto values = parsed(
      "# connection\n"
      "\n"
      "POSTGRES_HOST=db.example.org\n"
      "   POSTGRES_PORT = 5433  \n"
      "export POSTGRES_USER=alice\n"
      "EMPTY=\n");
  CHECK(values == DotenvValues{{"POSTGRES_HOST", "db.example.org"},
                               {"POSTGRES_PORT", "5433"},
                               {"POSTGRES_USER", "alice"},
                               {"EMPTY", ""}});
}

TEST_CASE("dotenv: trailing comments end an unquoted value, a # inside it does not") {
  auto values = parsed("A=value # a comment\nB=pa#ss\nC= # only a comment\n");
  CHECK(values.at("A") == "value");
  CHECK(values.at("B") == "pa#ss");
  CHECK(values.at("C") == "");
}

TEST_CASE("dotenv: quoted values") {
  auto values = parsed(
      "SINGLE='it has \\n and # and \"quotes\"'\n"
      "DOUBLE=\"line1\\nline2 \\\"q\\\" back\\\\slash\" # comment\n"
      "SPACES='  padded  '\n"
      "OTHER=\"keeps \\x as is\"\n");
  CHECK(values.at("SINGLE") == "it has \\n and # and \"quotes\"");
  CHECK(values.at("DOUBLE") == "line1\nline2 \"q\" back\\slash");
  CHECK(values.at("SPACES") == "  padded  ");
  CHECK(values.at("OTHER") == "keeps \\x as is");
}

TEST_CASE("dotenv: CRLF line ends and a last line without newline") {
  auto values = parsed("A=1\r\nB='2'\r\nC=3");
  CHECK(values == DotenvValues{{"A", "1"}, {"B", "2"}, {"C", "3"}});
}

TEST_CASE("dotenv: a later line for the same key wins") {
  CHECK(parsed("A=1\nA=2\n").at("A") == "2");
}

TEST_CASE("dotenv: malformed lines name the file and line") {
  const std::string no_equals =
      "expected KEY=VALUE, found no '=' (the line is not shown: it may hold a secret)";
  const std::string bad_name =
      "expected a variable name before '=' (letters, digits and _, not starting with a digit)";
  CHECK(problem("A=1\nnot a setting\n") == "config/.env:2: " + no_equals);
  CHECK(problem("1A=x") == "config/.env:1: " + bad_name);
  CHECK(problem("MY-KEY=x") == "config/.env:1: " + bad_name);
  CHECK(problem("\n\nA=\"open") == "config/.env:3: A: unterminated double-quoted value");
  CHECK(problem("A='open") == "config/.env:1: A: unterminated single-quoted value");
  CHECK(problem("A='x' y") ==
        "config/.env:1: A: unexpected text after the closing quote (only a # comment may follow)");
}

// Regression (issue 14): a syntax error printed the offending line, password included.
TEST_CASE("dotenv: a malformed line is never quoted back, so a secret on it never leaks") {
  for (std::string_view text :
       {"POSTGRES_PASSWORD Sup3rSecret\n", "Sup3rSecret\n", "POSTGRES_PASSWORD Sup3rSecret=x\n",
        "POSTGRES_PASSWORD='Sup3r' Secret\n", "POSTGRES-PASSWORD=Sup3rSecret\n"}) {
    INFO(text);
    const std::string cause = problem(text);
    CHECK(cause.rfind("config/.env:1: ", 0) == 0);
    CHECK(cause.find("Sup3r") == std::string::npos);
    CHECK(cause.find("Secret") == std::string::npos);
  }
}

TEST_CASE("dotenv: reading a file (a missing file is not an error)") {
  auto missing = read_dotenv("/nonexistent/conflictctl/.env");
  REQUIRE(missing.ok());
  CHECK_FALSE(missing->has_value());

  const std::string path = "dotenv_test_" + std::to_string(::getpid()) + ".env";
  { std::ofstream(path) << "A=1\nB\n"; }
  auto bad = read_dotenv(path);
  std::remove(path.c_str());
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().cause ==
        path + ":2: expected KEY=VALUE, found no '=' (the line is not shown: it may hold a secret)");
}

TEST_CASE("dotenv: each key's line, the last one for a key set twice") {
  DotenvLines lines;
  auto values = parse_dotenv("# comment\nA=1\n\nB=2\nA=3\n", ".env", &lines);
  REQUIRE(values.ok());
  CHECK(lines == DotenvLines{{"A", 5}, {"B", 4}});
}

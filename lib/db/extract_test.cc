#include "db/extract.h"

#include <catch2/catch.hpp>

#include <sstream>

namespace conflictctl::db {
namespace {

struct Read {
  std::vector<std::string> fields;
  std::vector<ExtractRecord> records;
};

Read read_all(const std::string& text, ExtractFormat format) {
  std::istringstream in(text);
  auto reader = ExtractReader::open(in, "x", format);
  REQUIRE(reader.ok());
  Read read;
  for (;;) {
    auto next = (*reader)->next();
    REQUIRE(next.ok());
    if (!*next) break;
    read.records.push_back(std::move(**next));
  }
  read.fields = (*reader)->fields();
  return read;
}

TEST_CASE("CSV: quotes, doubled quotes, line breaks, NULL markers and line numbers") {
  auto read = read_all("A,B,C\r\n"
                       "1,\"x, y\",\\N\r\n"
                       "\n"
                       "2,\"say \"\"hi\"\"\",\"\"\n"
                       "3,\"two\nlines\",\n"
                       "4,5\n"
                       "5,\"a\"b,c",
                       ExtractFormat::kCsv);
  CHECK(read.fields == std::vector<std::string>{"A", "B", "C"});
  REQUIRE(read.records.size() == 5);
  CHECK(read.records[0].line == 2);
  CHECK(read.records[0].values == std::vector<Param>{"1", "x, y", std::nullopt});
  CHECK(read.records[1].line == 4);
  CHECK(read.records[1].values == std::vector<Param>{"2", "say \"hi\"", ""});
  CHECK(read.records[2].line == 5);
  CHECK(read.records[2].values == std::vector<Param>{"3", "two\nlines", std::nullopt});
  CHECK(read.records[3].line == 7);
  CHECK(read.records[3].problem == "2 fields where the header has 3");
  CHECK(read.records[4].line == 8);
  CHECK(read.records[4].problem == "field 2: text after the closing quote");
}

TEST_CASE("CSV: a quote left open, an empty file, a repeated header field") {
  auto read = read_all("A\n\"open\n", ExtractFormat::kCsv);
  REQUIRE(read.records.size() == 1);
  CHECK(read.records[0].problem == "a quoted field is not closed before the end of the file");
  for (const auto& [text, message] :
       std::vector<std::pair<std::string, std::string>>{
           {"", "x:1: the file is empty: a header row naming the columns is needed"},
           {"A,B,A\n", "x:1: header field \"A\" appears twice"},
           {"A,,B\n", "x:1: header field 2 is empty"}}) {
    std::istringstream in(text);
    auto reader = ExtractReader::open(in, "x", ExtractFormat::kCsv);
    REQUIRE_FALSE(reader.ok());
    CHECK(reader.error() == Error{"Import.BadFile", message});
  }
}

TEST_CASE("JSON Lines: keys become fields as they appear, absent keys are marked") {
  auto read = read_all("{\"a\": \"x\", \"b\": 1.5}\n"
                       "\n"
                       "{\"b\": null, \"c\": [1, true]}\n"
                       "[1]\n"
                       "{oops\n",
                       ExtractFormat::kJsonLines);
  CHECK(read.fields == std::vector<std::string>{"a", "b", "c"});
  REQUIRE(read.records.size() == 4);
  CHECK(read.records[0].values == std::vector<Param>{"x", "1.5"});
  CHECK(read.records[0].given == std::vector<bool>{true, true});
  CHECK(read.records[1].line == 3);
  CHECK(read.records[1].values == std::vector<Param>{std::nullopt, std::nullopt, "[1,true]"});
  CHECK(read.records[1].given == std::vector<bool>{false, true, true});
  CHECK(read.records[2].problem == "a JSON array, not an object");
  CHECK(read.records[3].line == 5);
  CHECK(read.records[3].problem == "not a JSON value");
}

}  // namespace
}  // namespace conflictctl::db

#include "dataflow/parse_cache.h"

#include <catch2/catch.hpp>

#include "dataflow/intrinsics.h"
#include "dataflow/path.h"

namespace conflictctl::dataflow {

TEST_CASE("a parse cache parses each text once and keeps what it returned alive") {
  ParseCache<std::string> cache;
  int parses = 0;
  auto upper = [&](std::string_view text) {
    ++parses;
    return std::string(text) + "!";
  };
  auto first = cache.get("a", [&] { return upper("a"); });
  CHECK(*cache.get("a", [&] { return upper("a"); }) == "a!");
  CHECK(parses == 1);
  // A full cache keeps what it has and parses new texts every time, without keeping them.
  for (std::size_t i = 0; i < ParseCache<std::string>::kMaxEntries + 1; ++i) {
    std::string text = std::to_string(i);
    cache.get(text, [&] { return upper(text); });
  }
  CHECK(*first == "a!");
  CHECK(*cache.get("a", [&] { return upper("a"); }) == "a!");
  const int full = parses;
  CHECK(full == static_cast<int>(ParseCache<std::string>::kMaxEntries) + 2);  // "a" and the loop
  auto extra = cache.get("extra", [&] { return upper("extra"); });
  cache.get("extra", [&] { return upper("extra"); });
  CHECK(parses == full + 2);
  CHECK(*extra == "extra!");
}

TEST_CASE("a parse cache tells apart texts that arrive at the same address") {
  ParseCache<std::string> cache;
  int parses = 0;
  std::string buffer = "$.a";
  auto twice = [&] {
    ++parses;
    return buffer + buffer;
  };
  CHECK(*cache.get(buffer, twice) == "$.a$.a");
  buffer[2] = 'b';  // same address, other text
  CHECK(*cache.get(buffer, twice) == "$.b$.b");
  buffer[2] = 'a';
  CHECK(*cache.get(buffer, twice) == "$.a$.a");
  CHECK(parses == 2);
  // A text at another address finds the same entry.
  const std::string elsewhere = "$.b";
  CHECK(*cache.get(elsewhere, twice) == "$.b$.b");
  CHECK(parses == 2);
}

TEST_CASE("cached paths and intrinsic calls give the same answers and errors each time") {
  Random random(1);
  const Json input{{"n", 2}};
  for (int round = 0; round < 3; ++round) {
    CHECK(*evaluate_path("$.n", input, Json::object()) == 2);
    CHECK(*evaluate_intrinsic("States.MathAdd($.n, 1)", input, Json::object(), random) == 3);
    CHECK(evaluate_path("$.[", input, Json::object()).error().name == "States.Runtime");
    CHECK(evaluate_intrinsic("States.MathAdd(", input, Json::object(), random).error().name ==
          "States.Runtime");
    CHECK(*write_reference_path("$.r", input, 5) == Json{{"n", 2}, {"r", 5}});
  }
}

}  // namespace conflictctl::dataflow

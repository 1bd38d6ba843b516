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
  // Filling the cache empties it; what was handed out stays valid.
  for (std::size_t i = 0; i < ParseCache<std::string>::kMaxEntries + 1; ++i) {
    std::string text = std::to_string(i);
    cache.get(text, [&] { return upper(text); });
  }
  CHECK(*first == "a!");
  cache.get("a", [&] { return upper("a"); });
  CHECK(parses == static_cast<int>(ParseCache<std::string>::kMaxEntries) + 3);
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

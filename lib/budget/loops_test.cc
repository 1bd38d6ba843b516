#include "budget/loops.h"

#include <catch2/catch.hpp>

#include <map>

namespace conflictctl::budget {
namespace {

// A → B → C → A and B → D → D (a state looping on itself); D → "" ends; E → A is unreachable
// from A and on no loop; F → G → F is unreachable.
const std::map<std::string, std::vector<std::string>> kGraph = {
    {"A", {"B"}}, {"B", {"C", "D"}}, {"C", {"A"}}, {"D", {"", "D"}},
    {"E", {"A"}}, {"F", {"G"}},      {"G", {"F"}}};

std::vector<std::string> next(const std::string& state) { return kGraph.at(state); }

}  // namespace

TEST_CASE("find_loops returns the reachable cycles, a self-transition included") {
  auto loops = find_loops("A", next);
  std::sort(loops.begin(), loops.end());
  CHECK(loops == std::vector<std::set<std::string>>{{"A", "B", "C"}, {"D"}});
  CHECK(find_loops("E", [](const std::string& s) {
          return s == "E" ? std::vector<std::string>{"", "X"} : std::vector<std::string>{};
        }).empty());
}

TEST_CASE("shortest_route finds a way into a loop and the cycle through a state") {
  auto into = shortest_route("E", next, {}, [](const std::string& s) { return s == "D"; });
  CHECK(into == Hops{{"E", 0}, {"A", 0}, {"B", 1}});
  auto cycle = shortest_route("C", next, {"A", "B", "C"},
                              [](const std::string& s) { return s == "C"; });
  CHECK(cycle_text(cycle) == "C → A → B → C");
  CHECK(cycle_text(shortest_route("D", next, {"D"}, [](const std::string& s) { return s == "D"; })) ==
        "D → D");
  CHECK(shortest_route("D", next, {}, [](const std::string& s) { return s == "A"; }).empty());
}

}  // namespace conflictctl::budget

#include "explore/scenario.h"

#include <catch2/catch.hpp>

using namespace conflictctl;
using namespace conflictctl::explore;

TEST_CASE("a fault is described with entries and attempts counted from 1") {
  Error error{"States.TaskFailed", "injected"};
  CHECK(describe(Fault{"Load", {0, 0}, {0, kEvery}, error, {}, false}) ==
        "Load: States.TaskFailed on every attempt");
  CHECK(describe(Fault{"Load", {0, 0}, {0, 0}, error, {}, false}) ==
        "Load: States.TaskFailed on the first attempt");
  CHECK(describe(Fault{"Load", {0, 0}, {0, 1}, error, {}, false}) ==
        "Load: States.TaskFailed on the first 2 attempts");
  CHECK(describe(Fault{"Chunk", {0, 2}, {0, kEvery}, error, {}, true}) ==
        "Chunk: States.TaskFailed in iterations 1-3, on every attempt");
  CHECK(describe(Fault{"Chunk", {0, kEvery}, {0, 0}, {}, 901, true}) ==
        "Chunk: takes 901 s in every iteration, on the first attempt");
  CHECK(describe(Fault{"Load", {0, 0}, {0, kEvery}, {}, 1234.5, false}) ==
        "Load: takes 1,234.5 s on every attempt");
}

TEST_CASE("a scenario is its faults joined, or the baseline") {
  CHECK(describe(Scenario{}) == "baseline (no fault)");
  Scenario two{{Fault{"A", {0, 0}, {0, 0}, Error{"X", ""}, {}, false},
                Fault{"B", {0, 0}, {0, kEvery}, Error{"Y", ""}, {}, false}},
               {}};
  CHECK(describe(two) == "A: X on the first attempt; B: Y on every attempt");
}

#pragma once
// A scenario of `conflictctl explore`: the faults injected into one execution, each on the
// calls of one Task state (explore/scenario_runner.h plays them).
//
// A fault names a Task state, which of its entries it hits (an entry is one time the state is
// entered: a Map iteration that runs the state is one entry, its retries are the same entry)
// and which attempts of those entries (0 for the first, n for the n-th retry). It either
// throws an error (the call fails at once with that name and cause) or makes the call take a
// given number of virtual seconds (the call still returns what it would have returned; the
// state's TimeoutSeconds may cut it short with States.Timeout).
//
//   Fault{"ExecuteTask01", {0, 0}, {0, kEvery}, Error{"States.TaskFailed", "…"}}
//       → every attempt of the first entry of ExecuteTask01 fails with States.TaskFailed.
//
// A scenario with no faults is the baseline: every Task returns what the mock configuration's
// test case, or the bindings' mock handlers, give.
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace conflictctl::explore {

// An open upper bound of a Range: every entry or attempt from `first` on.
inline constexpr int kEvery = -1;

// An inclusive range of 0-based numbers; last == kEvery: unbounded.
struct Range {
  int first = 0;
  int last = 0;

  bool holds(int n) const { return n >= first && (last == kEvery || n <= last); }
};

struct Fault {
  std::string state;             // a Task state, at any depth
  Range entries;                 // which entries of the state
  Range attempts;                // which attempts of those entries
  std::optional<Error> error;    // set: the call fails with it, at once
  std::optional<double> seconds; // set (and no error): the call takes this long
  bool in_map = false;           // the state runs inside a Map: entries are its iterations
};

struct Scenario {
  std::vector<Fault> faults;  // empty: the baseline
  // The Catcher this scenario was made to reach: a state's name and the Catcher's index.
  // Used to say why a Catcher is unreachable; empty for other scenarios.
  std::optional<std::pair<std::string, int>> aim;
};

// What the fault does, in words: "ExecuteTask01: States.Timeout on every attempt",
// "ProcessSingleChunk: States.TaskFailed in iterations 1-3, on every attempt",
// "ExecuteTask02: takes 901 s on the first attempt". Entries and attempts count from 1 here;
// outside a Map the first entry and every entry go unsaid.
std::string describe(const Fault& fault);

// The faults described, joined by "; "; "baseline (no fault)" for none.
std::string describe(const Scenario& scenario);

}  // namespace conflictctl::explore

#pragma once
// Loops in a state machine's transitions: the sets of states reachable from StartAt that
// lie on a common cycle (strongly connected components, Tarjan's algorithm; a state with a
// transition to itself is one too), and the shortest routes that show them.
//
// The transitions are given as a function from a state to its successors in order (Next,
// Choice rules, Default, Catch, …); "" stands for "the machine ends here" and is skipped.
// Pure and thread-safe.
#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace conflictctl::budget {

using Successors = std::function<std::vector<std::string>(const std::string& state)>;

// A route: each hop is a state and the index of the successor taken from it.
using Hops = std::vector<std::pair<std::string, std::size_t>>;

// Every loop reachable from `start`, in no particular order.
std::vector<std::set<std::string>> find_loops(const std::string& start, const Successors& next);

// The fewest hops from `from` to a state that `stop` accepts, through states of `within`
// (empty: any state); empty when there is none. With stop = "is `from`", a cycle through it.
Hops shortest_route(const std::string& from, const Successors& next,
                    const std::set<std::string>& within,
                    const std::function<bool(const std::string&)>& stop);

// "A → B → C → A" for the hops of a cycle.
std::string cycle_text(const Hops& cycle);

}  // namespace conflictctl::budget

#pragma once
// A state machine drawn as a graph: Graphviz dot (`dot -Tsvg`) or a Mermaid flowchart
// (Markdown, GitHub, the Mermaid live editor).
//
// What is drawn, in both formats:
//  - one node per state, labelled with its name and type (a Choice is a diamond; Succeed and
//    Fail have a double border); an optional extra line per state (`annotations`);
//  - a Start marker pointing at StartAt and an End marker that every top-level state ending
//    the execution (End, Succeed, Fail) points at;
//  - solid edges for Next, for each Choice rule (labelled with its short form, e.g.
//    `$.ok == true`; budget/rule_text.h) and for Default (labelled "Default");
//  - dashed edges for Catch, labelled with the Catcher's error names;
//  - a Map or Parallel as a cluster (dot) or subgraph (Mermaid) holding the state and its
//    inner machines; the state points at each inner StartAt ("each item", "Branches[i]").
//    A Parallel's branches are clusters of their own;
//  - optionally, what `conflictctl explore` found unreachable (`graph --explore`): those states
//    with an extra line "unreachable", in red with a dashed border, and those Catchers' edges
//    in red, labelled "… (unreachable)" (dot: color=red; Mermaid: the class `unreachable` and
//    a linkStyle per edge).
// Node ids are generated (s0, s1, …), so any state name is safe; names and labels are
// escaped for each format (quotes, backslashes, newlines; for Mermaid also # < > & ` |).
//
// Pure and thread-safe.
#include <map>
#include <set>
#include <string>
#include <utility>

#include "asl/model.h"

namespace conflictctl::budget {

struct GraphOptions {
  // An extra label line by state name, e.g. {"ExecuteTask01", "≤ 2,715 s"}. Default: none.
  std::map<std::string, std::string> annotations;
  // States drawn as unreachable, by name. Default: none.
  std::set<std::string> unreachable_states;
  // Catchers drawn as unreachable: their state's name and their index in its Catch. Default: none.
  std::set<std::pair<std::string, int>> unreachable_catchers;
};

std::string to_dot(const asl::StateMachine& machine, const GraphOptions& options = {});
std::string to_mermaid(const asl::StateMachine& machine, const GraphOptions& options = {});

}  // namespace conflictctl::budget

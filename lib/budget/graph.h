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
//    A Parallel's branches are clusters of their own.
// Node ids are generated (s0, s1, …), so any state name is safe; names and labels are
// escaped for each format (quotes, backslashes, newlines; for Mermaid also # < > & ` |).
//
// Pure and thread-safe.
#include <map>
#include <string>

#include "asl/model.h"

namespace conflictctl::budget {

struct GraphOptions {
  // An extra label line by state name, e.g. {"ExecuteTask01", "≤ 2,715 s"}. Default: none.
  std::map<std::string, std::string> annotations;
};

std::string to_dot(const asl::StateMachine& machine, const GraphOptions& options = {});
std::string to_mermaid(const asl::StateMachine& machine, const GraphOptions& options = {});

}  // namespace conflictctl::budget

#include "budget/graph.h"

#include <fmt/format.h>

#include <vector>

#include "budget/rule_text.h"

namespace conflictctl::budget {

namespace {

// The drawing, independent of the format.
enum class Shape { kBox, kDiamond, kDoubleBox, kStart, kEnd };

struct Node {
  std::string id;
  std::vector<std::string> lines;
  Shape shape = Shape::kBox;
  bool unreachable = false;
};

struct Edge {
  std::string from, to, label;
  bool dashed = false;
  bool unreachable = false;
};

struct Cluster {
  std::string id;
  std::string label;
  std::vector<Node> nodes;
  std::vector<Cluster> clusters;
};

struct Graph {
  Cluster root;
  std::vector<Edge> edges;
};

constexpr const char* kStartId = "start";
constexpr const char* kEndId = "finish";  // "end" is a keyword in Mermaid

class Builder {
 public:
  explicit Builder(const GraphOptions& options) : options_(options) {}

  Graph build(const asl::StateMachine& machine) {
    graph_.root.nodes.push_back({kStartId, {"Start"}, Shape::kStart});
    graph_.root.nodes.push_back({kEndId, {"End"}, Shape::kEnd});
    auto ids = add_machine(machine, graph_.root, true);
    if (auto start = ids.find(machine.start_at); start != ids.end())
      graph_.edges.insert(graph_.edges.begin(), Edge{kStartId, start->second, "", false});
    return std::move(graph_);
  }

 private:
  // Adds the machine's states to `cluster` and their edges to the graph; returns the node id
  // of each state.
  std::map<std::string, std::string> add_machine(const asl::StateMachine& machine,
                                                 Cluster& cluster, bool top) {
    std::map<std::string, std::string> ids;
    for (const auto& name : machine.state_order) ids[name] = fmt::format("s{}", next_node_++);
    auto edge = [&](const std::string& from, const std::string& to, std::string label,
                    bool dashed, bool unreachable = false) {
      if (unreachable) label += " (unreachable)";
      if (auto found = ids.find(to); found != ids.end())
        graph_.edges.push_back({from, found->second, std::move(label), dashed, unreachable});
    };
    for (const auto& name : machine.state_order) {
      const asl::State& state = machine.states.at(name);
      const std::string& id = ids[name];
      Node node{id, {name, std::string(asl::to_string(state.type))}, Shape::kBox};
      if (auto note = options_.annotations.find(name); note != options_.annotations.end())
        node.lines.push_back(note->second);
      if (options_.unreachable_states.count(name)) {
        node.lines.push_back("unreachable");
        node.unreachable = true;
      }
      if (state.type == asl::StateType::kChoice) node.shape = Shape::kDiamond;
      if (state.type == asl::StateType::kSucceed || state.type == asl::StateType::kFail)
        node.shape = Shape::kDoubleBox;

      if (const auto* map = std::get_if<asl::MapSpec>(&state.spec)) {
        Cluster inner{next_cluster(), fmt::format("{} (Map)", name), {std::move(node)}, {}};
        auto inner_ids = add_machine(*map->processor, inner, false);
        if (auto start = inner_ids.find(map->processor->start_at); start != inner_ids.end())
          graph_.edges.push_back({id, start->second, "each item", false});
        cluster.clusters.push_back(std::move(inner));
      } else if (const auto* parallel = std::get_if<asl::ParallelSpec>(&state.spec)) {
        Cluster outer{next_cluster(), fmt::format("{} (Parallel)", name), {std::move(node)}, {}};
        for (std::size_t i = 0; i < parallel->branches.size(); ++i) {
          const auto& branch = *parallel->branches[i];
          Cluster inner{next_cluster(), fmt::format("Branches[{}]", i), {}, {}};
          auto inner_ids = add_machine(branch, inner, false);
          if (auto start = inner_ids.find(branch.start_at); start != inner_ids.end())
            graph_.edges.push_back({id, start->second, fmt::format("Branches[{}]", i), false});
          outer.clusters.push_back(std::move(inner));
        }
        cluster.clusters.push_back(std::move(outer));
      } else {
        cluster.nodes.push_back(std::move(node));
      }

      if (state.next) edge(id, *state.next, "", false);
      if (const auto* choice = std::get_if<asl::ChoiceSpec>(&state.spec)) {
        for (const auto& rule : choice->choices) edge(id, rule.next, rule_text(rule), false);
        if (choice->default_next) edge(id, *choice->default_next, "Default", false);
      }
      for (std::size_t i = 0; i < state.catchers.size(); ++i) {
        const auto& catcher = state.catchers[i];
        edge(id, catcher.next, fmt::format("{}", fmt::join(catcher.error_equals, ", ")), true,
             options_.unreachable_catchers.count({name, static_cast<int>(i)}) > 0);
      }
      bool ends = state.end || state.type == asl::StateType::kSucceed ||
                  state.type == asl::StateType::kFail;
      if (top && ends) graph_.edges.push_back({id, kEndId, "", false});
    }
    return ids;
  }

  std::string next_cluster() { return fmt::format("cluster_{}", next_cluster_++); }

  const GraphOptions& options_;
  Graph graph_;
  int next_node_ = 0;
  int next_cluster_ = 0;
};

// --- Graphviz dot -----------------------------------------------------------------------

// A dot double-quoted string: backslash and quote escaped, newlines as \n.
std::string dot_quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '\r') continue;
    out += c;
  }
  return out + "\"";
}

std::string dot_label(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += (text.empty() ? "" : "\n") + line;
  return dot_quoted(text);
}

void dot_cluster(const Cluster& cluster, int indent, std::string& out) {
  std::string pad(indent, ' ');
  for (const auto& node : cluster.nodes) {
    out += fmt::format("{}{} [label={}", pad, node.id, dot_label(node.lines));
    switch (node.shape) {
      case Shape::kDiamond: out += ", shape=diamond"; break;
      case Shape::kDoubleBox: out += ", peripheries=2"; break;
      case Shape::kStart: out += ", shape=circle"; break;
      case Shape::kEnd: out += ", shape=doublecircle"; break;
      case Shape::kBox: break;
    }
    if (node.unreachable) out += ", color=red, fontcolor=red, style=\"rounded,dashed\"";
    out += "];\n";
  }
  for (const auto& inner : cluster.clusters) {
    out += fmt::format("{}subgraph {} {{\n{}  label={};\n{}  style=dashed;\n", pad, inner.id, pad,
                       dot_quoted(inner.label), pad);
    dot_cluster(inner, indent + 2, out);
    out += pad + "}\n";
  }
}

// --- Mermaid ------------------------------------------------------------------------------

// Text inside a Mermaid quoted label: entity codes for the characters Mermaid would read.
std::string mermaid_text(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '"': out += "#quot;"; break;
      case '#': out += "#35;"; break;
      case '&': out += "#amp;"; break;
      case '<': out += "#lt;"; break;
      case '>': out += "#gt;"; break;
      case '`': out += "#96;"; break;
      case '|': out += "#124;"; break;
      case '\n': out += "<br/>"; break;
      case '\r': break;
      default: out += c;
    }
  }
  return out;
}

std::string mermaid_label(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += (text.empty() ? "" : "<br/>") + mermaid_text(line);
  return "\"" + text + "\"";
}

// `unreachable` collects the ids of the nodes drawn as unreachable.
void mermaid_cluster(const Cluster& cluster, int indent, std::string& out,
                     std::vector<std::string>& unreachable) {
  std::string pad(indent, ' ');
  for (const auto& node : cluster.nodes) {
    std::string label = mermaid_label(node.lines);
    if (node.unreachable) unreachable.push_back(node.id);
    switch (node.shape) {
      case Shape::kBox: out += fmt::format("{}{}[{}]\n", pad, node.id, label); break;
      case Shape::kDiamond: out += fmt::format("{}{}{{{}}}\n", pad, node.id, label); break;
      case Shape::kDoubleBox: out += fmt::format("{}{}[[{}]]\n", pad, node.id, label); break;
      case Shape::kStart: out += fmt::format("{}{}(({}))\n", pad, node.id, label); break;
      case Shape::kEnd: out += fmt::format("{}{}((({})))\n", pad, node.id, label); break;
    }
  }
  for (const auto& inner : cluster.clusters) {
    out += fmt::format("{}subgraph {} [{}]\n", pad, inner.id, mermaid_label({inner.label}));
    mermaid_cluster(inner, indent + 2, out, unreachable);
    out += pad + "end\n";
  }
}

}  // namespace

std::string to_dot(const asl::StateMachine& machine, const GraphOptions& options) {
  Graph graph = Builder(options).build(machine);
  std::string out =
      "digraph StateMachine {\n"
      "  graph [fontname=\"Helvetica\"];\n"
      "  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
      "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  dot_cluster(graph.root, 2, out);
  for (const auto& edge : graph.edges) {
    std::vector<std::string> attributes;
    if (!edge.label.empty()) attributes.push_back("label=" + dot_quoted(edge.label));
    if (edge.dashed) attributes.push_back("style=dashed");
    if (edge.unreachable) attributes.insert(attributes.end(), {"color=red", "fontcolor=red"});
    out += fmt::format("  {} -> {}", edge.from, edge.to);
    if (!attributes.empty()) out += fmt::format(" [{}]", fmt::join(attributes, ", "));
    out += ";\n";
  }
  return out + "}\n";
}

std::string to_mermaid(const asl::StateMachine& machine, const GraphOptions& options) {
  Graph graph = Builder(options).build(machine);
  std::string out = "flowchart TD\n";
  std::vector<std::string> unreachable;
  mermaid_cluster(graph.root, 2, out, unreachable);
  std::vector<std::size_t> unreachable_edges;
  for (std::size_t i = 0; i < graph.edges.size(); ++i) {
    const Edge& edge = graph.edges[i];
    std::string arrow = edge.dashed ? "-.->" : "-->";
    if (!edge.label.empty()) arrow += "|" + mermaid_label({edge.label}) + "|";
    out += fmt::format("  {} {} {}\n", edge.from, arrow, edge.to);
    if (edge.unreachable) unreachable_edges.push_back(i);
  }
  if (!unreachable.empty() || !unreachable_edges.empty())
    out += "  classDef unreachable stroke:#d00,stroke-dasharray:5 3,color:#d00\n";
  if (!unreachable.empty())
    out += fmt::format("  class {} unreachable\n", fmt::join(unreachable, ","));
  for (std::size_t index : unreachable_edges)
    out += fmt::format("  linkStyle {} stroke:#d00,color:#d00\n", index);
  return out;
}

}  // namespace conflictctl::budget

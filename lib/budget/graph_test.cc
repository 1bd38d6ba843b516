// The graph in both formats: whole outputs for a small machine, and names that need escaping.
#include "budget/graph.h"

#include <catch2/catch.hpp>

#include "asl/parser.h"
#include "budget/test_support.h"

namespace conflictctl::budget {
namespace {

using testing::parse_machine;

// A Task with a Catch, a Choice with a rule and a Default, a Map with two inner states, a Fail.
const std::string kSmall = R"({"StartAt": "Load", "States": {
  "Load": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:etl",
           "Catch": [{"ErrorEquals": ["States.Timeout", "Custom.Error"], "Next": "Failed"}],
           "Next": "Ok?"},
  "Ok?": {"Type": "Choice", "Default": "Failed",
          "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Each"}]},
  "Each": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "Work", "States": {
     "Work": {"Type": "Pass", "Next": "Done"},
     "Done": {"Type": "Succeed"}}}},
  "Failed": {"Type": "Fail", "Error": "Oops"}}})";

}  // namespace

TEST_CASE("dot: states, Next, Choice rules, Default, dashed Catch edges, a Map cluster") {
  CHECK(to_dot(*parse_machine(kSmall)) == R"~(digraph StateMachine {
  graph [fontname="Helvetica"];
  node [shape=box, style=rounded, fontname="Helvetica"];
  edge [fontname="Helvetica", fontsize=10];
  start [label="Start", shape=circle];
  finish [label="End", shape=doublecircle];
  s0 [label="Load\nTask"];
  s1 [label="Ok?\nChoice", shape=diamond];
  s3 [label="Failed\nFail", peripheries=2];
  subgraph cluster_0 {
    label="Each (Map)";
    style=dashed;
    s2 [label="Each\nMap"];
    s4 [label="Work\nPass"];
    s5 [label="Done\nSucceed", peripheries=2];
  }
  start -> s0;
  s0 -> s1;
  s0 -> s3 [label="States.Timeout, Custom.Error", style=dashed];
  s1 -> s2 [label="$.ok == true"];
  s1 -> s3 [label="Default"];
  s4 -> s5;
  s2 -> s4 [label="each item"];
  s2 -> finish;
  s3 -> finish;
}
)~");
}

TEST_CASE("mermaid: the same graph as a flowchart") {
  CHECK(to_mermaid(*parse_machine(kSmall)) == R"~(flowchart TD
  start(("Start"))
  finish((("End")))
  s0["Load<br/>Task"]
  s1{"Ok?<br/>Choice"}
  s3[["Failed<br/>Fail"]]
  subgraph cluster_0 ["Each (Map)"]
    s2["Each<br/>Map"]
    s4["Work<br/>Pass"]
    s5[["Done<br/>Succeed"]]
  end
  start --> s0
  s0 --> s1
  s0 -.->|"States.Timeout, Custom.Error"| s3
  s1 -->|"$.ok == true"| s2
  s1 -->|"Default"| s3
  s4 --> s5
  s2 -->|"each item"| s4
  s2 --> finish
  s3 --> finish
)~");
}

TEST_CASE("annotations add a line to the state's label") {
  GraphOptions options;
  options.annotations["Load"] = "≤ 2,715 s";
  auto dot = to_dot(*parse_machine(kSmall), options);
  CHECK(dot.find(R"(s0 [label="Load\nTask\n≤ 2,715 s"];)") != std::string::npos);
  auto mermaid = to_mermaid(*parse_machine(kSmall), options);
  CHECK(mermaid.find(R"(s0["Load<br/>Task<br/>≤ 2,715 s"])") != std::string::npos);
}

TEST_CASE("unreachable states and Catchers are marked in red in both formats") {
  GraphOptions options;
  options.unreachable_states = {"Failed"};
  options.unreachable_catchers = {{"Load", 0}};
  auto dot = to_dot(*parse_machine(kSmall), options);
  CHECK(dot.find(R"(s3 [label="Failed\nFail\nunreachable", peripheries=2, color=red, )"
                 R"(fontcolor=red, style="rounded,dashed"];)") != std::string::npos);
  CHECK(dot.find(R"~(s0 -> s3 [label="States.Timeout, Custom.Error (unreachable)", )~"
                 R"~(style=dashed, color=red, fontcolor=red];)~") != std::string::npos);
  auto mermaid = to_mermaid(*parse_machine(kSmall), options);
  CHECK(mermaid.find(R"~(  s0 -.->|"States.Timeout, Custom.Error (unreachable)"| s3)~") !=
        std::string::npos);
  CHECK(mermaid.ends_with("  classDef unreachable stroke:#d00,stroke-dasharray:5 3,color:#d00\n"
                          "  class s3 unreachable\n"
                          "  linkStyle 2 stroke:#d00,color:#d00\n"));
}

TEST_CASE("names with quotes, backslashes, markup characters and unicode are escaped") {
  auto machine = parse_machine(R"({"StartAt": "Say \"hi\" \\ <now> #1 | ✓ Über", "States": {
    "Say \"hi\" \\ <now> #1 | ✓ Über": {"Type": "Choice", "Default": "Zeile\nzwei",
      "Choices": [{"Variable": "$.s", "StringEquals": "a\"b", "Next": "Zeile\nzwei"}]},
    "Zeile\nzwei": {"Type": "Succeed"}}})");
  auto dot = to_dot(*machine);
  CHECK(dot.find(R"(s0 [label="Say \"hi\" \\ <now> #1 | ✓ Über\nChoice", shape=diamond];)") !=
        std::string::npos);
  CHECK(dot.find(R"(s1 [label="Zeile\nzwei\nSucceed", peripheries=2];)") != std::string::npos);
  CHECK(dot.find(R"(s0 -> s1 [label="$.s == \"a\\\"b\""];)") != std::string::npos);

  auto mermaid = to_mermaid(*machine);
  CHECK(mermaid.find(R"(s0{"Say #quot;hi#quot; \ #lt;now#gt; #35;1 #124; ✓ Über<br/>Choice"})") !=
        std::string::npos);
  CHECK(mermaid.find(R"(s1[["Zeile<br/>zwei<br/>Succeed"]])") != std::string::npos);
  CHECK(mermaid.find(R"(s0 -->|"$.s == #quot;a\#quot;b#quot;"| s1)") != std::string::npos);
}

TEST_CASE("a Parallel is a cluster with one cluster per branch") {
  auto machine = parse_machine(R"({"StartAt": "Both", "States": {"Both": {"Type": "Parallel",
    "End": true, "Branches": [
      {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
      {"StartAt": "B", "States": {"B": {"Type": "Wait", "Seconds": 1, "End": true}}}]}}})");
  CHECK(to_dot(*machine) == R"~(digraph StateMachine {
  graph [fontname="Helvetica"];
  node [shape=box, style=rounded, fontname="Helvetica"];
  edge [fontname="Helvetica", fontsize=10];
  start [label="Start", shape=circle];
  finish [label="End", shape=doublecircle];
  subgraph cluster_0 {
    label="Both (Parallel)";
    style=dashed;
    s0 [label="Both\nParallel"];
    subgraph cluster_1 {
      label="Branches[0]";
      style=dashed;
      s1 [label="A\nPass"];
    }
    subgraph cluster_2 {
      label="Branches[1]";
      style=dashed;
      s2 [label="B\nWait"];
    }
  }
  start -> s0;
  s0 -> s1 [label="Branches[0]"];
  s0 -> s2 [label="Branches[1]"];
  s0 -> finish;
}
)~");
}

}  // namespace conflictctl::budget

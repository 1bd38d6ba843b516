#include "explore/gate.h"

#include <catch2/catch.hpp>

using namespace conflictctl;
using namespace conflictctl::explore;

TEST_CASE("the gate names each kind asked for that the report has") {
  Report report;
  report.unreachable_states.push_back({"ChunkFailed", "ProcessTask02Chunks", ""});
  asl::Catcher catcher;
  report.unreachable_catchers.push_back({"ProcessSingleChunk", 1, &catcher, ""});
  report.escaping_errors.push_back({"States.Timeout", "Load", {}});
  report.escaping_errors.push_back({"Boom", "Load", {}});
  report.over_limits.push_back({"Lambda timeout of export (900 s)", 7, {}, 2500});

  CHECK(gate_findings(report, {}).empty());
  CHECK(gate_findings(report, {"over-limit", "uncaught", "unreachable"}) ==
        std::vector<std::string>{
            "--fail-on unreachable: 1 unreachable state and 1 Catcher",
            "--fail-on uncaught: 2 errors escape every Catcher",
            "--fail-on over-limit: scenarios over Lambda timeout of export (900 s)"});
  report.escaping_errors.pop_back();
  CHECK(gate_findings(report, {"uncaught"}) ==
        std::vector<std::string>{"--fail-on uncaught: 1 error escapes every Catcher"});
  CHECK(gate_findings(Report{}, {"unreachable", "uncaught", "over-limit"}).empty());
}

// Golden tests of `conflictctl explore`'s report: small state machines built to have an
// unreachable Catcher, an error that escapes, a retry chain over the Lambda limit and a Map
// tolerance threshold, explored on the virtual clock. One file per case in test/explore/:
//
//   {"description": "...", "definition": {ASL}, "input": {...},
//    "expected": ["the report's text, one line per element", ...]}
//
// The definition is written to "<case>.asl.json" in a fresh directory, so the report names
// the state machine after the case. Tasks have no mocks or bindings: the baseline returns {}
// from every call, and each Lambda function's timeout is Lambda's 900 s.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "explore/explore.h"
#include "explore/report.h"

namespace {

using conflictctl::Json;
namespace fs = std::filesystem;

std::string slurp(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void run_case(const fs::path& file) {
  Json golden = Json::parse(slurp(file));
  INFO(file.filename().string() << ": " << golden.value("description", ""));
  fs::path dir = fs::temp_directory_path() / ("conflictctl_explore_golden_" + file.stem().string());
  fs::create_directories(dir);
  fs::path definition = dir / (file.stem().string() + ".asl.json");
  std::ofstream(definition) << golden.at("definition").dump(2);

  conflictctl::explore::ExploreRequest request;
  request.definition = definition.string();
  request.input = golden.value("input", Json::object());
  auto loaded = conflictctl::explore::load_subject(request);
  for (const auto& diagnostic : loaded.diagnostics) FAIL(diagnostic.to_string());
  REQUIRE(loaded.subject);
  auto report = conflictctl::explore::explore(*loaded.subject, request);
  std::string expected;
  for (const auto& line : golden.at("expected")) expected += line.get<std::string>() + "\n";
  CHECK(conflictctl::explore::format_text(report) == expected);
  fs::remove_all(dir);
}

}  // namespace

TEST_CASE("explore reports on small state machines") {
  fs::path dir = CONFLICTCTL_EXPLORE_GOLDEN_DIR;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE(!files.empty());
  for (const auto& file : files) {
    DYNAMIC_SECTION(file.stem().string()) { run_case(file); }
  }
}

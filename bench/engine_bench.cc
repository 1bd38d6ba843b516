// The engine's own cost per state transition, in process: no start-up, no file reading, no
// report — what is left of a run when the process around it is taken away.
//
//   engine_bench [--rounds R] WORKLOAD_DIR...    (R default 5)
//
// Each WORKLOAD_DIR is one folder written by bench/race/workloads.py (definition.asl.json,
// input.json, mocks.json with test case "Race", meta.json with the workflow type). The
// definition and mocks are read once; then the execution runs R times on the virtual clock and
// the fastest round is printed: its time, its state transitions (StateEntered events), its
// history events, and the nanoseconds per transition and per event. bench/race.sh runs it
// after the whole-process race; docs/performance.md has the figures.
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "asl/parser.h"
#include "core/clock.h"
#include "core/logger.h"
#include "engine/executor.h"
#include "tasks/mock_config.h"
#include "tasks/mock_runner.h"

using namespace conflictctl;

namespace {

[[noreturn]] void die(const std::string& message) {
  fmt::print(stderr, "engine_bench: {}\n", message);
  std::exit(1);
}

Json read_json(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) die(fmt::format("cannot read {}", path.string()));
  std::stringstream text;
  text << in.rdbuf();
  Json value = Json::parse(text.str(), nullptr, false);
  if (value.is_discarded()) die(fmt::format("{}: not JSON", path.string()));
  return value;
}

void bench(std::filesystem::path dir, int rounds) {
  if (dir.filename().empty()) dir = dir.parent_path();  // "chain_200/", as a shell glob gives it
  std::string name = dir.filename().string();
  auto loaded = asl::load_definition((dir / "definition.asl.json").string());
  if (!loaded.machine) die(fmt::format("{}: invalid definition", name));
  auto mocks = tasks::load_mock_config((dir / "mocks.json").string());
  if (!mocks.config) die(fmt::format("{}: invalid mocks", name));
  auto test_case = mocks.config->test_case(name, "Race");
  if (!test_case) die(test_case.error().cause);
  Json input = read_json(dir / "input.json");
  auto type = parse_workflow_type(read_json(dir / "meta.json").value("type", "STANDARD"));

  SystemClock wall;
  NullLogger log;
  double best = std::numeric_limits<double>::infinity();
  std::size_t transitions = 0;
  std::size_t events = 0;
  for (int round = 0; round < rounds; ++round) {
    tasks::MockRunner runner(*test_case, nullptr);  // counts calls afresh each round
    VirtualClock clock(wall.now());
    engine::ExecutionOptions options;
    options.input = input;
    options.state_machine_name = name;
    options.type = type.value_or(WorkflowType::kStandard);
    Timestamp start = wall.now();
    auto result = engine::execute(*loaded.machine, options, {runner, clock, log});
    double seconds = millis_to_seconds(wall.now() - start);
    if (result.status != engine::ExecutionStatus::kSucceeded)
      die(fmt::format("{}: {}", name, result.error ? result.error->cause : "did not succeed"));
    best = std::min(best, seconds);
    events = result.history.events().size();
    transitions = static_cast<std::size_t>(std::count_if(
        result.history.events().begin(), result.history.events().end(),
        [](const engine::HistoryEvent& event) { return event.type.ends_with("StateEntered"); }));
  }
  fmt::print("| {} | {:.1f} ms | {} | {} | {:.0f} ns | {:.0f} ns |\n", name, best * 1000,
             transitions, events, best * 1e9 / static_cast<double>(transitions),
             best * 1e9 / static_cast<double>(events));
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 5;
  std::vector<std::string> dirs;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--rounds" && i + 1 < argc) rounds = std::max(1, std::atoi(argv[++i]));
    else dirs.push_back(arg);
  }
  if (dirs.empty()) die("usage: engine_bench [--rounds R] WORKLOAD_DIR...");
  fmt::print("In process, best of {} rounds (the clock reads milliseconds):\n\n", rounds);
  fmt::print("| workload | engine::execute | state transitions | history events | per transition | per event |\n");
  fmt::print("|---|---:|---:|---:|---:|---:|\n");
  for (const auto& dir : dirs) bench(dir, rounds);
}

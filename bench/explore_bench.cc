// `conflictctl explore`'s cost, in process: the pipelines' default scenario sets (and, with
// --pairs, every two faults together) explored on the virtual clock, the fastest of R rounds.
//
//   explore_bench [--rounds R] [PIPELINE...]   (R default 5; default pipelines: the three)
//
// Loading the pipeline is done once and not timed; a round is explore::explore, the baseline
// and every scenario run and the report made. Prints one Markdown row per pipeline and scenario
// set: scenarios, the round's time, scenarios per second. docs/performance.md has the figures;
// issue 20's target is the daily pipeline's default set under a second.
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "core/clock.h"
#include "explore/explore.h"

using namespace conflictctl;

namespace {

[[noreturn]] void die(const std::string& message) {
  fmt::print(stderr, "explore_bench: {}\n", message);
  std::exit(1);
}

void bench(const std::string& name, bool pairs, int rounds) {
  explore::ExploreRequest request;
  request.pipeline = name;
  request.pairs = pairs;
  request.max_scenarios = std::numeric_limits<std::size_t>::max();
  auto loaded = explore::load_subject(request);
  if (!loaded.subject) die(fmt::format("{}: {}", name, loaded.diagnostics.front().to_string()));
  SystemClock wall;
  double best = std::numeric_limits<double>::infinity();
  std::size_t scenarios = 0;
  for (int round = 0; round < rounds; ++round) {
    Timestamp start = wall.now();
    auto report = explore::explore(*loaded.subject, request);
    best = std::min(best, millis_to_seconds(wall.now() - start));
    scenarios = report.scenarios_run;
  }
  fmt::print("| {} | {} | {} | {:.1f} ms | {:.0f} |\n", name, pairs ? "with --pairs" : "default",
             scenarios, best * 1000, static_cast<double>(scenarios) / best);
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 5;
  std::vector<std::string> names;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--rounds" && i + 1 < argc) rounds = std::max(1, std::atoi(argv[++i]));
    else names.push_back(arg);
  }
  if (names.empty())
    names = {"conflict_report", "conflict_report_daily", "conflict_report_chunked"};
  fmt::print("In process, best of {} rounds (the clock reads milliseconds):\n\n", rounds);
  fmt::print("| pipeline | scenario set | scenarios (baseline included) | explore | "
             "scenarios per second |\n");
  fmt::print("|---|---|---:|---:|---:|\n");
  for (const auto& name : names) {
    bench(name, false, rounds);
    bench(name, true, rounds);
  }
}

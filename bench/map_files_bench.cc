// A Distributed Map over large item files, in process: how long a Map Run over a generated
// JSON Lines file and a generated CSV file takes and how much memory it needs at most.
//
//   map_files_bench [--lines N]    (N default 100000)
//
// Writes N lines of each file to a temporary folder (s3://bench), then runs, each in a
// process of its own so that its peak resident set size is its own, each file
//   - batched 100 items at a time (ItemBatcher): a batch whose last item is bad fails (a
//     Choice to a Fail state), one batch in ten, all of its items counted as failed, which
//     ToleratedFailurePercentage 15 tolerates;
//   - one child execution per item: every 1,000th item is bad and fails, which
//     ToleratedFailurePercentage 1 tolerates;
// with results to a ResultWriter folder, on the virtual clock. Prints, per run: the status,
// wall time and peak RSS. Items stream from the files (engine/item_reader.h) and
// results stream to the writer (engine/result_writer.h), so memory need not grow with N.
#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "asl/parser.h"
#include "core/clock.h"
#include "core/logger.h"
#include "engine/executor.h"
#include "tasks/registry.h"

using namespace conflictctl;

namespace {

namespace fs = std::filesystem;

// `bad`: the path to the "bad" field that fails an item (or a batch); `tolerated`: the
// ToleratedFailurePercentage.
std::string definition(const std::string& reader, const std::string& batcher,
                       const std::string& bad, int tolerated) {
  return fmt::format(R"({{"StartAt": "Items", "States": {{"Items": {{
    "Type": "Map", "End": true, "MaxConcurrency": 1000, "ToleratedFailurePercentage": {},
    "ItemReader": {{"Resource": "arn:aws:states:::s3:getObject", {}}},
    {}
    "ResultWriter": {{"Resource": "arn:aws:states:::s3:putObject",
                      "Parameters": {{"Bucket": "bench", "Prefix": "results"}}}},
    "ItemProcessor": {{"ProcessorConfig": {{"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}},
      "StartAt": "Check", "States": {{
        "Check": {{"Type": "Choice", "Default": "Done", "Choices": [
          {{"And": [{{"Variable": "{}", "IsPresent": true}},
                    {{"Variable": "{}", "StringEquals": "yes"}}], "Next": "Reject"}}]}},
        "Reject": {{"Type": "Fail", "Error": "Rejected", "Cause": "a bad item"}},
        "Done": {{"Type": "Pass", "End": true}}}}}}}}}}}})",
                     tolerated, reader, batcher, bad, bad);
}

void run(const std::string& name, const std::string& text, const fs::path& dir) {
  auto loaded = asl::parse_definition(text, name);
  if (!loaded.machine) {
    for (const auto& diagnostic : loaded.diagnostics) fmt::print("{}\n", diagnostic.to_string());
    std::exit(1);
  }
  tasks::Registry runner;
  VirtualClock clock(SystemClock().now());
  NullLogger log;
  engine::ExecutionOptions options;
  options.s3_roots.push_back(engine::S3Root{"bench/", dir});
  SystemClock wall;
  Timestamp started = wall.now();
  auto result = engine::execute(*loaded.machine, options, {runner, clock, log});
  double seconds = millis_to_seconds(wall.now() - started);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  fmt::print("{:<34} {:>9} {:>6.2f} s  peak RSS {:>6.1f} MiB  {}\n", name,
             engine::to_string(result.status), seconds,
             static_cast<double>(usage.ru_maxrss) / 1024.0,
             result.error ? result.error->name + ": " + result.error->cause : "");
}

// Runs `name` in a child process, so that its peak RSS is its own.
void run_apart(const std::string& name, const std::string& text, const fs::path& dir) {
  std::fflush(stdout);  // else the child prints what the parent had buffered again
  pid_t child = fork();
  if (child == 0) {
    run(name, text, dir);
    std::fflush(stdout);
    std::_Exit(0);
  }
  int status = 0;
  waitpid(child, &status, 0);
}

}  // namespace

int main(int argc, char** argv) {
  long lines = 100000;
  if (argc == 3 && std::string(argv[1]) == "--lines") lines = std::atol(argv[2]);
  const fs::path dir = fs::temp_directory_path() / "conflictctl_map_files_bench";
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    std::ofstream jsonl(dir / "items.jsonl");
    std::ofstream csv(dir / "items.csv");
    csv << "id,name,bad\n";
    for (long i = 0; i < lines; ++i) {
      const char* bad = i % 1000 == 999 ? "yes" : "no";
      jsonl << fmt::format(R"({{"id": {}, "name": "item {}", "bad": "{}"}})", i, i, bad) << '\n';
      csv << fmt::format("{},\"item {}\",{}\n", i, i, bad);
    }
  }
  fmt::print("{} lines a file, in {}\n", lines, dir.string());
  const std::string jsonl = R"("Parameters": {"Bucket": "bench", "Key": "items.jsonl"},
                               "ReaderConfig": {"InputType": "JSONL"})";
  const std::string csv = R"("Parameters": {"Bucket": "bench", "Key": "items.csv"},
                             "ReaderConfig": {"InputType": "CSV",
                                              "CSVHeaderLocation": "FIRST_ROW"})";
  const std::string batches = R"("ItemBatcher": {"MaxItemsPerBatch": 100},)";
  // Item 999 of each thousand is bad: the last item of one batch of 100 in ten.
  run_apart("JSON Lines, batches of 100", definition(jsonl, batches, "$.Items[99].bad", 15), dir);
  run_apart("JSON Lines, one item a child", definition(jsonl, "", "$.bad", 1), dir);
  run_apart("CSV (header row), batches of 100", definition(csv, batches, "$.Items[99].bad", 15),
            dir);
  run_apart("CSV (header row), one row a child", definition(csv, "", "$.bad", 1), dir);
  fs::remove_all(dir);
  return 0;
}

#pragma once
// Helpers shared by the budget tests (not part of the library): run records made by running
// a definition with mocked tasks on the virtual clock, as `simulate --mock` records them.
#include <catch2/catch.hpp>
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "asl/parser.h"
#include "budget/run_store.h"
#include "core/clock.h"
#include "core/logger.h"
#include "engine/executor.h"
#include "tasks/mock_config.h"
#include "tasks/mock_runner.h"

namespace conflictctl::budget::testing {

// A fresh directory, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "budget_test_XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The machine of `text` (ASL JSON); fails the test with the diagnostics when it is invalid.
inline std::shared_ptr<const asl::StateMachine> parse_machine(const std::string& text) {
  auto loaded = asl::parse_definition(text, "test.asl.json");
  for (const auto& diagnostic : loaded.diagnostics) FAIL(diagnostic.to_string());
  return loaded.machine;
}

// 2024-01-01T00:00:00Z plus `seconds`.
inline Timestamp at(double seconds) {
  return *parse_timestamp("2024-01-01T00:00:00Z") + seconds_to_millis(seconds);
}

// Runs `definition` (ASL JSON text) with the tasks of test case `test_case` of `mocks` (a mock
// configuration whose state machine is named "test") on a virtual clock starting at `start`.
// The record is a mock run; tests that need "real" runs change mode and virtual_clock.
inline RunRecord mock_run(const std::string& definition, const std::string& mocks,
                          const std::string& test_case, const std::string& id = "run-1",
                          Timestamp start = at(0), Json input = Json::object()) {
  auto loaded = asl::parse_definition(definition, "test.asl.json");
  for (const auto& diagnostic : loaded.diagnostics) FAIL(diagnostic.to_string());
  auto config = tasks::parse_mock_config(mocks, "mocks.json");
  for (const auto& diagnostic : config.diagnostics) FAIL(diagnostic.to_string());
  auto selected = config.config->test_case("test", test_case);
  if (!selected) FAIL(selected.error().cause);
  tasks::MockRunner runner(std::move(*selected), nullptr);
  VirtualClock clock(start);
  NullLogger log;
  engine::ExecutionOptions options;
  options.input = input;
  options.state_machine_name = "test";
  auto result = engine::execute(*loaded.machine, options, {runner, clock, log});

  RunRecord record;
  record.id = id;
  record.command = "simulate";
  record.pipeline = "test";
  record.definition_path = "test.asl.json";
  record.mode = "mock";
  record.virtual_clock = true;
  record.status = std::string(engine::to_string(result.status));
  record.started = result.started;
  record.finished = result.stopped;
  record.definition = Json::parse(definition);
  record.input = input;
  record.history = result.history.to_json();
  return record;
}

// The same record as a run on the real clock against the database.
inline RunRecord as_real(RunRecord record) {
  record.mode = "database";
  record.virtual_clock = false;
  return record;
}

}  // namespace conflictctl::budget::testing

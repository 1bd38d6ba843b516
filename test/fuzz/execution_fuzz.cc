// libFuzzer entry point: whole executions on the virtual clock. The bytes are up to three
// sections separated by lines that hold only "---":
//   1. the definition (asl::parse_definition; an invalid one ends the run);
//   2. the input (JSON; absent or not JSON: {});
//   3. an AWS Step Functions Local mock configuration (tasks/mock_config.h; its first
//      state machine's first test case is played); Task states it does not mock succeed
//      with their input.
// Bounded: about kMaxEvents history events at most (ExecutionOptions::max_history_events), and
// the inputs are short (-max_len); the virtual clock makes any Wait instant.
// The contract: the execution ends (never RUNNING) — SUCCEEDED without an error, any other
// status with a named one; its history opens with ExecutionStarted and closes with the
// matching Execution* event, stays within the cap, and its time within the one-year limit;
// its output prints and reads back; its summary (engine/run_summary.h) is made and printed.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "asl/limits.h"
#include "asl/parser.h"
#include "core/clock.h"
#include "core/json_text.h"
#include "core/logger.h"
#include "engine/executor.h"
#include "engine/run_summary.h"
#include "tasks/mock_config.h"
#include "tasks/mock_runner.h"

using namespace conflictctl;

namespace {

constexpr std::size_t kMaxEvents = 1000;

// Succeeds with the Task's input: what an unmocked Task returns.
class Echo final : public engine::TaskRunner {
 public:
  engine::TaskOutcome invoke(const engine::TaskInvocation& invocation, engine::TaskContext&) override {
    return engine::TaskOutcome::success(invocation.payload);
  }
};

std::vector<std::string> sections(std::string_view bytes) {
  std::vector<std::string> out(1);
  while (!bytes.empty()) {
    const std::size_t end = bytes.find('\n');
    const std::string_view line = bytes.substr(0, end);
    bytes = end == std::string_view::npos ? std::string_view() : bytes.substr(end + 1);
    if (line == "---") {
      out.emplace_back();
    } else {
      out.back() += line;
      out.back() += '\n';
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::string> parts =
      sections(std::string_view(reinterpret_cast<const char*>(data), size));
  asl::Loaded loaded = asl::parse_definition(parts[0], "fuzz.asl.json");
  if (!loaded.machine) return 0;

  engine::ExecutionOptions options;
  options.execution_name = "fuzz";
  options.state_machine_name = "Fuzz";
  options.max_history_events = kMaxEvents;
  if (parts.size() > 1) {
    if (Result<Json> input = parse_json_text(parts[1], "input"); input) options.input = *input;
  }
  tasks::MockTestCase test_case;
  if (parts.size() > 2) {
    tasks::LoadedMockConfig mocks = tasks::parse_mock_config(parts[2], "mocks.json");
    if (mocks.config && !mocks.config->state_machines.empty() &&
        !mocks.config->state_machines.begin()->second.empty()) {
      const auto& [machine, cases] = *mocks.config->state_machines.begin();
      Result<tasks::MockTestCase> chosen = mocks.config->test_case(machine, cases.begin()->first);
      if (!chosen) __builtin_trap();  // a test case the file lists can be played
      test_case = *chosen;
      options.state_machine_name = machine;
    }
  }
  tasks::MockRunner runner(test_case, std::make_shared<Echo>());
  VirtualClock clock(*parse_timestamp("2024-01-01T00:00:00Z"));
  NullLogger log;
  engine::ExecutionResult result = engine::execute(*loaded.machine, options, {runner, clock, log});

  if (result.status == engine::ExecutionStatus::kRunning) __builtin_trap();
  if ((result.status == engine::ExecutionStatus::kSucceeded) == result.error.has_value())
    __builtin_trap();
  if (result.error && result.error->name.empty()) __builtin_trap();
  const auto& events = result.history.events();
  if (events.size() < 2 || events.front().type != "ExecutionStarted") __builtin_trap();
  if (!events.back().type.starts_with("Execution")) __builtin_trap();
  if (events.size() > 2 * kMaxEvents) __builtin_trap();  // one step may add several events
  if (result.stopped < result.started ||
      millis_to_seconds(result.stopped - result.started) > asl::limits::kExecutionMaxSeconds)
    __builtin_trap();
  if (!parse_json_text(to_compact(result.output), "output")) __builtin_trap();

  const engine::FunctionTimeout no_timeouts = [](const std::string&) {
    return std::optional<double>();
  };
  (void)engine::format_text(engine::summarize(*loaded.machine, result, no_timeouts), true);
  return 0;
}

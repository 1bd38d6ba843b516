// libFuzzer entry point: the bytes as an AWS Step Functions Local mock configuration →
// tasks::parse_mock_config. Whatever the bytes: a config exactly when there are no
// diagnostics, every diagnostic prints, and a config keeps the header's promises — each
// mocked response's entries run from invocation 0 without gaps, each entry either returns
// or throws, a duration is a number ≥ 0, and every test case it lists can be played.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "tasks/mock_config.h"

using namespace conflictctl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  tasks::LoadedMockConfig loaded = tasks::parse_mock_config(text, "fuzz.json");
  for (const Diagnostic& diagnostic : loaded.diagnostics) (void)diagnostic.to_string();
  if (loaded.config.has_value() == !loaded.diagnostics.empty()) __builtin_trap();
  if (!loaded.config) return 0;

  for (const auto& [name, response] : loaded.config->responses) {
    int next = 0;
    for (const tasks::MockEntry& entry : response.entries) {
      if (entry.first != next || entry.last < entry.first) __builtin_trap();
      if (entry.value.has_value() == entry.error.has_value()) __builtin_trap();
      if (entry.duration_seconds &&
          !(std::isfinite(*entry.duration_seconds) && *entry.duration_seconds >= 0))
        __builtin_trap();
      next = entry.last + 1;
    }
    if (response.invocation_count() != next) __builtin_trap();
    if (next > 0 && response.entry_for(next - 1) == nullptr) __builtin_trap();
    if (response.entry_for(next) != nullptr) __builtin_trap();
  }
  for (const auto& [machine, cases] : loaded.config->state_machines)
    for (const auto& [test_case, states] : cases)
      if (!loaded.config->test_case(machine, test_case)) __builtin_trap();
  return 0;
}

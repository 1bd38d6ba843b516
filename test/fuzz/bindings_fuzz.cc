// libFuzzer entry point: the bytes as a pipeline's bindings YAML → tasks::parse_bindings.
// Whatever the bytes: bindings exactly when there are no diagnostics, every diagnostic
// prints, and bindings keep the header's ranges (a timeout of 1..900 s, 128..10,240 MB).
// The file is named fuzz/fuzz.yaml, so that its `name` may match and its definition is
// looked for under fuzz/ (normally absent: a diagnostic).
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/lambda_limits.h"
#include "tasks/bindings.h"

using namespace conflictctl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  tasks::LoadedBindings loaded = tasks::parse_bindings(text, "fuzz/fuzz.yaml");
  for (const Diagnostic& diagnostic : loaded.diagnostics) (void)diagnostic.to_string();
  if (loaded.bindings.has_value() == !loaded.diagnostics.empty()) __builtin_trap();
  if (!loaded.bindings) return 0;
  for (const tasks::FunctionBinding& function : loaded.bindings->functions) {
    if (function.timeout_seconds < 1 ||
        function.timeout_seconds > lambda::kMaxTimeoutSeconds)
      __builtin_trap();
    if (function.memory_mb < lambda::kMinMemoryMb ||
        function.memory_mb > lambda::kMaxMemoryMb)
      __builtin_trap();
    if (loaded.bindings->find(function.name) == nullptr) __builtin_trap();
  }
  return 0;
}

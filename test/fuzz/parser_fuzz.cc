// libFuzzer entry point: feeds arbitrary bytes to asl::parse_definition, which must turn
// every input into a machine or diagnostics — never a crash, an exception or undefined
// behaviour. Seed inputs are in test/fuzz/corpus/parser/.
#include <cstddef>
#include <cstdint>
#include <string>

#include "asl/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  conflictctl::asl::Loaded loaded = conflictctl::asl::parse_definition(text, "fuzz.asl.json");
  // Each diagnostic must print; a machine is returned exactly when there are none.
  for (const auto& diagnostic : loaded.diagnostics) (void)diagnostic.to_string();
  if (loaded.diagnostics.empty() != (loaded.machine != nullptr)) __builtin_trap();
  return 0;
}

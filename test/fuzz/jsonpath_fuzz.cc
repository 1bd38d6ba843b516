// libFuzzer entry point: JSONPath. The first line is a path, the rest its JSON input
// (fuzz_input.h). check_path and evaluate_path must answer every text with a value or an
// Error — never a crash, an exception, undefined behaviour or unbounded recursion — and the
// two must agree on which texts are valid.
#include <cstddef>
#include <cstdint>

#include "dataflow/path.h"
#include "fuzz_input.h"

using namespace conflictctl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fuzz::Split split = fuzz::split_input(data, size);
  const std::string problem = dataflow::check_path(split.text, dataflow::PathKind::kPath);
  Result<Json> value = dataflow::evaluate_path(split.text, split.input, fuzz::fuzz_context());
  if (!problem.empty() && value.ok()) __builtin_trap();  // an invalid path evaluated
  if (value) (void)to_compact(*value);
  (void)dataflow::check_path(split.text, dataflow::PathKind::kReferencePath);
  return 0;
}

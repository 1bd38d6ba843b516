// libFuzzer entry point: intrinsic function calls. The first line is a call such as
// "States.Format('{}', $.a)", the rest its JSON input (fuzz_input.h). check_intrinsic and
// evaluate_intrinsic must answer every text with a value or a States.Runtime error — never a
// crash, an exception, undefined behaviour (MathAdd overflow, ArrayRange sizes) or unbounded
// recursion.
#include <cstddef>
#include <cstdint>

#include "core/random.h"
#include "dataflow/intrinsics.h"
#include "fuzz_input.h"

using namespace conflictctl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fuzz::Split split = fuzz::split_input(data, size);
  const std::string problem = dataflow::check_intrinsic(split.text);
  Random random(7);
  Result<Json> value =
      dataflow::evaluate_intrinsic(split.text, split.input, fuzz::fuzz_context(), random);
  if (!problem.empty() && value.ok()) __builtin_trap();  // a malformed call evaluated
  if (value) (void)to_compact(*value);
  if (!value && value.error().name != "States.Runtime") __builtin_trap();
  return 0;
}

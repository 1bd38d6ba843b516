// libFuzzer entry point: JSONata. The first line is an expression, the rest its JSON input
// (fuzz_input.h). Parsing and evaluating must answer every text with a value or an Error —
// never a crash, an exception, undefined behaviour, unbounded recursion or memory — under
// tight Limits.
#include <cstddef>
#include <cstdint>

#include "fuzz_input.h"
#include "jsonata/jsonata.h"
#include "jsonata/step_functions.h"

using namespace conflictctl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fuzz::Split split = fuzz::split_input(data, size);
  Result<jsonata::Expression> expression = jsonata::Expression::parse(split.text);
  if (!expression) return 0;
  if (expression->text() != split.text) __builtin_trap();
  Random random(7);
  jsonata::Environment environment;
  environment.variables["states"] = Json{{"input", split.input}, {"context", fuzz::fuzz_context()}};
  environment.functions = jsonata::step_functions_library(random);
  environment.random = &random;
  environment.limits.max_depth = 200;
  environment.limits.max_steps = 200'000;
  environment.limits.max_string_bytes = 1'000'000;
  Result<jsonata::Value> value = expression->evaluate(split.input, environment);
  if (value && value->has_value()) (void)to_compact(**value);
  return 0;
}

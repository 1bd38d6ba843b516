// libFuzzer entry point: payload templates (Parameters, ItemSelector, ResultSelector). The
// first line is the template as JSON, the rest the state's JSON input (fuzz_input.h). Every
// template must be checked and applied without a crash, an exception or undefined
// behaviour; a template check_template accepts may still fail at run time, but only with
// an ASL error.
#include <cstddef>
#include <cstdint>

#include "core/json_text.h"
#include "core/random.h"
#include "dataflow/payload_template.h"
#include "fuzz_input.h"

using namespace conflictctl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fuzz::Split split = fuzz::split_input(data, size);
  Result<Json> tmpl = parse_json_text(split.text, "template");
  if (!tmpl) return 0;
  for (const auto& problem : dataflow::check_template(*tmpl, "/Parameters"))
    (void)problem.message.size();
  Random random(7);
  Result<Json> value = dataflow::apply_template(*tmpl, split.input, fuzz::fuzz_context(), random);
  if (value) (void)to_compact(*value);
  if (!value && !value.error().name.starts_with("States.")) __builtin_trap();
  return 0;
}

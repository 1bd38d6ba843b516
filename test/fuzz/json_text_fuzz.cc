// libFuzzer entry point: the reader of untrusted JSON text (core/json_text.h) — --input,
// mock configurations, Lambda responses, States.StringToJson, run records. Whatever the
// bytes, it returns a value or an Error; a value prints, copies and compares without
// exhausting the stack (its depth is capped), and what it prints reads back.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/json_text.h"
#include "dataflow/json_equality.h"

using namespace conflictctl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Result<Json> value = parse_json_text(text, "fuzz");
  if (!value) return 0;
  const std::string printed = to_compact(*value);
  Result<Json> again = parse_json_text(printed, "printed");
  if (!again) __builtin_trap();  // what we print, we must read
  // to_compact's own printing must match nlohmann's, byte for byte.
  if (printed != value->dump(-1, ' ', false, Json::error_handler_t::replace)) __builtin_trap();
  if (compact_size(*value) != printed.size()) __builtin_trap();  // its size, counted apart
  const Json copy = *value;
  (void)dataflow::json_equal(copy, *again);  // recursive compare: must stay within the stack
  return 0;
}

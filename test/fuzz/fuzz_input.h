#pragma once
// How the libFuzzer targets read their bytes: the first line is the text under test (a path,
// an intrinsic call), the rest is the JSON input it runs against. Rest that is not JSON (or
// nests too deep) gives an input of {}; the context object is fixed.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/json.h"
#include "core/json_text.h"

namespace conflictctl::fuzz {

struct Split {
  std::string_view text;
  Json input;
};

inline Split split_input(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = bytes.find('\n');
  Split split{bytes.substr(0, newline), Json::object()};
  if (newline != std::string_view::npos) {
    Result<Json> parsed = parse_json_text(bytes.substr(newline + 1), "fuzz");
    if (parsed) split.input = std::move(*parsed);
  }
  return split;
}

inline const Json& fuzz_context() {
  static const Json context = Json::parse(R"({"Execution": {"Id": "arn:x", "Input": {"a": 1},
    "StartTime": "2024-01-01T00:00:00.000Z"}, "State": {"Name": "S", "RetryCount": 0},
    "Map": {"Item": {"Index": 2, "Value": [1, {"b": null}]}}})");
  return context;
}

}  // namespace conflictctl::fuzz

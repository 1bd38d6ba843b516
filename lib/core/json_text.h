#pragma once
// Reading JSON text that comes from outside the definition: `--input`, mock configuration
// files, Lambda events and Invoke responses, States.StringToJson arguments, run records.
//
// One reader for all of them, so every untrusted text gets the same two checks:
//  - a syntax error becomes "SOURCE:LINE:COLUMN: not valid JSON: <what>" (1-based line and
//    column; columns count UTF-8 characters);
//  - nesting deeper than kMaxJsonDepth arrays and objects is refused before a value is
//    built: "SOURCE:LINE:COLUMN: JSON nested more than 512 levels deep". Copies, printing
//    and comparison of JSON values recurse once per level, so a capped depth is what keeps a
//    hostile 50,000-deep array from exhausting the stack anywhere downstream.
// The definition reader (asl/json_document.h) applies the same limit.
//
// The returned Error has an empty name: the caller knows which ASL error (if any) a bad
// text is, e.g. States.Runtime for States.StringToJson. Thread-safe; no state.
#include <string>
#include <string_view>
#include <variant>

#include "core/error.h"
#include "core/json.h"

namespace conflictctl {

// Real documents stay far below this; AWS limits payloads to 256 KiB but not their depth.
inline constexpr int kMaxJsonDepth = 512;

// `source` names the text in messages: a file name, "--input", "the Lambda response".
Result<Json> parse_json_text(std::string_view text, std::string_view source);

// Why a text was not read, before parse_json_text words it: for readers that report a
// Diagnostic of their own (mock configuration files) and for callers that word the two cases
// apart (a Lambda payload nested too deep is not "not JSON").
struct JsonTextProblem {
  bool too_deep = false;  // nested deeper than kMaxJsonDepth; otherwise not valid JSON
  int line = 0;           // 1-based; 0 when there is no position (a number such as 1e400)
  int column = 0;
  // too_deep: "JSON nested more than 512 levels deep"; otherwise nlohmann's complaint as
  // syntax_error_text words it ("syntax error while parsing value - invalid literal").
  std::string what;
};

// The same reading as parse_json_text: the value, or the problem.
std::variant<Json, JsonTextProblem> read_json_text(std::string_view text);

// nlohmann's parse_error text without its prefix, location and "last read" echo (which may
// run back over earlier tokens): "[json.exception.parse_error.101] parse error at line 1,
// column 7: syntax error while parsing value - invalid literal; last read: 'tru'" becomes
// "syntax error while parsing value - invalid literal".
std::string syntax_error_text(const std::string& what);

// The byte offset of the first bracket that opens level kMaxJsonDepth + 1, or npos when the
// text (read as JSON, strings skipped) nests no deeper than the limit.
std::size_t find_excess_nesting(std::string_view text);

}  // namespace conflictctl

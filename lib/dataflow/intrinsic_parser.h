#pragma once
// The syntax of intrinsic function calls, e.g. "States.Format('{} items', $.count)": a
// hand-written recursive-descent parser from text to a call tree. Which functions exist and
// what they accept lives in intrinsic_functions.h.
//
// Grammar:
//   call     := "States." name "(" [argument ("," argument)*] ")"
//   argument := string | number | "true" | "false" | "null" | path | call
//   string   := "'" (character | "\'" | "\{" | "\}" | "\\")* "'"
// White space may surround arguments. A path argument ("$.a[0]", "$$.Execution.Id", also
// indefinite ones) is parsed by jsonpath::parse_path_prefix and ends where a path cannot
// continue. AWS: "If an open escape backslash \ is found in the intrinsic invocation
// string, the interpreter will throw a runtime error" — so a backslash before any other
// character is a syntax error.
//
// Calls nest at most kMaxIntrinsicNesting deep (AWS: "You can nest up to 10 intrinsic
// functions within a field"); deeper text fails while parsing, "intrinsic functions nested
// more than 10 deep at character N", so no text can exhaust the stack.
//
// Plain values; any thread may parse.
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"

namespace conflictctl::dataflow {

struct IntrinsicFunction;  // intrinsic_functions.h

inline constexpr int kMaxIntrinsicNesting = 10;

struct IntrinsicNode {
  enum class Kind {
    kLiteral,  // a number, true, false or null
    kString,   // a '…' literal
    kPath,     // "$…" or "$$…"
    kCall,     // a nested call
  };
  Kind kind = Kind::kLiteral;
  Json value;        // kLiteral: the value; kString: the text with escapes resolved
  std::string text;  // kString: as written between the quotes (States.Format needs "\{");
                     // kPath: the path; kCall: the function name, "States.Format"
  std::vector<IntrinsicNode> arguments;  // kCall
  // kCall: the function `text` names, once intrinsics.h has checked the call (the parser
  // leaves it null); evaluation then needs no lookup by name.
  const IntrinsicFunction* function = nullptr;
};

struct ParsedIntrinsic {
  IntrinsicNode call;
  std::string error;  // empty on success, else e.g. "unclosed string"

  bool ok() const { return error.empty(); }
};

ParsedIntrinsic parse_intrinsic(std::string_view text);

}  // namespace conflictctl::dataflow

#pragma once
// The syntax of ASL paths: a hand-written recursive-descent parser from text to a small
// syntax tree. Evaluation lives in path.cc; the intrinsic-function parser reuses
// parse_path_prefix for its path arguments.
//
// Step Functions implements Jayway JsonPath. The grammar accepted here:
//   path      := root segment*
//   root      := "$" (the input) | "$$" (the context object) | "$" name (a workflow
//                variable, dataflow/path_context.h) | "@" (current node, filters only)
//   segment   := "." name | ".*" | "[" selectors "]" | ".[" selectors "]"
//              | ".." name | "..*" | "..[" selectors "]"
//   selectors := selector ("," selector)*              more than one is a union
//   selector  := 'name' | "name" | integer | "*" | slice | "?(" filter ")"
//   slice     := [integer] ":" [integer] [":" [integer]]
//   filter    := and ("||" and)*
//   and       := unary ("&&" unary)*
//   unary     := "!" unary | "(" filter ")" | operand [comparison operand]
//   operand   := path | 'string' | "string" | number | true | false | null
// A dot-notation name runs up to the next character that cannot be in one (". [ ] ( ) , ' \"
// = ! < > & | * ?" or white space); other names need brackets, e.g. $['my field'].
// Quoted names and strings accept the escapes \' \" \\ \/ \b \f \n \r \t \uXXXX.
//
// Filters may nest (through "!", parentheses and filters inside filter paths) at most
// kMaxFilterDepth levels; deeper text is a syntax error ("filter nested more than 64 levels
// deep at character N"), found while parsing, so no text can exhaust the stack.
//
// Plain values; no state is shared, so any thread may parse.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"

namespace conflictctl::dataflow::jsonpath {

inline constexpr int kMaxFilterDepth = 64;

enum class Root {
  kInput,    // "$"
  kContext,  // "$$"
  kCurrent,  // "@", the node a filter is testing
  kVariable, // "$name", the workflow variable Path::variable
};

struct FilterExpr;

struct Slice {
  std::optional<std::int64_t> start;  // absent: from the first element (last for step < 0)
  std::optional<std::int64_t> end;    // absent: through the last element (first for step < 0)
  std::int64_t step = 1;              // never 0
};

struct Selector {
  enum class Kind { kName, kIndex, kWildcard, kSlice, kFilter };
  Kind kind = Kind::kName;
  std::string name;                          // kName
  std::int64_t index = 0;                    // kIndex; negative counts from the end
  Slice slice;                               // kSlice
  std::shared_ptr<const FilterExpr> filter;  // kFilter
};

struct Segment {
  bool descendant = false;          // "..": applies to the node and every node below it
  std::vector<Selector> selectors;  // more than one: a union, matched in this order
};

struct Path {
  Root root = Root::kInput;
  std::string variable;  // kVariable: the variable's name, without '$'
  std::vector<Segment> segments;

  // True when the path names at most one node: every segment is one name or one index.
  // Any wildcard, filter, slice, union or ".." makes it indefinite.
  bool is_definite() const;
};

enum class Comparison { kEqual, kNotEqual, kLess, kLessOrEqual, kGreater, kGreaterOrEqual };

struct Operand {
  std::optional<Path> path;  // a path operand ("@.price", "$.limit")
  Json literal;              // otherwise a literal value
};

struct FilterExpr {
  enum class Kind { kOr, kAnd, kNot, kExists, kCompare };
  Kind kind = Kind::kExists;
  std::vector<FilterExpr> operands;  // kOr and kAnd: two; kNot: one
  Operand left;                      // kExists: the path tested; kCompare: the left side
  Comparison comparison = Comparison::kEqual;
  Operand right;  // kCompare only
};

// The outcome of a parse: a path, or why the text is not one.
struct ParsedPath {
  Path path;
  std::size_t length = 0;  // characters of the text the path spans
  std::string error;       // empty on success, else e.g. "unclosed '['"

  bool ok() const { return error.empty(); }
};

// Parses the whole of `text` as a path rooted at "$" or "$$".
ParsedPath parse_path(std::string_view text);

// Parses the path at the start of `text`, which ends at the first character that cannot
// continue it (as in "$.a, 'x')" inside an intrinsic call).
ParsedPath parse_path_prefix(std::string_view text);

}  // namespace conflictctl::dataflow::jsonpath

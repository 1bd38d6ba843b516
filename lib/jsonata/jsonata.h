#pragma once
// JSONata: the query and transformation language that Step Functions states use when their
// QueryLanguage is "JSONata" (`{% … %}` strings). This library parses and evaluates JSONata
// 2.x expressions over conflictctl::Json, matching the reference implementation (the npm
// package `jsonata`, "jsonata-js") value for value and error code for error code, except
// where docs/jsonata.md lists a difference.
//
// The language in one paragraph:
//  - A path `Account.Order.Product.Price` maps each step over the values the previous step
//    produced; arrays met on the way are flattened. The result is a *sequence*: no values
//    (JSONata's "undefined"), one value (returned as that value), or several (an array).
//    `a.b[]` keeps a one-value result as an array.
//  - Predicates `[expr]` filter (`Phone[type='mobile']`) or index (`[0]`, `[-1]`);
//    `^(>price)` sorts, `{key: value}` after a path groups, `*` and `**` select children and
//    descendants, `@$x` and `#$i` bind the context and position within a path.
//  - Operators: `+ - * / %` (JavaScript numbers), `&` (string concatenation), `= != < <= > >=`,
//    `and or in`, `? :` (condition), `?:` and `??` (default), `..` (range, inside `[ ]`),
//    `~>` (function chain), `:=` (binding, in blocks `( a; b )`), `| pattern | update, del |`
//    (transform).
//  - Functions: `function($x){ … }` with closures, `$f(?, 2)` partial application, optional
//    signatures `<n-n:n>`, and the standard library ($string, $sum, $map, $match, …).
//  - Regular expressions `/ab+c/i` are JavaScript regular expressions (run by PCRE2 in its
//    JavaScript-compatible mode, with a match limit).
//
// Undefined. JSONata's "no value" is a Value without a Json (std::nullopt). An expression
// that selects nothing evaluates to nullopt, not to null: null is a JSON value.
//
// Numbers are IEEE doubles as in JavaScript; a result that is integral and exactly
// representable comes back as a Json integer (2, not 2.0). NaN and infinities are never
// produced: an operation that would make one fails with D1001.
//
// Errors are values: parse and evaluate return Result<…>. Error::name is the JSONata error
// code ("S0201" syntax error, "T2001" type error in arithmetic, "D3030" bad number cast,
// "U1001" a Limits bound exceeded, …: the codes and messages of jsonata-js 2.x, listed in
// docs/jsonata.md). Error::cause is jsonata-js's message, followed by " (position N)" when
// jsonata-js reports a position (N counts bytes from the start of the expression, at the
// end of the offending token, as jsonata-js does).
//
// Thread safety: an Expression is immutable after parse; evaluate() may run on several
// threads at once, each with its own Environment (a Random is not thread-safe, so two
// evaluations never share one).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/json.h"
#include "core/random.h"
#include "core/timestamp.h"

namespace conflictctl::jsonata {

// A JSONata value: a Json, or nullopt for "undefined" (no value).
using Value = std::optional<Json>;

// Bounds on one evaluation, so that a hostile or mistaken expression ends with an error
// ("U1001") instead of exhausting the stack, the memory or the time of the process.
struct Limits {
  // Nesting of evaluations: each nested expression, function call and recursion level
  // counts one. A recursive function that is not tail-recursive can go about
  // max_depth / 5 levels deep. jsonata-js has no default bound (it fails with the
  // JavaScript engine's stack overflow, after a few thousand levels).
  // Default: 1000.
  std::size_t max_depth = 1000;
  // Evaluation steps (expressions evaluated, items a function loops over) in total: an
  // infinite tail-recursive loop ends here. Default: 10,000,000 (a few seconds).
  std::uint64_t max_steps = 10'000'000;
  // Longest array or string that a range, $pad, $join, & and friends may build. jsonata-js
  // limits ranges to 1e7 items (D2014); strings here are limited to this many bytes.
  // Default: 100,000,000 bytes.
  std::size_t max_string_bytes = 100'000'000;
};

// A function provided by the caller, callable from expressions as `$name(…)`.
struct NativeFunction {
  // The JSONata signature that arguments are checked against before `call` sees them, e.g.
  // "<n-n:n>" (see docs/jsonata.md); empty: arguments are passed as they come.
  std::string signature;
  // Receives the validated arguments (nullopt for a missing or undefined argument). An
  // Error it returns ends the evaluation with that error.
  std::function<Result<Value>(std::span<const Value> args)> call;
};

// What an evaluation may use besides its input.
struct Environment {
  // Variables visible as `$name` (the key is the name without '$'). Step Functions binds
  // "states" ({"input": …, "context": …, "result": …, "errorOutput": …}) and the workflow's
  // variables.
  std::map<std::string, Json, std::less<>> variables;
  // Extra functions by name without '$'; they hide built-in functions of the same name.
  std::map<std::string, NativeFunction, std::less<>> functions;
  // The current time: $now() and $millis() read it, and it is the same for the whole
  // evaluation, as in jsonata-js. Default: the Unix epoch (the library never reads a clock).
  Timestamp now{};
  // The source of $random() and $shuffle(); nullptr: a generator seeded 0 for each
  // evaluation (a fixed sequence).
  Random* random = nullptr;
  Limits limits;
};

namespace detail {
struct Program;
}

// A parsed expression. Cheap to copy (the parse tree is shared and immutable).
class Expression {
 public:
  // Parses `text`; a syntax error comes back with its S0xxx code and position. The parse
  // tree's nesting is bounded (kMaxParseDepth): deeper text fails with U1001.
  static Result<Expression> parse(std::string_view text);

  // Evaluates against `input` (nullopt: no input, as `$` undefined).
  Result<Value> evaluate(const Value& input, const Environment& environment) const;

  // The text parsed.
  const std::string& text() const;

 private:
  explicit Expression(std::shared_ptr<const detail::Program> program)
      : program_(std::move(program)) {}
  std::shared_ptr<const detail::Program> program_;
};

// Parse-tree nesting beyond which parse() fails with U1001.
inline constexpr std::size_t kMaxParseDepth = 1000;

// The machine stack one evaluation may use before it fails with U1001, whatever
// Limits::max_depth allows: a level's frames are several times larger in a sanitizer (or
// debug) build than in a release one, and the stack must not overflow in any of them.
inline constexpr std::uintptr_t kStackBudgetBytes = 2 * 1024 * 1024;

// Parses and evaluates in one go (for tests and one-off uses).
Result<Value> evaluate(std::string_view text, const Value& input,
                       const Environment& environment = {});

}  // namespace conflictctl::jsonata

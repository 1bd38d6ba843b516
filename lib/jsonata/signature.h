#pragma once
// Function signatures: the `<…>` after a lambda's parameters and the second field of a
// NativeFunction, as jsonata-js reads them.
//
//   <s-n?:s>   a string (taken from the context when missing: '-'), an optional number,
//              returning a string.
// Type symbols: b boolean, n number, s string, l null, a array, o object, f function,
// j any JSON value, x anything, (sn) either; a<s> an array of strings, f<n:n> a function
// (the function's own signature is not checked). Modifiers: ? optional, + one or more,
// - use the context value when the argument is missing. Text after ':' (the return type)
// is not checked, as in jsonata-js.
//
// Matching works on a "supplied signature": one symbol per argument (b n s l a o f, m for
// a missing value), matched like jsonata-js's regular expression (greedy, backtracking).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace conflictctl::jsonata {

struct Signature {
  struct Param {
    std::string allowed;  // symbols accepted ("sm", "asnblfom", "f", …)
    char quantifier = 0;  // 0 once, '?' optional, '+' one or more
    bool context = false; // '-': the context value stands in for a missing argument
    char type = 0;        // 's', 'a', 'f', … or '(' for a choice
    std::string subtype;  // what a<…> or f<…> says
  };
  std::string text;
  std::vector<Param> params;

  // S0401 (type parameter on other than a or f), S0402 (parameterised type in a choice).
  // The Error's cause holds the offset in `text` after a '@': callers make a position.
  static Result<Signature> parse(std::string_view text);

  // The part of `supplied` each parameter matched, or nullopt when it does not match.
  std::optional<std::vector<std::string>> match(std::string_view supplied) const;
  // For T0410: how many symbols of `supplied` match before the first that cannot.
  std::size_t matched_prefix(std::string_view supplied) const;
};

}  // namespace conflictctl::jsonata

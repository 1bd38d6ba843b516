#pragma once
// $formatNumber: a number written with an XPath F&O 3.1 fn:format-number picture string
// (section 4.7), as the JSONata documentation describes it.
//
// A picture is one sub-picture, or two separated by ";" (the second for negative numbers;
// with one, a negative number is written with "-" before the positive sub-picture's text).
// In a sub-picture:
//   0-9   a mandatory digit (the zero digit's family)    #   an optional digit
//   .     the decimal separator                          ,   a grouping separator
//   e     the exponent separator, when it stands between two of the characters above
//   %     multiplies by 100       ‰ (U+2030)  multiplies by 1000
// Any other character is passive: it is written as it is, before (prefix) or after (suffix)
// the digits, never between them. "#,##0.00" → "1,234.57"; "0.0e0" → "1.2e3"; "00%" → "07%";
// "#,##0;(#,##0)" → "(1,234)". Regular grouping ("#,##0": every 3 digits) repeats; irregular
// grouping ("#,##,##0") puts separators only where written.
// The fractional part is rounded half to even at its number of digits. `options` (a JSON
// object, may be null) renames the characters: "decimal-separator", "grouping-separator",
// "exponent-separator", "minus-sign", "percent", "per-mille", "zero-digit", "digit",
// "pattern-separator" (one character each), "infinity", "NaN" (any text); other keys are
// ignored. A bad picture fails with the error code fn:format-number gives it (D3080 two ";",
// D3081 two decimal separators, D3082/D3083/D3084 percent and per-mille, D3085 no digit,
// D3086 passive character between digits, D3087-D3089 misplaced grouping separators,
// D3090/D3091 misplaced optional digits, D3092/D3093 exponent); when a picture breaks several
// rules, the last one in that order is reported, as jsonata-js does. Stateless, thread-safe.
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/json.h"

namespace conflictctl::jsonata {

Result<std::string> format_number(double value, std::string_view picture, const Json& options);

// `x` rounded half to even at `places` decimal places (negative: to tens, hundreds…), the
// decimal point moved through the number's text as jsonata-js's $round does.
double round_half_even(double x, int places);

}  // namespace conflictctl::jsonata

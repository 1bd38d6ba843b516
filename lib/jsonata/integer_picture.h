#pragma once
// $formatInteger and $parseInteger: integers written and read with an XPath F&O 3.1
// fn:format-integer picture string, as the JSONata documentation describes them.
//
// The picture is a primary format token, optionally followed by ";o" (ordinal) or ";c"
// (cardinal, the default):
//   "0", "000", "#,##0", "9"   decimal digits: as many mandatory digits as the token has (the
//                              number is padded with zeros), grouping separators (any other
//                              character) where the token puts them — repeated when they are
//                              regular (one character, every position a multiple of the
//                              first), else only where written; ";o" adds st/nd/rd/th
//   "a", "A"                   letters: 1 → a, 26 → z, 27 → aa
//   "i", "I"                   Roman numerals
//   "w", "W", "Ww"             English words, lower, upper or title case: 2789 → "two
//                              thousand, seven hundred and eighty-nine"; ";o" → "…ninth"
// Any other token fails with D3130. The number is floored first; a negative one is written
// with "-" before the positive one's text. Numbers past what a double holds exactly print as
// JavaScript prints them. Stateless and thread-safe.
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace conflictctl::jsonata {

Result<std::string> format_integer(double value, std::string_view picture);

// The integer `text` writes in `picture`'s form; nullopt when it is not one.
Result<std::optional<double>> parse_integer(std::string_view text, std::string_view picture);

}  // namespace conflictctl::jsonata

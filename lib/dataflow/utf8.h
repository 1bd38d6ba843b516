#pragma once
// UTF-8 text as the intrinsic functions count and split it: by Unicode characters (code
// points), not by bytes. Invalid sequences count one character per byte and never throw.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace conflictctl::dataflow {

// Number of characters in `text`.
std::size_t utf8_length(std::string_view text);

// Each character of `text` as a view into it, in order.
std::vector<std::string_view> utf8_characters(std::string_view text);

// Appends the UTF-8 encoding of `code_point` (up to U+10FFFF) to `out`.
void append_utf8(std::string& out, char32_t code_point);

}  // namespace conflictctl::dataflow

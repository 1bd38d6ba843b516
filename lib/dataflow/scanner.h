#pragma once
// The cursor that the hand-written parsers (JSONPath, intrinsic calls) read their text with:
// the position, one character of look-ahead, and the first error met. One per parse; not
// thread-safe.
#include <fmt/format.h>

#include <string>
#include <string_view>

namespace conflictctl::dataflow {

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The text as an error message quotes it: whole up to 120 bytes, else its first 100 and
// "… (N bytes)", so a 400 KB hostile path or call gives a one-line message.
inline std::string quoted_text(std::string_view text) {
  constexpr std::size_t kWhole = 120, kShown = 100;
  if (text.size() <= kWhole) return std::string(text);
  return fmt::format("{}… ({} bytes)", text.substr(0, kShown), text.size());
}

class Scanner {
 protected:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  // Moves past `token` when the text continues with it.
  bool consume(std::string_view token) {
    if (!text_.substr(pos_).starts_with(token)) return false;
    pos_ += token.size();
    return true;
  }
  void skip_spaces() {
    while (!at_end() && is_space(peek())) ++pos_;
  }
  // Keeps the first error only; always returns false, so a parse step can `return fail(…)`.
  bool fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    return false;
  }
  bool fail_unexpected(std::string_view expected) {
    if (at_end()) return fail(fmt::format("expected {} at the end", expected));
    return fail(fmt::format("expected {} at character {}, found '{}'", expected, pos_ + 1, peek()));
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::string error_;
};

}  // namespace conflictctl::dataflow

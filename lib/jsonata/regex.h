#pragma once
// JSONata regular expressions (`/pattern/flags`, flags i and m) are JavaScript regular
// expressions. They run on PCRE2 in its JavaScript-compatible mode (PCRE2_ALT_BSUX: \u
// escapes, \U and \x without braces as JavaScript reads them; PCRE2_MATCH_UNSET_BACKREF:
// a reference to an unset group matches the empty string; PCRE2_DOLLAR_ENDONLY), with a
// match limit so that a catastrophic pattern fails (D1005 here) instead of running for ever.
// Compiled once; find() is thread-safe (each call has its own match data).
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace conflictctl::jsonata {

class Regex {
 public:
  struct Match {
    std::size_t start = 0;  // byte offsets into the subject
    std::size_t end = 0;
    std::vector<std::optional<std::string>> groups;  // capture groups 1…n (nullopt: unset)
  };

  // A pattern PCRE2 refuses fails with code S0303 and PCRE2's message.
  static Result<std::shared_ptr<const Regex>> compile(std::string_view pattern,
                                                     std::string_view flags);
  ~Regex();
  Regex(const Regex&) = delete;
  Regex& operator=(const Regex&) = delete;

  // The first match starting at or after byte `from`; nullopt when there is none. Fails
  // with D1005 when the match limit is reached.
  Result<std::optional<Match>> find(std::string_view subject, std::size_t from) const;

  const std::string& source() const { return source_; }

 private:
  Regex() = default;
  std::string source_;
  void* code_ = nullptr;  // pcre2_code_8
};

// Backtracking steps one find() may take before failing with D1005.
inline constexpr std::uint32_t kRegexMatchLimit = 1'000'000;

}  // namespace conflictctl::jsonata

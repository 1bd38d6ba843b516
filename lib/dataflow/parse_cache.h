#pragma once
// A per-thread memo of parsed text: paths and intrinsic calls are parsed once, then reused.
//
// The engine evaluates the same few strings of a definition ("$.n", "States.MathAdd($.n, 1)")
// once per state it runs: a 20,000-round Choice loop parsed the same two paths 40,000 times,
// and parsing cost more than evaluating. A ParseCache keeps the outcome of parse(text) — the
// parsed form or the error — keyed by the text.
//
//   static thread_local ParseCache<Result<Path>> cache;
//   std::shared_ptr<const Result<Path>> path = cache.get(text, [&] { return parse(text); });
//
// Bounded: texts longer than kMaxCachedText are parsed every time, and the cache is emptied
// when it holds kMaxEntries (definitions name a few hundred texts; a fuzzer or a long-lived
// process would otherwise grow it without end). Entries are shared pointers, so what get()
// returned stays valid whatever happens to the cache afterwards (an evaluation may parse other
// texts before it is done with this one).
//
// Thread safety: none; use one cache per thread (thread_local).
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace conflictctl::dataflow {

template <class Parsed>
class ParseCache {
 public:
  static constexpr std::size_t kMaxEntries = 4096;
  static constexpr std::size_t kMaxCachedText = 4096;

  template <class Parse>
  std::shared_ptr<const Parsed> get(std::string_view text, Parse&& parse) {
    if (text.size() > kMaxCachedText) return std::make_shared<const Parsed>(parse());
    if (auto found = entries_.find(text); found != entries_.end()) return found->second;
    if (entries_.size() >= kMaxEntries) entries_.clear();
    auto parsed = std::make_shared<const Parsed>(parse());
    entries_.emplace(std::string(text), parsed);
    return parsed;
  }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };
  std::unordered_map<std::string, std::shared_ptr<const Parsed>, Hash, std::equal_to<>> entries_;
};

}  // namespace conflictctl::dataflow

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
// Fast on a hit: the texts come from a definition held in memory, so the same text arrives
// at the same address again and again. A small table indexed by that address remembers where
// each text's entry is; a hit compares the bytes (an address may be reused by another text)
// and hashes nothing. Entries, once made, live as long as the cache, so what get() returns for
// them owns nothing and copying it counts no references.
//
// Bounded: texts longer than kMaxCachedText, and new texts once the cache holds kMaxEntries,
// are parsed every time and not kept (definitions name a few hundred texts; a fuzzer or a
// long-lived process would otherwise grow it without end). What get() returned stays valid
// whatever happens afterwards (an evaluation may parse other texts before it is done with this
// one).
//
// Thread safety: none; use one cache per thread (thread_local).
#include <array>
#include <cstddef>
#include <cstdint>
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
    Recent& recent = recent_[(reinterpret_cast<std::uintptr_t>(text.data()) >> 3) % kRecent];
    if (recent.data == text.data() && recent.entry && recent.entry->first == text)
      return unowned(recent.entry->second);
    if (text.size() > kMaxCachedText) return std::make_shared<const Parsed>(parse());
    auto found = entries_.find(text);
    if (found == entries_.end()) {
      if (entries_.size() >= kMaxEntries) return std::make_shared<const Parsed>(parse());
      found = entries_.emplace(std::string(text), parse()).first;
    }
    recent = Recent{text.data(), &*found};
    return unowned(found->second);
  }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };
  using Entries = std::unordered_map<std::string, const Parsed, Hash, std::equal_to<>>;
  struct Recent {
    const char* data = nullptr;
    const typename Entries::value_type* entry = nullptr;
  };
  static constexpr std::size_t kRecent = 64;

  // A pointer to an entry that lives as long as the cache: shares no ownership.
  static std::shared_ptr<const Parsed> unowned(const Parsed& parsed) {
    return std::shared_ptr<const Parsed>(std::shared_ptr<const Parsed>(), &parsed);
  }

  Entries entries_;  // node-based: an entry never moves
  std::array<Recent, kRecent> recent_{};
};

}  // namespace conflictctl::dataflow

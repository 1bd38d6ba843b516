#pragma once
// Draws for the synthetic data set (conflict/seed.h), built on core/random.h's engine only.
//
// std::uniform_int_distribution and friends are implementation-defined: libstdc++ and libc++
// turn the same engine output into different numbers. The seed must give the same rows on
// every machine, so every draw here is plain integer arithmetic on Random::next(), whose
// mt19937_64 sequence the C++ standard fixes.
//
// Streams: every part of the data set (providers, one person's plan, one person's visits, …)
// gets its own Random seeded with stream_seed(seed, stream, index). A part can therefore be
// generated again, alone and in any order, with the same result; that is what lets the
// loader stream a million visits without keeping them.
#include <cstdint>

#include "core/random.h"

namespace conflictctl::conflict::seed {

// SplitMix64's finaliser: a bijection of 64-bit values that spreads every input bit.
constexpr std::uint64_t mix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// The engine seed of part `index` of `stream` for the data set's `seed`.
constexpr std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
  return mix64(mix64(seed) ^ mix64((stream << 40) ^ index));
}

// Uniform integer in [lo, hi], both inclusive (lo <= hi); multiply-high, no modulo bias worth
// mentioning for the ranges used here.
inline std::int64_t pick(Random& random, std::int64_t lo, std::int64_t hi) {
  auto range = static_cast<unsigned __int128>(static_cast<std::uint64_t>(hi - lo) + 1);
  return lo + static_cast<std::int64_t>((random.next() * range) >> 64);
}

// Uniform in [0, 1) with 53 random bits.
inline double unit(Random& random) { return static_cast<double>(random.next() >> 11) * 0x1.0p-53; }

// True with probability `p`.
inline bool chance(Random& random, double p) { return unit(random) < p; }

// Index of the bucket `unit` falls in, for weights summing to 1 (the last bucket takes the
// rest, so rounding in the weights cannot fall off the end).
template <std::size_t N>
std::size_t weighted(Random& random, const double (&weights)[N]) {
  double u = unit(random);
  for (std::size_t i = 0; i + 1 < N; ++i) {
    if (u < weights[i]) return i;
    u -= weights[i];
  }
  return N - 1;
}

}  // namespace conflictctl::conflict::seed

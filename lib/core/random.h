#pragma once
// The one source of randomness (States.MathRandom, States.UUID, retry jitter, execution
// names). Seeded explicitly so that runs on the virtual clock are reproducible.
// Not thread-safe: each execution owns one.
#include <cstdint>
#include <random>

namespace conflictctl {

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  // Seeded from std::random_device, for runs that should differ.
  static Random from_entropy();
  // A seed drawn from std::random_device (the machine's entropy, never the clock): the seed
  // of a run that should differ from the others and still be reproducible with it.
  static std::uint64_t entropy_seed();

  std::uint64_t next() { return engine_(); }
  // Uniform in [0, 1).
  double uniform() { return std::uniform_real_distribution<double>(0.0, 1.0)(engine_); }
  // Uniform integer in [lo, hi], both inclusive.
  std::int64_t uniform_int(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(engine_);
  }
  // A random (version 4) UUID in its canonical lower-case text form.
  std::string uuid();

 private:
  std::mt19937_64 engine_;
};

}  // namespace conflictctl

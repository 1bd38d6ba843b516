#pragma once
#include <cstddef>
// ASL defaults, named once. Every other file takes them from here.
namespace conflictctl::asl::defaults {

// Retrier (States Language spec, "Retrying after an error").
inline constexpr double kIntervalSeconds = 1.0;
inline constexpr int kMaxAttempts = 3;
inline constexpr double kBackoffRate = 2.0;

// Task: "If not provided, the default value of TimeoutSeconds is 60" in the spec; Step
// Functions itself applies no timeout to a Task unless one is given (it waits up to the
// execution's one-year limit). Lambda functions have their own configured timeout
// (asl/limits.h has Lambda's 900 s).

// The zones of every limit in `simulate`, `run` and the budget report: under 80 % of a
// limit is safe, up to it a warning, beyond it over.
inline constexpr double kSafeFraction = 0.8;

}  // namespace conflictctl::asl::defaults

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
// execution's one-year limit). Lambda functions have their own configured timeout.
inline constexpr double kLambdaMaxTimeoutSeconds = 900.0;  // AWS Lambda's hard limit

// Inline Map: "MaxConcurrency 0 (the default) places no limit", but Step Functions runs at
// most 40 iterations of an inline Map at once; the engine models that.
inline constexpr int kInlineMapConcurrencyLimit = 40;

// Lambda timeout analysis in `simulate`: under 80 % of the 900 s limit is safe.
inline constexpr double kSafeFraction = 0.8;

// Step Functions' quota on a state's input or output, and on a task's result.
inline constexpr std::size_t kPayloadLimitBytes = 256 * 1024;

}  // namespace conflictctl::asl::defaults

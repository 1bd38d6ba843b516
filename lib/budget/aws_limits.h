#pragma once
// The AWS limits the budget report compares a pipeline with, named once.
//
// The per-invocation Lambda timeout (900 s) is budget::kLambdaMaxTimeoutSeconds in
// budget/worst_case.h; the zones (safe below 80 % of a limit, warning up to it, over beyond)
// are engine::zone_for in engine/run_summary.h. Every quota below uses the same zones.
#include <cstddef>

#include "asl/defaults.h"
#include "asl/limits.h"

namespace conflictctl::budget {

// Step Functions: "the maximum input or output size for a task, activity or execution" is
// 256 KiB of data as a UTF-8 string, the same for every state's input and output.
inline constexpr std::size_t kStatePayloadLimitBytes = asl::defaults::kPayloadLimitBytes;

// Lambda, Invoke API: "For synchronous invocations, the maximum payload size is 6 MB" (the
// request and the response each). AWS states it in MB, not in bytes; it is taken here as
// 6 MiB, the value the reference pipeline ran into.
inline constexpr std::size_t kLambdaPayloadLimitBytes = 6 * 1024 * 1024;  // 6,291,456

// Step Functions Standard workflows: at most 25,000 events in one execution's history.
inline constexpr std::size_t kHistoryEventLimit = asl::limits::kStandardHistoryEvents;

// The fraction of a limit below which a value is in the safe zone (80 %).
inline constexpr double kSafeFraction = asl::defaults::kSafeFraction;

}  // namespace conflictctl::budget

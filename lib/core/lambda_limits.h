#pragma once
// AWS Lambda's limits, each named once. The bindings reader, the Lambda client, the remote
// runner and the budget report take them from here; Step Functions' limits are in
// asl/limits.h.
//
//   kMaxTimeoutSeconds  a function runs at most 900 seconds (15 minutes)
//   kMin/MaxMemoryMb    a function has 128 to 10,240 MB of memory (128 MB by default)
//   kMaxPayloadBytes    Invoke API: "For synchronous invocations, the maximum payload size is
//                       6 MB" (the request and the response each); AWS states it in MB, taken
//                       here as 6 MiB, the value the reference pipeline ran into
#include <cstddef>

namespace conflictctl::lambda {

inline constexpr int kMaxTimeoutSeconds = 900;
inline constexpr int kMinMemoryMb = 128;
inline constexpr int kMaxMemoryMb = 10240;
inline constexpr std::size_t kMaxPayloadBytes = 6 * 1024 * 1024;  // 6,291,456

}  // namespace conflictctl::lambda

#pragma once
// Step Functions' limits, each named once: the bounds it puts on a definition's values and on
// an execution. The validator, the JSON reader, the engine and the budget report take them
// from here; Lambda's limits are in core/lambda_limits.h; defaults (the values used when a
// field is absent) live in asl/defaults.h.
#include <cstddef>

#include "core/json_text.h"

namespace conflictctl::asl::limits {

// Spec: state names "MUST have length of less than or equal to 80 Unicode characters".
inline constexpr std::size_t kMaxStateNameLength = 80;

// The largest number of seconds Step Functions accepts in TimeoutSeconds, HeartbeatSeconds,
// a Wait state's Seconds and a Retrier's IntervalSeconds; also the largest MaxAttempts.
inline constexpr double kMaxSeconds = 99999999;
inline constexpr double kMaxAttempts = 99999999;

// Standard workflows: "25,000 events in a single execution history"; past that the execution
// fails. Express workflows have no such quota.
inline constexpr std::size_t kStandardHistoryEvents = 25000;

// Express workflows run at most five minutes; Standard ones at most a year. AWS's quotas:
// "Maximum execution time: 1 year. If an execution runs for more than the 1-year maximum, it
// will fail with a States.Timeout error". Either limit ends the execution TIMED_OUT with
// States.Timeout, as its own TimeoutSeconds would (engine/interpreter.cc), whichever is
// sooner. A year is taken as 365 days.
inline constexpr double kExpressExecutionSeconds = 300;
inline constexpr double kExecutionMaxSeconds = 365.0 * 24 * 3600;

// Step Functions' quota on a state's input or output and on a task's result: "the maximum
// input or output size for a task, activity or execution" is 256 KiB of data as a UTF-8
// string. Past it a state fails with States.DataLimitExceeded.
inline constexpr std::size_t kStatePayloadLimitBytes = 256 * 1024;

// Workflow variables (AWS quotas): "Maximum size of a single variable: 256 KiB", "Maximum
// combined size within a single Assign field: 256 KiB", "Maximum total size of stored
// variables: 10 MiB" per execution, each measured as UTF-8 JSON text (engine/variables.h).
inline constexpr std::size_t kVariableBytes = 256 * 1024;
inline constexpr std::size_t kAssignBytes = 256 * 1024;
inline constexpr std::size_t kExecutionVariableBytes = 10 * 1024 * 1024;

// Inline Map: "MaxConcurrency 0 (the default) places no limit", but Step Functions runs at
// most 40 iterations of an inline Map at once; the engine models that.
inline constexpr int kInlineMapConcurrencyLimit = 40;

// Distributed Map: "up to 10,000 parallel child workflow executions"; MaxConcurrency 0 (the
// default) means that many.
inline constexpr int kDistributedMapConcurrencyLimit = 10000;
// ItemReader's ReaderConfig.MaxItems: "up to 100,000,000".
inline constexpr double kReaderMaxItems = 100000000;
// ItemBatcher's MaxInputBytesPerBatch: "up to 256 KiB".
inline constexpr double kMaxInputBytesPerBatch = 256 * 1024;
// CSVHeaderLocation FIRST_ROW: "Step Functions supports CSV headers of up to 10 KiB".
inline constexpr std::size_t kCsvHeaderBytes = 10 * 1024;

// A Retrier's MaxDelaySeconds: a positive integer up to 31622401 (one year and a second).
inline constexpr double kMaxDelaySeconds = 31622401;

// Documents nested deeper than this are refused while reading the JSON, so that nothing
// downstream (copies, template evaluation) recurses without bound. Real definitions stay
// far below it.
inline constexpr int kMaxJsonDepth = conflictctl::kMaxJsonDepth;  // core/json_text.h

}  // namespace conflictctl::asl::limits

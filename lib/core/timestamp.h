#pragma once
// Points in time as the engine and the history see them: UTC, millisecond precision.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace conflictctl {

using Millis = std::chrono::milliseconds;
using Timestamp = std::chrono::sys_time<Millis>;

// RFC 3339 in UTC with milliseconds, as Step Functions prints: "2024-01-01T00:00:00.000Z".
std::string format_timestamp(Timestamp t);

// Parses an RFC 3339 / ISO 8601 date-time with a 'T' separator, optional fraction, and a
// 'Z' or ±hh:mm offset (the forms Wait's Timestamp and TimestampEquals accept).
// Returns nullopt for anything else, including out-of-range fields.
std::optional<Timestamp> parse_timestamp(std::string_view text);

// Seconds (fractional) to Millis, rounded to the nearest millisecond. Saturating: values
// beyond ±kMaxDurationSeconds (about 3,170 years, so a timestamp stays printable) become
// that bound and NaN becomes 0, so no number converts with undefined behaviour. Callers
// range-check durations against the ASL limits first; this is the last line of defence.
inline constexpr double kMaxDurationSeconds = 1e11;
Millis seconds_to_millis(double seconds);
double millis_to_seconds(Millis d);

}  // namespace conflictctl

#pragma once
// The predefined ASL error names and the one rule that matches an error against a
// Retrier's or Catcher's ErrorEquals.
//
// Spec (Amazon States Language, "Errors"):
//  - "States.ALL — a wildcard that matches any known error name." It MUST appear alone in
//    its ErrorEquals array and MUST appear in the last Retrier/Catcher.
//  - "States.TaskFailed — a wildcard that matches any known error name except for
//    States.Timeout."
//  - Step Functions: "States.Timeout — A Task state either ran longer than the TimeoutSeconds
//    value, or failed to send a heartbeat for a period longer than the HeartbeatSeconds
//    value"; "States.HeartbeatTimeout — A Task state failed to send a heartbeat for a period
//    longer than the HeartbeatSeconds value. HeartbeatTimeout is available inside the Catch
//    and Retry fields." A missed heartbeat is recorded as States.Timeout (TaskTimedOut,
//    ExecutionFailed: as AWS histories show it); States.HeartbeatTimeout in ErrorEquals
//    matches only that one.
//  - Step Functions: "States.Runtime … Retriers and catchers can't handle this error"
//    — runtime errors (States.Runtime, States.DataLimitExceeded) are never retried or caught,
//    even by States.ALL.
//  - Custom error names MUST NOT begin with the prefix "States.".
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace conflictctl::errors {

inline constexpr std::string_view kAll = "States.ALL";
inline constexpr std::string_view kTaskFailed = "States.TaskFailed";
inline constexpr std::string_view kTimeout = "States.Timeout";
inline constexpr std::string_view kHeartbeatTimeout = "States.HeartbeatTimeout";
inline constexpr std::string_view kRuntime = "States.Runtime";
inline constexpr std::string_view kDataLimitExceeded = "States.DataLimitExceeded";
inline constexpr std::string_view kPermissions = "States.Permissions";
inline constexpr std::string_view kResultPathMatchFailure = "States.ResultPathMatchFailure";
inline constexpr std::string_view kParameterPathFailure = "States.ParameterPathFailure";
inline constexpr std::string_view kQueryEvaluationError = "States.QueryEvaluationError";
inline constexpr std::string_view kBranchFailed = "States.BranchFailed";
inline constexpr std::string_view kNoChoiceMatched = "States.NoChoiceMatched";
inline constexpr std::string_view kIntrinsicFailure = "States.IntrinsicFailure";
inline constexpr std::string_view kExceedToleratedFailureThreshold =
    "States.ExceedToleratedFailureThreshold";
inline constexpr std::string_view kItemReaderFailed = "States.ItemReaderFailed";
inline constexpr std::string_view kResultWriterFailed = "States.ResultWriterFailed";

// An error named States.Runtime with `cause`: what the engine raises for problems in the
// data (a path that selects nothing, a value of the wrong type).
Error runtime_error(std::string cause);

// True for the errors that Retry and Catch never handle (States.Runtime and
// States.DataLimitExceeded): they fail the execution at once.
bool is_terminal(std::string_view error);

// True when `error` is matched by `error_equals` (one Retrier's or Catcher's list),
// by name or by the States.ALL / States.TaskFailed wildcards above. `missed_heartbeat`: the
// error is the States.Timeout of a missed heartbeat, which States.HeartbeatTimeout matches
// too.
bool matches(const std::vector<std::string>& error_equals, std::string_view error,
             bool missed_heartbeat = false);

// True for the names the ASL reserves ("States." prefix). A Fail state's Error and custom
// names in ErrorEquals that start with it but are not predefined are invalid.
bool is_reserved(std::string_view name);
bool is_predefined(std::string_view name);

}  // namespace conflictctl::errors

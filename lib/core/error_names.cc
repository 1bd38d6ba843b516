#include "core/error_names.h"

#include <algorithm>
#include <array>

namespace conflictctl::errors {

namespace {
constexpr std::array kPredefined = {kAll,
                                    kTaskFailed,
                                    kTimeout,
                                    kHeartbeatTimeout,
                                    kRuntime,
                                    kDataLimitExceeded,
                                    kPermissions,
                                    kResultPathMatchFailure,
                                    kParameterPathFailure,
                                    kQueryEvaluationError,
                                    kBranchFailed,
                                    kNoChoiceMatched,
                                    kIntrinsicFailure,
                                    kExceedToleratedFailureThreshold,
                                    kItemReaderFailed,
                                    kResultWriterFailed};
}  // namespace

Error runtime_error(std::string cause) { return Error{std::string(kRuntime), std::move(cause)}; }

bool is_terminal(std::string_view error) {
  return error == kRuntime || error == kDataLimitExceeded;
}

bool matches(const std::vector<std::string>& error_equals, std::string_view error,
             bool missed_heartbeat) {
  if (is_terminal(error)) return false;
  return std::any_of(error_equals.begin(), error_equals.end(), [&](const std::string& name) {
    if (name == error || name == kAll) return true;
    if (name == kHeartbeatTimeout) return missed_heartbeat && error == kTimeout;
    return name == kTaskFailed && error != kTimeout;
  });
}

bool is_reserved(std::string_view name) { return name.starts_with("States."); }

bool is_predefined(std::string_view name) {
  return std::find(kPredefined.begin(), kPredefined.end(), name) != kPredefined.end();
}

}  // namespace conflictctl::errors

#pragma once
// The history events of one Task invocation, which depend on how the Resource is called:
//
//  - a Lambda function ARN or name: LambdaFunctionScheduled / Started / Succeeded / Failed /
//    TimedOut, details {"resource", "input", "timeoutInSeconds"} / {"output"} /
//    {"error", "cause"};
//  - a service integration "arn:aws:states:::SERVICE:ACTION" (e.g. lambda:invoke):
//    TaskScheduled / Started / Succeeded / Failed / TimedOut, details carrying
//    {"resourceType": SERVICE, "resource": ACTION}, and "parameters" when scheduled.
#include <optional>
#include <string>

#include "core/error.h"
#include "core/json.h"
#include "engine/history.h"

namespace conflictctl::engine {

class TaskEvents {
 public:
  // `data`: whether the events keep the input, parameters and output texts
  // (ExecutionOptions::event_data).
  TaskEvents(const std::string& resource, std::string region, bool data = true);

  bool is_service_integration() const { return !resource_type_.empty(); }

  EventName scheduled_type() const { return name(kScheduled); }
  EventName started_type() const { return name(kStarted); }
  EventName succeeded_type() const { return name(kSucceeded); }
  EventName failed_type() const { return name(kFailed); }
  EventName timed_out_type() const { return name(kTimedOut); }

  EventName scheduled_key() const { return key(kScheduled); }
  EventName started_key() const;  // none for Lambda functions: that event has no details
  EventName succeeded_key() const { return key(kSucceeded); }
  EventName failed_key() const { return key(kFailed); }
  EventName timed_out_key() const { return key(kTimedOut); }

  EventDetails scheduled(const Json& input, std::optional<double> timeout_seconds) const;
  EventDetails started() const;
  EventDetails succeeded(const Json& output) const;
  EventDetails failed(const Error& error) const;  // also the TimedOut details

 private:
  enum Phase { kScheduled, kStarted, kSucceeded, kFailed, kTimedOut };
  EventName name(Phase phase) const;
  EventName key(Phase phase) const;
  Json service_fields() const;  // {"resourceType", "resource"}

  std::string resource_;       // as written, for Lambda functions
  std::string resource_type_;  // "lambda" for arn:aws:states:::lambda:invoke, else ""
  std::string action_;         // "invoke", "invoke.waitForTaskToken"
  std::string region_;
  bool data_ = true;
};

}  // namespace conflictctl::engine

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

namespace conflictctl::engine {

class TaskEvents {
 public:
  TaskEvents(const std::string& resource, std::string region);

  bool is_service_integration() const { return !resource_type_.empty(); }

  std::string scheduled_type() const { return prefix() + "Scheduled"; }
  std::string started_type() const { return prefix() + "Started"; }
  std::string succeeded_type() const { return prefix() + "Succeeded"; }
  std::string failed_type() const { return prefix() + "Failed"; }
  std::string timed_out_type() const { return prefix() + "TimedOut"; }

  std::string scheduled_key() const { return key("ScheduledEventDetails"); }
  std::string started_key() const;  // "" for Lambda functions: that event has no details
  std::string succeeded_key() const { return key("SucceededEventDetails"); }
  std::string failed_key() const { return key("FailedEventDetails"); }
  std::string timed_out_key() const { return key("TimedOutEventDetails"); }

  Json scheduled(const Json& input, std::optional<double> timeout_seconds) const;
  Json started() const;
  Json succeeded(const Json& output) const;
  Json failed(const Error& error) const;  // also the TimedOut details

 private:
  std::string prefix() const { return is_service_integration() ? "Task" : "LambdaFunction"; }
  std::string key(const char* suffix) const {
    return (is_service_integration() ? "task" : "lambdaFunction") + std::string(suffix);
  }

  std::string resource_;       // as written, for Lambda functions
  std::string resource_type_;  // "lambda" for arn:aws:states:::lambda:invoke, else ""
  std::string action_;         // "invoke", "invoke.waitForTaskToken"
  std::string region_;
};

}  // namespace conflictctl::engine

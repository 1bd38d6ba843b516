#pragma once
// The history events of one Task invocation, which depend on how the Resource is called:
//
//  - a Lambda function ARN or name: LambdaFunctionScheduled / Started / Succeeded / Failed /
//    TimedOut, details {"resource", "input", "timeoutInSeconds", "taskCredentials"} /
//    {"output"} / {"error", "cause"};
//  - a service integration "arn:aws:states:::SERVICE:ACTION" (e.g. lambda:invoke):
//    TaskScheduled / Started / Succeeded / Failed / TimedOut, details carrying
//    {"resourceType": SERVICE, "resource": ACTION}, and when scheduled "region",
//    "parameters", "timeoutInSeconds", "heartbeatInSeconds", "taskCredentials". A
//    .waitForTaskToken integration also records TaskSubmitted after TaskStarted: AWS's
//    TaskSubmittedEventDetails, "Contains details about a task submitted to a resource", whose
//    "output" ("The response from a resource when a task has started") is left out locally,
//    where no service is called; its TaskSucceeded "output" is what the callback sent
//    (SendTaskSuccess), its TaskFailed what SendTaskFailure sent;
//  - an activity "arn:aws:states:REGION:ACCOUNT:activity:NAME": ActivityScheduled /
//    Started / Succeeded / Failed / TimedOut, details {"resource", "input",
//    "timeoutInSeconds", "heartbeatInSeconds"} / {} (a worker took the task: locally at
//    once) / {"output"} / {"error", "cause"}.
// taskCredentials is {"roleArn": …}, the role the Task's Credentials name (engine/task_role.h).
#include <optional>
#include <string>

#include "core/error.h"
#include "core/json.h"
#include "engine/history.h"

namespace conflictctl::engine {

// What a TaskScheduled-like event records besides the input.
struct ScheduledTask {
  std::optional<double> timeout_seconds;
  std::optional<double> heartbeat_seconds;  // not recorded for Lambda functions
  std::optional<std::string> role_arn;      // Credentials' role
};

class TaskEvents {
 public:
  // `data`: whether the events keep the input, parameters and output texts
  // (ExecutionOptions::event_data).
  TaskEvents(const std::string& resource, std::string region, bool data = true);

  bool is_service_integration() const { return kind_ == kTask; }
  bool is_activity() const { return kind_ == kActivity; }
  // A .waitForTaskToken integration: TaskSubmitted follows TaskStarted, and the task token
  // is $$.Task.Token.
  bool is_callback() const { return callback_; }
  // asl::Resource::waits_for_answer: a callback or an activity.
  bool waits_for_answer() const { return callback_ || kind_ == kActivity; }

  EventName scheduled_type() const { return name(kScheduled); }
  EventName started_type() const { return name(kStarted); }
  EventName submitted_type() const { return "TaskSubmitted"; }  // callbacks only
  EventName succeeded_type() const { return name(kSucceeded); }
  EventName failed_type() const { return name(kFailed); }
  EventName timed_out_type() const { return name(kTimedOut); }

  EventName scheduled_key() const { return key(kScheduled); }
  EventName started_key() const;  // none for Lambda functions: that event has no details
  EventName submitted_key() const { return "taskSubmittedEventDetails"; }
  EventName succeeded_key() const { return key(kSucceeded); }
  EventName failed_key() const { return key(kFailed); }
  EventName timed_out_key() const { return key(kTimedOut); }

  EventDetails scheduled(const Json& input, const ScheduledTask& task) const;
  EventDetails started() const;
  EventDetails submitted() const;
  EventDetails succeeded(const Json& output) const;
  EventDetails failed(const Error& error) const;  // also the TimedOut details

 private:
  enum Kind { kLambda, kTask, kActivity };
  enum Phase { kScheduled, kStarted, kSucceeded, kFailed, kTimedOut };
  EventName name(Phase phase) const;
  EventName key(Phase phase) const;
  Json service_fields() const;  // {"resourceType", "resource"}

  Kind kind_ = kLambda;
  bool callback_ = false;
  std::string resource_;       // as written, for Lambda functions and activities
  std::string resource_type_;  // "lambda" for arn:aws:states:::lambda:invoke, else ""
  std::string action_;         // "invoke", "invoke.waitForTaskToken"
  std::string region_;
  bool data_ = true;
};

}  // namespace conflictctl::engine

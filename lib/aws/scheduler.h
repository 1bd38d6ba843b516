#pragma once
// The EventBridge Scheduler calls `conflictctl deploy --schedule` makes (REST-JSON at
// scheduler.REGION.amazonaws.com, SigV4 service "scheduler", through aws/service_client.h):
//   GET  /schedules/NAME   GetSchedule     (ResourceNotFoundException, 404: not there)
//   POST /schedules/NAME   CreateSchedule  (ConflictException, 409: it already exists)
//   PUT  /schedules/NAME   UpdateSchedule  (replaces every field; ResourceNotFoundException)
// always in the account's default schedule group. Bad values come back as
// Aws.ValidationException. A schedule's target here is the Step Functions templated target:
// Scheduler calls StartExecution on `target_arn` (a state machine) with `input`, as the role
// `role_arn` (trusted by scheduler.amazonaws.com), whenever the expression fires.
#include <optional>
#include <string>

#include "aws/service_client.h"
#include "core/error.h"

namespace conflictctl::aws {

// The fields of a schedule deploy manages, as Scheduler names them.
struct ScheduleSettings {
  std::string name;                 // Name
  std::string expression;           // ScheduleExpression: "cron(0 5 * * ? *)", "rate(1 day)"
  std::string timezone;             // ScheduleExpressionTimezone; "" = UTC
  std::string target_arn;           // Target.Arn: the state machine
  std::string role_arn;             // Target.RoleArn
  std::string input;                // Target.Input: the execution's input, JSON text
  std::string state = "ENABLED";    // State: ENABLED or DISABLED
};

struct DeployedSchedule {
  ScheduleSettings settings;
  std::string arn;  // Arn
};

class Scheduler {
 public:
  explicit Scheduler(const ServiceClient& client) : client_(client) {}

  // GetSchedule; nullopt when it does not exist.
  Result<std::optional<DeployedSchedule>> get(const std::string& name) const;
  // CreateSchedule (FlexibleTimeWindow OFF); the schedule's ARN.
  Result<std::string> create(const ScheduleSettings& settings) const;
  // UpdateSchedule: every field as `settings` has it.
  Result<void> update(const ScheduleSettings& settings) const;

 private:
  const ServiceClient& client_;
};

}  // namespace conflictctl::aws

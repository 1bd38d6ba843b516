#pragma once
// `conflictctl deploy PIPELINE --schedule EXPRESSION`: an EventBridge Scheduler schedule, named
// as the pipeline, in the default group, that starts the pipeline's state machine whenever the
// expression fires (aws/scheduler.h: the Step Functions StartExecution target, with the
// execution's input and the role Scheduler assumes).
//
// The expression is checked here before any call, as Scheduler reads it ("Schedule types" in
// the EventBridge Scheduler User Guide; docs/deploy.md):
//   - rate(VALUE UNIT): VALUE a positive integer, UNIT minute, hour or day, singular when
//     VALUE is 1 and plural otherwise ("rate(1 day)", "rate(15 minutes)");
//   - cron(MINUTES HOURS DAY-OF-MONTH MONTH DAY-OF-WEEK YEAR): six fields, in UTC unless a
//     timezone is given; each a value, a list (,), a range (-), a step (/) or *, within the
//     field's range (minutes 0-59, hours 0-23, day-of-month 1-31, month 1-12 or JAN-DEC,
//     day-of-week 1-7 or SUN-SAT, year 1970-2199); day-of-month may also use L and W,
//     day-of-week L and #; one of day-of-month and day-of-week must be ?, and only those two
//     may be.
// A one-time at(...) schedule is refused: deploy makes recurring runs.
//
// The plan (`plan_schedule`, GetSchedule only) is a deploy/deploy_plan.h ResourceChange of kind
// "schedule": create, the fields that differ (ScheduleExpression, ScheduleExpressionTimezone,
// Target.Arn, Target.RoleArn, Target.Input, State), or nothing; so `--dry-run` shows it, `--check`
// names each drifted field and a second deploy makes no call. A role not given keeps the
// deployed one (never drift); creating the schedule needs it ("Deploy.NeedsRole", checked by
// `schedule_ready` before deploy's first write). Errors: "Deploy.InvalidSchedule" (the
// expression), and the AWS calls' (aws/service_client.h).
#include <string>
#include <string_view>
#include <vector>

#include "aws/scheduler.h"
#include "core/error.h"
#include "deploy/deploy_plan.h"
#include "deploy/iam_policy.h"

namespace conflictctl::deploy {

// Error{"Deploy.InvalidSchedule", "--schedule EXPRESSION: <why>"} unless Scheduler accepts it.
Result<void> check_schedule_expression(std::string_view expression);

struct ScheduleOptions {
  std::string expression;  // --schedule; "" = no schedule
  std::string role_arn;    // --schedule-role-arn; "" = keep the deployed one
  std::string input;       // --schedule-input: the executions' input, JSON text; "" = {}
  std::string timezone;    // --schedule-timezone; "" = UTC
};

// The schedule of `local`'s state machine; the expression checked.
Result<aws::ScheduleSettings> local_schedule(const LocalPipeline& local,
                                             const ScheduleOptions& options);

Result<ResourceChange> plan_schedule(const aws::ScheduleSettings& local,
                                     const aws::Scheduler& scheduler);

// Error{"Deploy.NeedsRole", …} when the plan creates the schedule and no role was given.
Result<void> schedule_ready(const ResourceChange& change, const aws::ScheduleSettings& local);

// CreateSchedule or UpdateSchedule, as `change` says (nothing when it changes nothing).
Result<void> apply_schedule(const ResourceChange& change, const aws::ScheduleSettings& local,
                            const aws::Scheduler& scheduler);

// For --print-policy: the role Scheduler assumes (trusted by scheduler.amazonaws.com, allowed
// states:StartExecution on this one state machine), and what the deployer needs besides
// deploy/iam_policy.h's (scheduler:GetSchedule, CreateSchedule, UpdateSchedule on this
// schedule; iam:PassRole of that role to scheduler.amazonaws.com only).
std::vector<PolicyDocument> schedule_policies(const LocalPipeline& local,
                                              const DeploySettings& settings,
                                              const ScheduleOptions& options);

}  // namespace conflictctl::deploy

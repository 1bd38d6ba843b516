#pragma once
// `conflictctl deploy PIPELINE --schedule EXPRESSION` (deploy/schedule.h): the options, and the
// schedule step of deploy kept apart from the functions' and the state machine's (app/
// cmd_deploy.cc calls these): checked with the local pipeline, planned beside it, applied after
// it (the state machine it targets must exist first).
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "aws/credentials.h"
#include "aws/http.h"
#include "aws/scheduler.h"
#include "aws/service_client.h"
#include "command_error.h"
#include "core/clock.h"
#include "deploy/deploy_plan.h"
#include "deploy/schedule.h"

namespace conflictctl::app {

// Adds --schedule, --schedule-role-arn, --schedule-input and --schedule-timezone.
void add_schedule_options(CLI::App& command, deploy::ScheduleOptions& options);

// The schedule to deploy, or nullopt without --schedule; kInvalidInput naming the option when
// the expression or the input is not valid (nothing has been called yet).
CliResult<std::optional<aws::ScheduleSettings>> schedule_to_deploy(
    const deploy::ScheduleOptions& options, const deploy::LocalPipeline& local);

// Scheduler's client (AWS_ENDPOINT_URL_SCHEDULER, …) and the schedule's planned change.
struct SchedulePlan {
  aws::ScheduleSettings local;
  std::unique_ptr<aws::ServiceClient> client;
  std::unique_ptr<aws::Scheduler> scheduler;
  deploy::ResourceChange change;
};

CliResult<SchedulePlan> plan_schedule_step(const aws::ScheduleSettings& local,
                                           const aws::AwsEnvironment& env,
                                           const aws::Credentials& credentials,
                                           const std::string& region, aws::HttpClient& http,
                                           Clock& clock);

}  // namespace conflictctl::app

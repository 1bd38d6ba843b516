#include "deploy_schedule.h"

#include "aws/endpoints.h"
#include "exit_codes.h"
#include "json_argument.h"

namespace conflictctl::app {

void add_schedule_options(CLI::App& command, deploy::ScheduleOptions& options) {
  auto* schedule = command.add_option(
      "--schedule", options.expression,
      "Create or update an EventBridge Scheduler schedule, named as the pipeline, that starts "
      "the state machine: 'cron(MIN HOUR DAY-OF-MONTH MONTH DAY-OF-WEEK YEAR)' or "
      "'rate(VALUE UNIT)'");
  command
      .add_option("--schedule-role-arn", options.role_arn,
                  "The IAM role Scheduler assumes to start executions (needed to create the "
                  "schedule; default: keep the deployed one)")
      ->needs(schedule);
  command
      .add_option("--schedule-input", options.input,
                  "The scheduled executions' input: JSON text or @file (default: {})")
      ->needs(schedule);
  command
      .add_option("--schedule-timezone", options.timezone,
                  "The time zone of a cron schedule, e.g. Europe/Paris (default: UTC)")
      ->needs(schedule);
}

CliResult<std::optional<aws::ScheduleSettings>> schedule_to_deploy(
    const deploy::ScheduleOptions& options, const deploy::LocalPipeline& local) {
  if (options.expression.empty()) return std::optional<aws::ScheduleSettings>();
  deploy::ScheduleOptions checked = options;
  if (!options.input.empty()) {
    auto input = parse_json_argument(options.input, "--schedule-input");
    if (!input) return input.error();
    checked.input = to_compact(*input);
  }
  Result<aws::ScheduleSettings> settings = deploy::local_schedule(local, checked);
  if (!settings) return command_error(kInvalidInput, settings.error().cause);
  return std::optional<aws::ScheduleSettings>(std::move(*settings));
}

CliResult<SchedulePlan> plan_schedule_step(const aws::ScheduleSettings& local,
                                           const aws::AwsEnvironment& env,
                                           const aws::Credentials& credentials,
                                           const std::string& region, aws::HttpClient& http,
                                           Clock& clock) {
  auto endpoint = aws::service_endpoint(env, aws::Service::kScheduler, region);
  if (!endpoint) return command_error(kInvalidInput, endpoint.error().cause);
  SchedulePlan out{local, nullptr, nullptr, {}};
  out.client = std::make_unique<aws::ServiceClient>(
      http, clock, aws::Service::kScheduler,
      aws::ServiceConfig{credentials, region, *endpoint, {}});
  out.scheduler = std::make_unique<aws::Scheduler>(*out.client);
  Result<deploy::ResourceChange> change = deploy::plan_schedule(local, *out.scheduler);
  if (!change) return command_error(kAws, change.error().cause);
  out.change = std::move(*change);
  return out;
}

}  // namespace conflictctl::app

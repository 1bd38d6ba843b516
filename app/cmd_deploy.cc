// conflictctl deploy PIPELINE — creates or updates the pipeline's Lambda functions and its
// state machine on AWS from the bindings file and the package `conflictctl package` wrote
// (deploy/deploy_plan.h); --dry-run prints the plan, --check exits kDrift on any difference,
// --print-policy prints the IAM policies (deploy/iam_policy.h). --schedule adds an EventBridge
// Scheduler schedule to all of these (app/deploy_schedule.h).
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "aws/credentials.h"
#include "aws/endpoints.h"
#include "aws/service_client.h"
#include "commands.h"
#include "core/clock.h"
#include "core/split.h"
#include "database_settings.h"
#include "deploy_schedule.h"
#include "deploy/deploy_plan.h"
#include "deploy/function_environment.h"
#include "deploy/iam_policy.h"
#include "deploy/package.h"
#include "exit_codes.h"
#include "pipeline/load_pipeline.h"
#include "pipeline/run.h"

namespace conflictctl::app {

namespace {

struct DeployOptions {
  std::string pipeline;
  std::string package = deploy::kDefaultPackageFile;
  std::string role_arn;
  std::string function_role_arn;
  std::string account_id;
  bool dry_run = false;
  bool check = false;
  bool print_policy = false;
  // The functions' environment and the state machine's logging (deploy/function_environment.h).
  DatabaseOptions settings;  // --env-file: the deployer's settings the bindings' environment uses
  std::string logging_level;   // --logging-level
  std::string log_group_arn;   // --log-group-arn
  deploy::ScheduleOptions schedule;
};

// The account of "arn:aws:iam::123456789012:role/x"; "" for anything else.
std::string account_of_role(const std::string& arn) {
  auto parts = split(arn, ':');
  return parts.size() >= 6 && parts[0] == "arn" && parts[2] == "iam" ? std::string(parts[4]) : "";
}

CliResult<std::string> read_package(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  if (in) bytes << in.rdbuf();
  if (!in || in.bad())
    return command_error(kInvalidInput,
                         fmt::format("{}: cannot read the package (write it with `conflictctl "
                                     "package --out {}`)",
                                     path, path));
  return bytes.str();
}

int exit_code_of(const Error& error) {
  if (error.name == "Deploy.NeedsRole") return kUsage;
  if (error.name == "Aws.ConfigError" || error.name == "Deploy.InvalidDefinition" ||
      error.name == "Deploy.MissingSetting" || error.name == "Deploy.InvalidLogging")
    return kInvalidInput;
  return kAws;
}

// The functions' environment and the state machine's logging into `settings`.
CliResult<bool> managed_settings(const DeployOptions& options, const tasks::Bindings& bindings,
                                 deploy::DeploySettings& settings) {
  auto deployer = load_settings(options.settings);
  if (!deployer) return deployer.error();
  auto environment = deploy::function_environment(bindings, *deployer);
  if (!environment) return command_error(exit_code_of(environment.error()),
                                         environment.error().cause);
  settings.environment = std::move(*environment);
  auto logging = deploy::machine_logging(bindings, options.logging_level, options.log_group_arn,
                                         settings.region, settings.account_id);
  if (!logging) return command_error(exit_code_of(logging.error()), logging.error().cause);
  settings.logging = std::move(*logging);
  return true;
}

CommandResult deploy(const DeployOptions& options) {
  auto found = pipeline::load_pipeline(pipeline::pipelines_dir(), options.pipeline);
  if (!found.diagnostics.empty()) return invalid_input(found.diagnostics);
  const aws::AwsEnvironment env = aws::system_environment();
  auto region = aws::resolve_region(env);
  if (!region) return command_error(kInvalidInput, region.error().cause);
  if (region->empty())
    return command_error(kInvalidInput, "deploy needs an AWS region: set AWS_REGION (or "
                                        "AWS_DEFAULT_REGION, or region in the profile's config)");
  deploy::DeploySettings settings{*region, options.account_id, options.role_arn,
                                  options.function_role_arn, std::nullopt, std::nullopt};
  if (settings.account_id.empty())
    settings.account_id = env.variable("AWS_ACCOUNT_ID").value_or("");
  if (settings.account_id.empty()) settings.account_id = account_of_role(options.role_arn);
  if (settings.account_id.empty()) settings.account_id = account_of_role(options.function_role_arn);
  if (settings.account_id.empty())
    return command_error(kInvalidInput, "deploy needs the AWS account id for the ARNs: give "
                                        "--account-id or a role ARN, or set AWS_ACCOUNT_ID");

  if (auto managed = managed_settings(options, *found.bindings, settings); !managed)
    return managed.error();

  std::string zip;
  if (!options.print_policy) {
    auto package = read_package(options.package);
    if (!package) return package.error();
    zip = std::move(*package);
  }
  auto local = deploy::local_pipeline(*found.bindings, to_compact(found.definition.document),
                                      aws::code_sha256(zip), settings);
  if (!local) return command_error(exit_code_of(local.error()), local.error().cause);
  auto schedule = schedule_to_deploy(options.schedule, *local);
  if (!schedule) return schedule.error();
  if (options.print_policy) {
    std::vector<deploy::PolicyDocument> policies = deploy::iam_policies(*local, settings);
    if (*schedule)
      for (deploy::PolicyDocument& policy :
           deploy::schedule_policies(*local, settings, options.schedule))
        policies.push_back(std::move(policy));
    for (const deploy::PolicyDocument& policy : policies) {
      fmt::print("# {}\n", policy.title);
      if (!policy.trust.is_null()) fmt::print("trust policy:\n{}\n", policy.trust.dump(2));
      fmt::print("permissions policy:\n{}\n\n", policy.permissions.dump(2));
    }
    return kOk;
  }

  auto credentials = aws::resolve_credentials(env);
  if (!credentials) return command_error(kInvalidInput, credentials.error().cause);
  auto lambda_endpoint = aws::service_endpoint(env, aws::Service::kLambda, *region);
  auto sfn_endpoint = aws::service_endpoint(env, aws::Service::kStepFunctions, *region);
  if (!lambda_endpoint) return command_error(kInvalidInput, lambda_endpoint.error().cause);
  if (!sfn_endpoint) return command_error(kInvalidInput, sfn_endpoint.error().cause);
  std::unique_ptr<aws::HttpClient> http = aws::make_curl_client();
  SystemClock clock;
  const aws::ServiceClient lambda_client(*http, clock, aws::Service::kLambda,
                                         {*credentials, *region, *lambda_endpoint, {}});
  const aws::ServiceClient sfn_client(*http, clock, aws::Service::kStepFunctions,
                                      {*credentials, *region, *sfn_endpoint, {}});
  const aws::LambdaFunctions functions(lambda_client);
  const aws::StepFunctions machines(sfn_client);

  auto plan = deploy::plan_deploy(*local, functions, machines);
  if (!plan) return command_error(exit_code_of(plan.error()), plan.error().cause);
  // The plan as shown and checked: the schedule's change after the state machine's.
  deploy::DeployPlan shown = *plan;
  std::optional<SchedulePlan> scheduled;
  if (*schedule) {
    auto planned = plan_schedule_step(**schedule, env, *credentials, *region, *http, clock);
    if (!planned) return planned.error();
    scheduled.emplace(std::move(*planned));
    shown.resources.push_back(scheduled->change);
  }
  if (options.check) {
    const std::vector<std::string> drift = deploy::drift_lines(shown);
    if (drift.empty()) {
      fmt::print("{}: deployed as here ({} function{}, state machine {}{})\n", options.pipeline,
                 local->functions.size(), local->functions.size() == 1 ? "" : "s",
                 local->machine_arn,
                 scheduled ? ", schedule " + scheduled->local.expression : "");
      return kOk;
    }
    CommandError error{kDrift, {}};
    for (const std::string& line : drift)
      error.lines.push_back({CommandError::Line::Kind::kText, "drift: " + line});
    error.lines.push_back({CommandError::Line::Kind::kError,
                           fmt::format("{}: {} drifted field{} between AWS and here",
                                       options.pipeline, drift.size(),
                                       drift.size() == 1 ? "" : "s")});
    return error;
  }
  fmt::print("{}", deploy::format_plan(shown));
  if (options.dry_run) return kOk;
  if (!shown.changes_anything()) {
    fmt::print("nothing to change: no call made\n");
    return kOk;
  }
  if (scheduled)  // refused before deploy's first write, as apply_deploy refuses
    if (auto ready = deploy::schedule_ready(scheduled->change, scheduled->local); !ready)
      return command_error(exit_code_of(ready.error()), ready.error().cause);
  if (auto applied = deploy::apply_deploy(*plan, *local, zip, functions, machines, clock);
      !applied)
    return command_error(exit_code_of(applied.error()), applied.error().cause);
  if (scheduled)
    if (auto applied =
            deploy::apply_schedule(scheduled->change, scheduled->local, *scheduled->scheduler);
        !applied)
      return command_error(exit_code_of(applied.error()), applied.error().cause);
  fmt::print("deployed {}: state machine {}{}\n", options.pipeline, local->machine_arn,
             scheduled ? fmt::format(", started {} by schedule {}", scheduled->local.expression,
                                     scheduled->local.name)
                       : "");
  return kOk;
}

}  // namespace

void set_deploy_command(CLI::App& app, CommandResult& result) {
  auto options = std::make_shared<DeployOptions>();
  auto* command = app.add_subcommand(
      "deploy", "Create or update a pipeline's Lambda functions and state machine on AWS "
                "(from its bindings file and the package), only what differs.");
  command->add_option("PIPELINE", options->pipeline, "The pipeline of pipelines/")->required();
  command->add_option("--package", options->package,
                      "The zip `conflictctl package` wrote")
      ->capture_default_str();
  command->add_option("--role-arn", options->role_arn,
                      "The state machine's IAM role (needed to create it; default: keep the "
                      "deployed one)");
  command->add_option("--function-role-arn", options->function_role_arn,
                      "The functions' IAM role (needed to create them; default: keep the "
                      "deployed one)");
  command->add_option("--account-id", options->account_id,
                      "Fills ACCOUNT_ID in the ARNs (default: $AWS_ACCOUNT_ID, else the role "
                      "ARN's account)");
  auto* dry_run = command->add_flag("--dry-run", options->dry_run,
                                    "Print the plan, field by field; change nothing");
  auto* check = command->add_flag("--check", options->check,
                                  "Exit 6 naming each field that differs between AWS and here");
  auto* policy = command->add_flag("--print-policy", options->print_policy,
                                   "Print the least-privilege IAM policies the roles and the "
                                   "deployer need; call nothing");
  add_database_options(*command, options->settings);
  command->add_option("--logging-level", options->logging_level,
                      "The state machine's logging level, over the bindings' logging: (ALL, "
                      "ERROR, FATAL or OFF)")
      ->check(CLI::IsMember({"ALL", "ERROR", "FATAL", "OFF"}));
  command->add_option("--log-group-arn", options->log_group_arn,
                      "The CloudWatch Logs log group the state machine logs to "
                      "(arn:aws:logs:REGION:ACCOUNT_ID:log-group:NAME:*), over the bindings'");
  add_schedule_options(*command, options->schedule);
  dry_run->excludes(check)->excludes(policy);
  check->excludes(policy);
  command->callback([options, &result] { result = deploy(*options); });
}

}  // namespace conflictctl::app

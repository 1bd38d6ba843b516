#pragma once
// `conflictctl deploy`: what a pipeline of pipelines/ looks like on AWS, what differs from what
// is deployed, and the calls that make AWS match it.
//
// The local side (`local_pipeline`), from the bindings file (tasks/bindings.h), the definition
// and the package `conflictctl package` wrote (deploy/package.h):
//   - one Lambda function per binding: Runtime provided.al2023, Handler = the binding's handler,
//     Timeout = timeout_seconds, MemorySize = memory_mb, Architectures = the package's
//     (this build's machine), Role = --function-role-arn, code = the package's CodeSha256,
//     Environment = DeploySettings::environment (each variable a field: "Environment NAME");
//   - one state machine named as the pipeline: the definition with every Lambda ARN's REGION
//     and ACCOUNT_ID placeholders filled (fields that already name a region or an account are
//     kept), type = the bindings' `type:` (STANDARD by default), roleArn = --role-arn,
//     loggingConfiguration = DeploySettings::logging ("logging level", "logging
//     includeExecutionData", "logging logGroupArn").
// A role not given is whatever is deployed (it is never drift); creating a resource needs it.
//
// The plan (`plan_deploy`) reads only: GetFunctionConfiguration and DescribeStateMachine. For
// each resource: create (it does not exist), update (the fields that differ, each with its
// deployed and local value; the definition's differences by JSON Pointer), or nothing. A
// second deploy with nothing changed plans nothing and `apply_deploy` then makes no call.
//
// Applying (`apply_deploy`), functions first, then the state machine: CreateFunction;
// UpdateFunctionCode when the code or architecture differs, then, once Lambda reports the
// update done (LastUpdateStatus polled every second through the Clock, for at most
// kUpdateWaitSeconds), UpdateFunctionConfiguration when a setting differs;
// CreateStateMachine or UpdateStateMachine (definition, roleArn).
//
// Errors: apply_deploy refuses before its first write with "Deploy.NeedsRole" (a resource to
// create and no role given for it) or "Deploy.TypeChange" (Step Functions cannot change a state
// machine's type: delete it first); then "Deploy.UpdateTimeout"; local_pipeline:
// "Deploy.InvalidDefinition"; and the AWS calls' errors (aws/service_client.h). The plan itself
// never fails for a missing role: it shows "(none: give --role-arn)".
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/lambda_functions.h"
#include "aws/step_functions.h"
#include "core/clock.h"
#include "core/error.h"
#include "tasks/bindings.h"

namespace conflictctl::deploy {

inline constexpr std::string_view kLambdaRuntime = "provided.al2023";
inline constexpr int kUpdateWaitSeconds = 120;

// The architecture the package runs on, as Lambda names it: "x86_64" or "arm64".
std::string_view package_architecture();

struct DeploySettings {
  std::string region;             // fills REGION placeholders; required
  std::string account_id;         // fills ACCOUNT_ID placeholders; required
  std::string role_arn;           // the state machine's role; "" = keep the deployed one
  std::string function_role_arn;  // the functions' role; "" = keep the deployed one
  // Every function's environment (deploy/function_environment.h); nullopt = keep the deployed
  // one. Compared and shown per variable; a secret-looking name's value as "(hidden)".
  std::optional<std::map<std::string, std::string>> environment;
  // The state machine's logging (deploy/function_environment.h); nullopt = keep the deployed.
  std::optional<aws::StateMachineLogging> logging;
};

struct LocalPipeline {
  std::vector<aws::FunctionSettings> functions;
  std::string code_sha256;  // of the package
  aws::StateMachineSettings machine;
  std::string machine_arn;  // arn:aws:states:REGION:ACCOUNT:stateMachine:NAME
};

// Error{"Deploy.InvalidDefinition", …} when `definition` is not a JSON object.
Result<LocalPipeline> local_pipeline(const tasks::Bindings& bindings,
                                     const std::string& definition,
                                     const std::string& code_sha256,
                                     const DeploySettings& settings);

// `definition` (ASL JSON text) with the Lambda ARNs' placeholders filled, as compact JSON.
Result<std::string> fill_arns(const std::string& definition, const std::string& region,
                              const std::string& account_id);

struct FieldChange {
  std::string field;     // "Timeout", "code", "definition /States/A/TimeoutSeconds"
  std::string deployed;  // "" when creating
  std::string local;
};

struct ResourceChange {
  std::string kind;  // "function" or "state machine"
  std::string name;
  bool create = false;
  std::vector<FieldChange> fields;  // creating: every field; updating: the ones that differ
  bool changed() const { return create || !fields.empty(); }
};

struct DeployPlan {
  std::vector<ResourceChange> resources;  // the functions in bindings order, then the machine
  bool changes_anything() const;
};

Result<DeployPlan> plan_deploy(const LocalPipeline& local, const aws::LambdaFunctions& lambda,
                               const aws::StepFunctions& sfn);

// Makes the calls the plan needs; `zip` is the package's bytes.
Result<void> apply_deploy(const DeployPlan& plan, const LocalPipeline& local,
                          const std::string& zip, const aws::LambdaFunctions& lambda,
                          const aws::StepFunctions& sfn, Clock& clock);

// The plan, field by field:
//   function etl-pipeline-function: update
//     Timeout  900 -> 600
//   state machine conflict_report_daily: up to date
std::string format_plan(const DeployPlan& plan);

// One line per drifted field: "function etl-pipeline-function: Timeout is 900 on AWS, 600
// here"; "state machine m: not deployed".
std::vector<std::string> drift_lines(const DeployPlan& plan);

}  // namespace conflictctl::deploy

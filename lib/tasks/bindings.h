#pragma once
// A pipeline's bindings file: the YAML file beside an ASL definition in pipelines/ that says
// which definition it is and which handler runs each Lambda function the definition calls.
//
//   # pipelines/conflict_report.yaml
//   name: conflict_report                      # required; must equal the file name's stem
//   definition: conflict_report.asl.json       # required; relative to this file's folder
//   description: Daily conflict report refresh # optional
//   type: STANDARD                             # optional; STANDARD (default) or EXPRESS
//   functions:                                 # required; may be empty ({})
//     etl-pipeline-function:                   # the Lambda function name (no qualifier)
//       handler: conflict-report               # required; a plugin name (tasks/plugins.h)
//       timeout_seconds: 900                   # optional; 1..900, default 900
//       memory_mb: 2048                        # optional; 128..10240, default 128
//   environment:                               # optional: every function's environment
//     POSTGRES_SECRET_ID:                      #   no value: the deployer's setting of that
//     LOG_LEVEL: INFO                          #   name (environment or .env); else this text
//   logging:                                   # optional: the state machine's logging
//     level: ERROR                             #   ALL, ERROR, FATAL or OFF (required)
//     include_execution_data: false            #   optional; default false
//     log_group_arn: arn:aws:logs:REGION:ACCOUNT_ID:log-group:/aws/vendedlogs/states/x:*
//
// `environment:` is what `conflictctl deploy` sets on each function (docs/deploy.md): without
// the key deploy leaves the functions' environment as it is; with it (even `{}`), the
// environment is exactly this. A name is a letter then letters, digits or underscores; never
// POSTGRES_PASSWORD (name a secret with POSTGRES_SECRET_ID) nor a name Lambda reserves (AWS_*,
// _HANDLER, LAMBDA_TASK_ROOT, LAMBDA_RUNTIME_DIR, TZ, _X_AMZN_TRACE_ID). `logging:` is the
// state machine's LoggingConfiguration (REGION and ACCOUNT_ID in the ARN are filled as in
// the definition); a level other than OFF needs a log group, here or `deploy --log-group-arn`.
// `deploy --logging-level` and `--log-group-arn` override these.
//
// Lambda's own limits apply: a function runs at most 900 seconds (15 minutes) and has 128 MB
// to 10,240 MB of memory. A function name is 1–64 letters, digits, hyphens or underscores.
//
// Every problem is a Diagnostic naming the file and the line and column of the offending key
// or value: YAML syntax errors, missing or unknown keys, duplicate keys, wrong types, values
// out of range, a definition file that does not exist. All problems are reported, not only
// the first; the bindings are returned only when there are none. Nothing here throws.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/lambda_limits.h"
#include "core/workflow_type.h"

namespace conflictctl::tasks {

// Defaults: the whole Lambda limit, and Lambda's own default memory (core/lambda_limits.h).
inline constexpr int kDefaultTimeoutSeconds = lambda::kMaxTimeoutSeconds;
inline constexpr int kDefaultMemoryMb = lambda::kMinMemoryMb;

struct FunctionBinding {
  std::string name;     // the Lambda function name
  std::string handler;  // the plugin that runs it
  int timeout_seconds = kDefaultTimeoutSeconds;
  int memory_mb = kDefaultMemoryMb;
  int line = 0;  // where the handler is written (1-based), for later diagnostics
  int column = 0;
};

// One variable of `environment:`.
struct EnvironmentBinding {
  std::string name;
  std::optional<std::string> value;  // nullopt: the deployer's setting of `name`
  int line = 0;  // where the name is written (1-based), for the deployer's errors
  int column = 0;
};

// `logging:`, as Step Functions' LoggingConfiguration names it.
struct LoggingBinding {
  std::string level;                    // level: ALL, ERROR, FATAL or OFF
  bool include_execution_data = false;  // includeExecutionData
  std::string log_group_arn;            // destinations[0].cloudWatchLogsLogGroup.logGroupArn
};

// The log levels Step Functions accepts.
inline constexpr std::string_view kLogLevels[] = {"ALL", "ERROR", "FATAL", "OFF"};

struct Bindings {
  std::string file;             // the bindings file, as named by the caller
  std::string name;             // the pipeline name
  std::string definition;       // as written
  std::string definition_path;  // `definition` joined to the bindings file's folder
  std::string description;      // "" when absent
  std::optional<WorkflowType> type;  // "type:"; nullopt when absent (STANDARD, as AWS's default)
  std::vector<FunctionBinding> functions;  // in file order
  // "environment:", in file order; nullopt when absent (deploy leaves the environment alone).
  std::optional<std::vector<EnvironmentBinding>> environment;
  std::optional<LoggingBinding> logging;  // "logging:"; nullopt when absent

  // The binding of `function`, or null.
  const FunctionBinding* find(std::string_view function) const;
};

struct LoadedBindings {
  std::optional<Bindings> bindings;  // empty when diagnostics is not empty
  Diagnostics diagnostics;
};

// Parses bindings from `text`; `file` names it in diagnostics and anchors the definition
// path. Does not touch the file system.
LoadedBindings parse_bindings(const std::string& text, const std::string& file);

// Reads and parses the file, then checks that the definition file exists.
LoadedBindings load_bindings(const std::string& path);

// Loads the pipeline `name` from `dir`, i.e. "<dir>/<name>.yaml". An unknown name is one
// diagnostic that lists the pipelines there.
LoadedBindings find_pipeline(const std::string& dir, const std::string& name);

// The names of the pipelines in `dir` (the stems of its *.yaml files), sorted; empty when the
// folder does not exist.
std::vector<std::string> list_pipelines(const std::string& dir);

}  // namespace conflictctl::tasks

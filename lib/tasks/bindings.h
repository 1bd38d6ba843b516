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

struct Bindings {
  std::string file;             // the bindings file, as named by the caller
  std::string name;             // the pipeline name
  std::string definition;       // as written
  std::string definition_path;  // `definition` joined to the bindings file's folder
  std::string description;      // "" when absent
  std::optional<WorkflowType> type;  // "type:"; nullopt when absent (STANDARD, as AWS's default)
  std::vector<FunctionBinding> functions;  // in file order

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

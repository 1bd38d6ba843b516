#pragma once
// Running a state machine with its tasks: what `conflictctl execute`, `simulate` and `run`
// share. It loads the definition, the bindings (which plugin runs each Lambda function) and
// an optional AWS Step Functions Local mock configuration, builds the task runner, and runs
// the engine on the virtual clock (mocked tasks take their simulated time) or on the real
// clock (real tasks).
//
// Every problem with the inputs — a missing or malformed file, an invalid definition, an
// unknown test case — is a Diagnostic naming the file; nothing runs then.
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "asl/model.h"
#include "core/diagnostic.h"
#include "core/logger.h"
#include "engine/executor.h"
#include "engine/run_summary.h"
#include "db/pool.h"
#include "db/settings.h"
#include "tasks/bindings.h"
#include "tasks/mock_config.h"
#include "tasks/plugins.h"
#include "tasks/remote_lambda.h"

namespace conflictctl::pipeline {

struct MockSelection {
  std::string file;           // an AWS Step Functions Local mock configuration
  std::string state_machine;  // "" = the only state machine in the file, else the pipeline name
  std::string test_case;      // "" = the only test case of that state machine
};

// What a run is about to execute, as RunRequest::on_start sees it.
struct RunStart {
  std::string definition_path;     // resolved from the pipeline when one was named
  std::string state_machine_name;  // resolved: the pipeline, or the definition file's stem
  Timestamp started;               // the run clock's time as the execution starts
  WorkflowType type = WorkflowType::kStandard;  // resolved: --type, the bindings', STANDARD
};

struct RunRequest {
  // A pipeline of pipelines_dir() by name: sets definition, bindings and
  // state_machine_name from its bindings file (tasks/bindings.h).
  std::optional<std::string> pipeline;
  std::string definition;                 // path of the ASL definition
  std::optional<std::string> bindings;    // path of the bindings YAML; none = no plugins
  tasks::TaskMode mode = tasks::TaskMode::kMock;
  // Required with TaskMode::kDatabase: where the tasks run; its max_workers bounds both the
  // connection pool and the concurrent task invocations.
  std::optional<db::ConnectionSettings> database;
  // How database sessions are opened; default db::connect. A seam for fault-injection tests.
  db::Connector connector;
  // Set: the tasks run on AWS Lambda, invoking the functions the definition names
  // (tasks/remote_lambda.h), on the real clock; `mode` and `database` are then not used.
  std::optional<tasks::RemoteSettings> remote;
  std::optional<MockSelection> mocks;
  std::string state_machine_name;         // for ARNs and the mock lookup; default: file stem
  Json input = Json::object();
  std::uint64_t seed = 0;
  // The workflow type (--type); nullopt: the bindings' `type:`, else STANDARD. A definition
  // that the type forbids (asl/workflow_rules.h) is a diagnostic: nothing runs.
  std::optional<WorkflowType> type;
  bool virtual_clock = true;
  // Whether history events keep their input and output texts (ExecutionOptions::event_data);
  // false for a caller that reads nothing of the history but its events.
  bool event_data = true;
  // Whether the history keeps its events or only counts them (ExecutionOptions::keep_events).
  bool keep_events = true;
  // Whether the execution keeps its unsuccessful Map Runs' child executions for a redrive
  // (ExecutionOptions::keep_map_runs).
  bool keep_map_runs = false;
  // Local folders standing for S3 prefixes (engine/s3_files.h): --s3-root.
  std::vector<engine::S3Root> s3_roots;
  // Called once on this thread when every input is loaded, just before the execution starts
  // (never when diagnostics stop the run), e.g. to note that a run began. Default: none.
  std::function<void(const RunStart&)> on_start;
  // Told of each event and retry as the execution goes (engine/observer.h), e.g. to draw
  // progress; null: no one. Not owned.
  engine::ExecutionObserver* observer = nullptr;
  // Set: the run redrives an execution that did not succeed (engine/redrive.h); its plan was
  // made from the definition it ran, `redrive_definition`. A definition that is no longer
  // that one is a diagnostic (AWS: "Because redriven executions use the same state machine
  // definition, you must start a new execution if you update your state machine
  // definition."). Not owned.
  const engine::RedrivePlan* redrive = nullptr;
  Json redrive_definition;
};

struct RunOutcome {
  Diagnostics diagnostics;  // non-empty: nothing ran
  std::shared_ptr<const asl::StateMachine> machine;
  Json definition;  // the definition file's JSON document, as run
  std::optional<tasks::Bindings> bindings;
  WorkflowType type = WorkflowType::kStandard;  // the type the execution ran as
  std::uint64_t seed = 0;                        // the request's seed, as it ran with it
  std::optional<engine::ExecutionResult> result;
};

// Taken by value: the execution takes the request's input over (a Map's items can be large).
RunOutcome run(RunRequest request, Logger& log);

// The test case `selection` names in `config`: its state machine ("" = the file's only one,
// else `default_machine`) and its test case ("" = that machine's only one). An error whose
// cause says what to choose when the file does not name one.
Result<tasks::MockTestCase> select_test_case(const tasks::MockConfig& config,
                                             const MockSelection& selection,
                                             const std::string& default_machine);

// The per-invocation Lambda limit of each Task Resource according to the bindings (their
// functions' timeout_seconds); nullopt for resources that are not bound Lambda functions.
engine::FunctionTimeout function_timeouts(const std::optional<tasks::Bindings>& bindings);

// The directory holding the pipelines: $CONFLICTCTL_PIPELINES_DIR if set (the environment or
// .env, app/settings.h); else the installed one beside the running binary (/proc/self/exe),
// ../share/conflictctl/pipelines from bin/ (`cmake --install`, the .deb), when it exists;
// else the pipelines/ folder of the source tree the binary was built from.
std::string pipelines_dir();

}  // namespace conflictctl::pipeline

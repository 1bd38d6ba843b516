#include "pipeline/run.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

#include "core/lambda_limits.h"
#include "asl/parser.h"
#include "asl/workflow_rules.h"
#include "pipeline/load_pipeline.h"
#include "tasks/mock_config.h"
#include "tasks/mock_runner.h"
#include "asl/resource.h"

namespace conflictctl::pipeline {

Result<tasks::MockTestCase> select_test_case(const tasks::MockConfig& config,
                                             const MockSelection& selection,
                                             const std::string& default_machine) {
  std::string machine = selection.state_machine;
  if (machine.empty()) {
    machine = config.state_machines.size() == 1 ? config.state_machines.begin()->first
                                                : default_machine;
  }
  std::string test_case = selection.test_case;
  if (test_case.empty()) {
    auto found = config.state_machines.find(machine);
    if (found == config.state_machines.end())
      return config.test_case(machine, "");  // its error lists the state machines there are
    if (found->second.empty())
      return Error{"", fmt::format("state machine '{}' has no test cases", machine)};
    if (found->second.size() > 1) {
      std::vector<std::string> names;
      for (const auto& entry : found->second) names.push_back(entry.first);
      return Error{"", fmt::format("state machine '{}' has several test cases ({}); choose one "
                                   "with --test-case",
                                   machine, fmt::join(names, ", "))};
    }
    test_case = found->second.begin()->first;
  }
  return config.test_case(machine, test_case);
}

engine::FunctionTimeout function_timeouts(const std::optional<tasks::Bindings>& bindings) {
  return [bindings](const std::string& resource) -> std::optional<double> {
    auto parsed = asl::parse_resource(resource);
    if (!parsed || parsed->kind != asl::ResourceKind::kLambdaFunction) return std::nullopt;
    if (bindings) {
      if (const auto* function = bindings->find(parsed->function.name))
        return function->timeout_seconds;
    }
    return lambda::kMaxTimeoutSeconds;
  };
}

std::string pipelines_dir() {
  if (const char* dir = std::getenv("CONFLICTCTL_PIPELINES_DIR"); dir && *dir) return dir;
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    const std::filesystem::path installed =
        (self.parent_path() / CONFLICTCTL_INSTALLED_PIPELINES).lexically_normal();
    if (std::filesystem::is_directory(installed, error)) return installed.string();
  }
  return CONFLICTCTL_PIPELINES_DIR;
}

RunOutcome run(RunRequest request, Logger& log) {
  RunOutcome outcome;
  asl::Loaded loaded;
  std::optional<tasks::Bindings> bindings;
  if (request.pipeline) {
    auto pipeline = load_pipeline(pipelines_dir(), *request.pipeline);
    if (!pipeline.diagnostics.empty()) {
      outcome.diagnostics = std::move(pipeline.diagnostics);
      return outcome;
    }
    request.definition = pipeline.bindings->definition_path;
    if (request.state_machine_name.empty()) request.state_machine_name = *request.pipeline;
    loaded = std::move(pipeline.definition);
    bindings = std::move(pipeline.bindings);
  } else {
    loaded = asl::load_definition(request.definition);
    if (!loaded.machine) {
      outcome.diagnostics = std::move(loaded.diagnostics);
      return outcome;
    }
    if (request.bindings) {
      auto read = tasks::load_bindings(*request.bindings);
      if (!read.bindings) {
        outcome.diagnostics = std::move(read.diagnostics);
        return outcome;
      }
      bindings = std::move(read.bindings);
    }
  }
  outcome.machine = loaded.machine;
  outcome.definition = std::move(loaded.document);
  if (request.redrive && outcome.definition != request.redrive_definition) {
    outcome.diagnostics.push_back(Diagnostic{
        request.definition, "",
        "the definition is not the one the redriven run ran; a redrive runs the same "
        "definition: start a new execution to run this one"});
    return outcome;
  }
  outcome.type = request.type.value_or(
      bindings && bindings->type ? *bindings->type : WorkflowType::kStandard);
  outcome.diagnostics = asl::check_workflow_type(*outcome.machine, outcome.type, request.definition);
  if (!outcome.diagnostics.empty()) return outcome;

  std::shared_ptr<engine::TaskRunner> runner;
  if (bindings && !request.remote) {
    std::shared_ptr<tasks::TaskDatabase> database;
    if (request.mode == tasks::TaskMode::kDatabase && request.database)
      database = tasks::open_task_database(*request.database, request.connector);
    auto built = tasks::make_runner_for(*bindings, request.mode, database);
    if (!built.runner) {
      outcome.diagnostics = std::move(built.diagnostics);
      return outcome;
    }
    runner = built.runner;
  }
  outcome.bindings = std::move(bindings);
  if (request.remote) {
    runner = std::make_shared<tasks::RemoteLambda>(*request.remote);
    request.virtual_clock = false;
  }

  std::string machine_name = request.state_machine_name.empty()
                                 ? std::filesystem::path(request.definition).stem().stem().string()
                                 : request.state_machine_name;
  if (request.mocks) {
    auto config = tasks::load_mock_config(request.mocks->file);
    if (!config.config) {
      outcome.diagnostics = std::move(config.diagnostics);
      return outcome;
    }
    auto test_case = select_test_case(*config.config, *request.mocks, machine_name);
    if (!test_case) {
      outcome.diagnostics.push_back(Diagnostic{request.mocks->file, "", test_case.error().cause});
      return outcome;
    }
    runner = std::make_shared<tasks::MockRunner>(std::move(*test_case), runner);
  }
  if (!runner) runner = std::make_shared<tasks::Registry>();

  std::unique_ptr<Clock> clock;
  if (request.virtual_clock) clock = std::make_unique<VirtualClock>(SystemClock().now());
  else clock = std::make_unique<SystemClock>();

  engine::ExecutionOptions options;
  options.input = std::move(request.input);
  options.state_machine_name = machine_name;
  options.seed = request.seed;
  options.event_data = request.event_data;
  options.keep_events = request.keep_events;
  options.keep_map_runs = request.keep_map_runs;
  outcome.seed = request.seed;
  options.type = outcome.type;
  options.s3_roots = std::move(request.s3_roots);
  options.observer = request.observer;
  options.redrive = request.redrive;
  if (request.database) options.max_workers = static_cast<std::size_t>(request.database->max_workers);
  if (request.on_start) request.on_start(RunStart{request.definition, machine_name, clock->now(), outcome.type});
  outcome.result = engine::execute(*outcome.machine, options, {*runner, *clock, log});
  return outcome;
}

}  // namespace conflictctl::pipeline

#include "aws_runs.h"

#include <fmt/format.h>

#include "aws/credentials.h"
#include "aws/execution_wait.h"
#include "aws/endpoints.h"
#include "budget/recorded_execution.h"
#include "budget/run_budget.h"
#include "budget/task_limits.h"
#include "console.h"
#include "engine/run_summary.h"
#include "core/split.h"
#include "exit_codes.h"
#include "machine_run.h"
#include "pipeline/load_pipeline.h"
#include "pipeline/run.h"
#include "progress/step_progress.h"
#include "run_recording.h"

namespace conflictctl::app {

CliResult<std::unique_ptr<StepFunctionsConnection>> connect_step_functions() {
  auto connection = std::make_unique<StepFunctionsConnection>();
  if (auto connected = connect_aws(aws::Service::kStepFunctions,
                                   {"", "AWS Step Functions needs a region: set AWS_REGION (or "
                                        "AWS_DEFAULT_REGION, or region in the profile's config)"},
                                   *connection);
      connected)
    return *connected;
  connection->sfn = std::make_unique<aws::StepFunctions>(*connection->client);
  return connection;
}

int aws_exit_code(const Error& error) {
  return error.name == "Aws.ConfigError" ? kInvalidInput : kAws;
}

CliResult<budget::AwsRunContext> aws_run_context(const std::string& pipeline,
                                                 std::string command) {
  auto found = pipeline::load_pipeline(pipeline::pipelines_dir(), pipeline);
  if (!found.diagnostics.empty()) return invalid_input(found.diagnostics);
  budget::AwsRunContext context;
  context.command = std::move(command);
  context.pipeline = pipeline;
  context.definition_path = found.bindings->definition_path;
  context.definition = found.definition.document;
  context.function_timeouts = function_timeouts_json(
      *found.definition.machine, pipeline::function_timeouts(found.bindings));
  context.type = found.bindings->type.value_or(WorkflowType::kStandard);
  return context;
}

std::string pipeline_of_execution(const std::string& execution_arn) {
  auto parts = split(execution_arn, ':');
  if (parts.size() != 8 || parts[0] != "arn" || parts[2] != "states" ||
      parts[5] != "execution")
    return "";
  return std::string(parts[6]);
}

CliResult<AwsRun> record_aws_run(const Json& history, const std::string& source,
                                  const budget::AwsRunContext& context,
                                  const std::string& state_dir) {
  auto record = budget::record_from_aws_history(history, source, context);
  if (!record) return command_error(kInvalidInput, record.error().cause);
  budget::RunStore store = open_run_store(state_dir);
  auto runs = store.list(context.pipeline);
  if (!runs) return command_error(kInvalidInput, runs.error().cause);
  const std::size_t events = record->history.at("events").size();
  for (const budget::RunListing& run : *runs)
    if (run.mode == budget::kAwsMode && run.started == record->started && run.events == events) {
      record->id = run.id;
      return AwsRun{std::move(*record), false};
    }
  if (auto id = store.begin(*record); !id)
    return command_error(kInvalidInput, id.error().cause);
  if (auto written = store.finish(*record); !written)
    return command_error(kInvalidInput, written.error().cause);
  return AwsRun{std::move(*record), true};
}

CommandResult report_aws_execution(StepFunctionsConnection& connection,
                                   const std::string& execution_arn,
                                   const budget::AwsRunContext& context,
                                   const RecordOptions& options, bool quiet) {
  const aws::StepFunctions& sfn = *connection.sfn;
  std::unique_ptr<progress::Terminal> terminal = progress_terminal(quiet);
  std::optional<progress::StepProgress> steps;
  if (terminal) steps.emplace(*terminal, connection.clock);
  auto ended = aws::wait_for_execution(sfn, execution_arn, connection.clock,
                                       aws::kExecutionPollInterval, steps ? &*steps : nullptr);
  if (!ended) return command_error(aws_exit_code(ended.error()), ended.error().cause);
  auto history = sfn.execution_history(execution_arn);
  if (!history) return command_error(aws_exit_code(history.error()), history.error().cause);
  auto record = budget::record_from_aws_history(*history, execution_arn, context);
  if (!record) return command_error(kInvalidInput, record.error().cause);
  auto run = budget::read_recorded_run(*record);
  if (!run) return command_error(kInvalidInput, run.error().cause);

  const engine::FunctionTimeout timeouts =
      budget::recorded_function_timeouts(record->function_timeouts);
  const engine::RunSummary summary = engine::summarize(*run->machine, run->execution, timeouts);
  fmt::print("Pipeline {} ({}), on AWS Step Functions in {}\nexecution {}{}\n\n",
             context.pipeline, context.definition_path, connection.region, execution_arn,
             ended->redrive_count > 0 ? fmt::format(", redrive {}", ended->redrive_count) : "");
  fmt::print("{}", engine::format_text(summary, false));
  fmt::print("\n{}", budget::format_run_budget(budget::RunBudgetInputs{
                        context.pipeline, run->machine.get(), timeouts, &run->execution.history,
                        false, context.type, options.state_dir}));
  if (!options.no_record) {
    budget::RunStore store = open_run_store(options.state_dir);
    auto id = store.begin(*record);
    auto written = id ? store.finish(*record) : Result<void>(id.error());
    if (written)
      note(recorded_note(record->id, options.state_dir));
    else
      warning(fmt::format("run not recorded: {}: {}", written.error().name,
                          written.error().cause));
  }
  return exit_code_for(run->execution);
}

}  // namespace conflictctl::app

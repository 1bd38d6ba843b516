#include "pipeline/run_task.h"

#include <fmt/format.h>

#include "asl/limits.h"
#include "core/error_names.h"
#include "engine/executor.h"
#include "engine/task_events.h"
#include "pipeline/run.h"
#include "tasks/bindings.h"
#include "tasks/invoke_with_deadline.h"

namespace conflictctl::pipeline {

namespace {

// The events a Task state would record for this invocation, started at `start`.
void record_history(TaskRun& run, Timestamp start, const Result<Json>& result) {
  engine::TaskEvents events(run.function, engine::ExecutionOptions{}.region);
  const engine::ScheduledTask task{run.limit_seconds, std::nullopt, std::nullopt};
  auto scheduled = run.history.record(start, events.scheduled_type(), 0, events.scheduled_key(),
                                   events.scheduled(run.event, task));
  auto started = run.history.record(start, events.started_type(), scheduled, events.started_key(),
                                 events.started());
  Timestamp end = start + seconds_to_millis(run.seconds);
  if (result)
    run.history.record(end, events.succeeded_type(), started, events.succeeded_key(),
                    events.succeeded(*result));
  else if (result.error().name == errors::kTimeout)
    run.history.record(end, events.timed_out_type(), started, events.timed_out_key(),
                    events.failed(result.error()));
  else
    run.history.record(end, events.failed_type(), started, events.failed_key(),
                    events.failed(result.error()));
}

}  // namespace

TaskRun run_task(const TaskRequest& request, Logger& log) {
  TaskRun run;
  auto found = tasks::find_pipeline(pipelines_dir(), request.pipeline);
  if (!found.bindings) {
    run.diagnostics = std::move(found.diagnostics);
    return run;
  }
  const tasks::Bindings& bindings = *found.bindings;
  if (bindings.functions.empty()) {
    run.diagnostics.push_back({bindings.file, "/functions", "the pipeline binds no function"});
    return run;
  }
  std::shared_ptr<tasks::TaskDatabase> database;
  if (request.mode == tasks::TaskMode::kDatabase && request.database)
    database = tasks::open_task_database(*request.database, request.connector);
  std::shared_ptr<engine::TaskRunner> runner;
  const tasks::FunctionBinding& function = bindings.functions.front();
  std::string resource = function.name;
  if (request.remote) {
    runner = std::make_shared<tasks::RemoteLambda>(*request.remote);
    resource = fmt::format("arn:aws:lambda:REGION:ACCOUNT_ID:function:{}", function.name);
  } else {
    auto built = tasks::make_runner_for(bindings, request.mode, database);
    if (!built.runner) {
      run.diagnostics = std::move(built.diagnostics);
      return run;
    }
    runner = built.runner;
  }
  run.function = function.name;
  run.limit_seconds = request.timeout_seconds.value_or(function.timeout_seconds);
  std::string limit_text = fmt::format("its timeout ({} s)", run.limit_seconds);
  run.type = request.type.value_or(bindings.type.value_or(WorkflowType::kStandard));
  if (run.type == WorkflowType::kExpress &&
      run.limit_seconds > asl::limits::kExpressExecutionSeconds) {
    run.limit_seconds = asl::limits::kExpressExecutionSeconds;
    limit_text = fmt::format("the {} s that an Express workflow may run", run.limit_seconds);
  }
  run.event = request.payload.is_object() ? request.payload : Json::object();
  run.event["action"] = request.action;

  bool simulated = request.mode == tasks::TaskMode::kMock && !request.remote;
  std::unique_ptr<Clock> clock;
  if (simulated) clock = std::make_unique<VirtualClock>(SystemClock().now());
  else clock = std::make_unique<SystemClock>();
  Timestamp start = clock->now();
  if (request.on_start) request.on_start(start);
  CancellationSource cancel;
  engine::TaskContext context{*clock, start + seconds_to_millis(run.limit_seconds), cancel.token(),
                             log, simulated};
  engine::TaskInvocation invocation{resource, function.name, run.event, request.action, 0, "",
                                    std::nullopt};
  auto outcome = simulated ? runner->invoke(invocation, context)
                           : tasks::invoke_with_deadline(*runner, invocation, context, *clock,
                                                         cancel);
  run.seconds = simulated ? outcome.simulated_seconds.value_or(0.0)
                          : millis_to_seconds(clock->now() - start);
  if (run.seconds >= run.limit_seconds && (outcome.result || simulated)) {
    // A simulated call that runs past its deadline ends there, as a Task state's does.
    if (simulated) run.seconds = run.limit_seconds;
    outcome = engine::TaskOutcome::failure(
        std::string(errors::kTimeout),
        fmt::format("The function '{}' did not finish within {}.", function.name, limit_text));
  }
  record_history(run, start, outcome.result);
  run.outcome = std::move(outcome);
  return run;
}

}  // namespace conflictctl::pipeline

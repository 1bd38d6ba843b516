#include "pipeline/run_task.h"

#include <fmt/format.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/error_names.h"
#include "engine/executor.h"
#include "engine/task_events.h"
#include "pipeline/run.h"
#include "tasks/bindings.h"

namespace conflictctl::pipeline {

namespace {

// Runs the invocation on a thread of its own; cancels it when `context.deadline` passes
// first, then waits for it to stop (its transaction rolls back).
tasks::TaskOutcome invoke_with_deadline(tasks::TaskRunner& runner,
                                        const tasks::TaskInvocation& invocation,
                                        tasks::TaskContext& context, Clock& clock,
                                        CancellationSource& cancel) {
  std::mutex mutex;
  std::condition_variable finished;
  std::optional<tasks::TaskOutcome> outcome;
  std::thread worker([&] {
    auto result = runner.invoke(invocation, context);
    std::lock_guard lock(mutex);
    outcome = std::move(result);
    finished.notify_all();
  });
  {
    std::unique_lock lock(mutex);
    while (!outcome && clock.now() < *context.deadline)
      clock.wait_until(finished, lock, *context.deadline);
  }
  bool late = false;
  {
    std::lock_guard lock(mutex);
    late = !outcome;
  }
  if (late) cancel.cancel();
  worker.join();
  return std::move(*outcome);
}

// The events a Task state would record for this invocation, started at `start`.
void record_history(TaskRun& run, Timestamp start, const Result<Json>& result) {
  engine::TaskEvents events(run.function, engine::ExecutionOptions{}.region);
  auto scheduled = run.history.add(start, events.scheduled_type(), 0, events.scheduled_key(),
                                   events.scheduled(run.event, run.limit_seconds));
  auto started = run.history.add(start, events.started_type(), scheduled, events.started_key(),
                                 events.started());
  Timestamp end = start + seconds_to_millis(run.seconds);
  if (result)
    run.history.add(end, events.succeeded_type(), started, events.succeeded_key(),
                    events.succeeded(*result));
  else if (result.error().name == errors::kTimeout)
    run.history.add(end, events.timed_out_type(), started, events.timed_out_key(),
                    events.failed(result.error()));
  else
    run.history.add(end, events.failed_type(), started, events.failed_key(),
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
  auto built = tasks::make_runner_for(bindings, request.mode, database);
  if (!built.runner) {
    run.diagnostics = std::move(built.diagnostics);
    return run;
  }
  const tasks::FunctionBinding& function = bindings.functions.front();
  run.function = function.name;
  run.limit_seconds = request.timeout_seconds.value_or(function.timeout_seconds);
  run.event = request.payload.is_object() ? request.payload : Json::object();
  run.event["action"] = request.action;

  bool simulated = request.mode == tasks::TaskMode::kMock;
  std::unique_ptr<Clock> clock;
  if (simulated) clock = std::make_unique<VirtualClock>(SystemClock().now());
  else clock = std::make_unique<SystemClock>();
  Timestamp start = clock->now();
  if (request.on_start) request.on_start(start);
  CancellationSource cancel;
  tasks::TaskContext context{*clock, start + seconds_to_millis(run.limit_seconds), cancel.token(),
                             log};
  tasks::TaskInvocation invocation{function.name, function.name, run.event, request.action, 0,
                                   Json::object()};
  auto outcome = simulated ? built.runner->invoke(invocation, context)
                           : invoke_with_deadline(*built.runner, invocation, context, *clock,
                                                  cancel);
  run.seconds = simulated ? outcome.simulated_seconds.value_or(0.0)
                          : millis_to_seconds(clock->now() - start);
  if (run.seconds >= run.limit_seconds && (outcome.result || simulated))
    outcome = tasks::TaskOutcome::failure(
        std::string(errors::kTimeout),
        fmt::format("The function '{}' did not finish within its timeout ({} s).", function.name,
                    run.limit_seconds));
  record_history(run, start, outcome.result);
  run.outcome = std::move(outcome);
  return run;
}

}  // namespace conflictctl::pipeline

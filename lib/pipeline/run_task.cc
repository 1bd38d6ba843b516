#include "pipeline/run_task.h"

#include <fmt/format.h>

#include "core/error_names.h"
#include "pipeline/run.h"
#include "tasks/bindings.h"

namespace conflictctl::pipeline {

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
  auto built = tasks::make_runner_for(bindings, request.mode);
  if (!built.runner) {
    run.diagnostics = std::move(built.diagnostics);
    return run;
  }
  const tasks::FunctionBinding& function = bindings.functions.front();
  run.function = function.name;
  run.limit_seconds = function.timeout_seconds;
  run.event = request.payload.is_object() ? request.payload : Json::object();
  run.event["action"] = request.action;

  bool simulated = request.mode == tasks::TaskMode::kMock;
  std::unique_ptr<Clock> clock;
  if (simulated) clock = std::make_unique<VirtualClock>(SystemClock().now());
  else clock = std::make_unique<SystemClock>();
  Timestamp start = clock->now();
  CancellationSource cancel;
  tasks::TaskContext context{*clock, start + seconds_to_millis(run.limit_seconds), cancel.token(),
                             log};
  tasks::TaskInvocation invocation{function.name, function.name, run.event, request.action, 0,
                                   Json::object()};
  auto outcome = built.runner->invoke(invocation, context);
  run.seconds = simulated ? outcome.simulated_seconds.value_or(0.0)
                          : millis_to_seconds(clock->now() - start);
  if (run.seconds >= run.limit_seconds)
    outcome = tasks::TaskOutcome::failure(
        std::string(errors::kTimeout),
        fmt::format("The function '{}' did not finish within its timeout ({} s).", function.name,
                    run.limit_seconds));
  run.outcome = std::move(outcome);
  return run;
}

}  // namespace conflictctl::pipeline

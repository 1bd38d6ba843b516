// The Task state: invoking the runner on the virtual or the real clock, its deadline, and
// what its result or error does to the flow.
#include "engine/interpreter.h"

#include <fmt/format.h>

#include "core/error_names.h"
#include "engine/data_flow.h"
#include "engine/state_timing.h"
#include "engine/task_events.h"

namespace conflictctl::engine {

void Interpreter::run_task(Flow* flow) {
  auto input = effective_input(*flow->state, flow->raw_input, context(flow), random_);
  if (!input) return handle_error(flow, input.error());
  flow->effective = std::move(*input);
  invoke_task(flow);
}

void Interpreter::invoke_task(Flow* flow) {
  const asl::State& state = *flow->state;
  const auto& task = std::get<asl::TaskSpec>(state.spec);
  const Json& ctx = context(flow);
  auto timeout = task_timeout(task, flow->raw_input, ctx);
  if (!timeout) return handle_error(flow, timeout.error());

  const TaskEvents& events = task_events(state);
  record(flow, events.scheduled_type(), events.scheduled_key(),
         events.scheduled(flow->effective, *timeout));
  record(flow, events.started_type(), events.started_key(), events.started());

  std::uint64_t generation = ++flow->generation;
  engine::TaskInvocation invocation{
      task.resource, "", flow->effective, state.name, flow->retries->retry_count(),
      fmt::format("{}|{}|{}", execution_arn_, flow->index, format_timestamp(flow->entered))};
  Timestamp now = env_.clock.now();
  std::optional<Timestamp> deadline;
  if (*timeout) deadline = now + seconds_to_millis(**timeout);

  if (env_.clock.is_virtual()) {
    CancellationSource cancel;
    engine::TaskContext task_context{env_.clock, deadline, cancel.token(), env_.log};
    auto outcome = env_.runner.invoke(invocation, task_context);
    Millis took = seconds_to_millis(outcome.simulated_seconds.value_or(0.0));
    if (deadline && now + took >= *deadline) {
      double seconds = **timeout;
      schedule(*deadline, flow,
               [this, flow, generation, seconds] { time_out_task(flow, generation, seconds); });
    } else {
      auto result = std::make_shared<Result<Json>>(std::move(outcome.result));
      schedule(now + took, flow,
               [this, flow, generation, result] {
                 complete_task(flow, generation, std::move(*result));
               });
    }
    return;
  }

  auto cancel = std::make_shared<CancellationSource>();
  flow->cancel = cancel;
  ++in_flight_;
  workers_->submit([this, flow, generation, invocation = std::move(invocation), deadline, cancel] {
    engine::TaskContext task_context{env_.clock, deadline, cancel->token(), env_.log};
    auto result =
        std::make_shared<Result<Json>>(env_.runner.invoke(invocation, task_context).result);
    post([this, flow, generation, result] {
      --in_flight_;
      complete_task(flow, generation, std::move(*result));
    });
  });
  if (deadline) {
    double seconds = **timeout;
    schedule(*deadline, flow, [this, flow, generation, seconds, cancel] {
      cancel->cancel();
      time_out_task(flow, generation, seconds);
    });
  }
}

const TaskEvents& Interpreter::task_events(const asl::State& state) {
  auto found = task_events_.find(&state);
  if (found == task_events_.end())
    found = task_events_
                .emplace(&state,
                         TaskEvents(std::get<asl::TaskSpec>(state.spec).resource, options_.region))
                .first;
  return found->second;
}

void Interpreter::complete_task(Flow* flow, std::uint64_t generation, Result<Json> result) {
  if (flow->finished || flow->generation != generation) return;  // timed out or aborted
  ++flow->generation;
  flow->cancel.reset();
  const TaskEvents& events = task_events(*flow->state);
  if (!result) {
    record(flow, events.failed_type(), events.failed_key(), events.failed(result.error()));
    return handle_error(flow, result.error());
  }
  record(flow, events.succeeded_type(), events.succeeded_key(), events.succeeded(*result));
  auto output = state_output(*flow->state, flow->raw_input, std::move(*result), context(flow),
                             random_);
  if (!output) return handle_error(flow, output.error());
  exit_state(flow, std::move(*output));
}

void Interpreter::time_out_task(Flow* flow, std::uint64_t generation, double timeout_seconds) {
  if (flow->finished || flow->generation != generation) return;
  ++flow->generation;
  flow->cancel.reset();
  Error error{std::string(errors::kTimeout),
              fmt::format("The task did not finish within its TimeoutSeconds ({} s).",
                          timeout_seconds)};
  const TaskEvents& events = task_events(*flow->state);
  record(flow, events.timed_out_type(), events.timed_out_key(), events.failed(error));
  handle_error(flow, error);
}

}  // namespace conflictctl::engine

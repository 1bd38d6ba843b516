// The Task state: handing the invocation to the dispatcher, its deadline, and what its
// result or error does to the flow.
#include "engine/interpreter.h"

#include <fmt/format.h>

#include "core/base64.h"
#include "core/error_names.h"
#include "engine/heartbeat.h"
#include "engine/state_timing.h"
#include "engine/task_events.h"
#include "engine/task_role.h"

namespace conflictctl::engine {

void Interpreter::run_task(Flow* flow) {
  // Each attempt of a .waitForTaskToken state has a token of its own, in the context object
  // ($$.Task.Token) before its Parameters or Arguments read it.
  flow->task_token = task_events(*flow->state).is_callback() ? new_task_token() : std::string();
  auto input = language(flow).effective_input(*flow->state, flow->raw_input, scope(flow));
  if (!input) return handle_error(flow, input.error());
  flow->effective = std::move(*input);
  invoke_task(flow);
}

void Interpreter::invoke_task(Flow* flow) {
  const asl::State& state = *flow->state;
  const auto& task = std::get<asl::TaskSpec>(state.spec);
  const StateScope here = scope(flow);
  auto timeout = task_timeout(task, flow->raw_input, here.context,
                              field_expressions(state, flow->raw_input, here));
  if (!timeout) return handle_error(flow, timeout.error());
  auto heartbeat = task_heartbeat(task, flow->raw_input, here.context,
                                  field_expressions(state, flow->raw_input, here));
  if (!heartbeat) return handle_error(flow, heartbeat.error());

  auto role = task_role_arn(state, language(flow), flow->raw_input, here);
  if (!role) return handle_error(flow, role.error());

  const TaskEvents& events = task_events(state);
  record(flow, events.scheduled_type(), events.scheduled_key(),
         events.scheduled(flow->effective, ScheduledTask{*timeout, *heartbeat, *role}));
  record(flow, events.started_type(), events.started_key(), events.started());
  if (events.is_callback())
    record(flow, events.submitted_type(), events.submitted_key(), events.submitted());

  std::uint64_t generation = ++flow->generation;
  TaskInvocation invocation{
      task.resource,
      "",
      flow->effective,
      state.name,
      flow->retries->retry_count(),
      fmt::format("{}|{}|{}", execution_arn_, flow->index, format_timestamp(flow->entered)),
      *heartbeat,
      events.waits_for_answer(),
      events.is_activity() ? new_task_token() : flow->task_token};
  std::optional<Timestamp> deadline;
  if (*timeout) {
    // Scheduled before the task starts: a result due at the deadline itself is too late.
    deadline = env_.clock.now() + seconds_to_millis(**timeout);
    flow->task_timeout_seconds = **timeout;
    Timer timer;
    timer.at = *deadline;
    timer.flow = flow;
    timer.kind = TimerKind::kTaskTimeout;
    flow->deadline_timer = add_timer(std::move(timer));
  }
  ++in_flight_;
  ++flow->holds;  // until its result comes back
  flow->cancel = dispatcher_->start(std::move(invocation), deadline, TaskTicket{flow, generation});
}

void Interpreter::complete_at(Timestamp at, TaskTicket ticket, Result<Json> result) {
  --in_flight_;
  auto* flow = static_cast<Flow*>(ticket.waiting);
  --flow->holds;
  flow->task_result = std::move(result);
  Timer timer;
  timer.at = at;
  timer.flow = flow;
  timer.kind = TimerKind::kTaskDone;
  add_timer(std::move(timer));
}

void Interpreter::post_completion(TaskTicket ticket, Result<Json> result) {
  auto shared = std::make_shared<Result<Json>>(std::move(result));
  post([this, ticket, shared] {
    --in_flight_;
    auto* flow = static_cast<Flow*>(ticket.waiting);
    --flow->holds;
    complete_task(flow, ticket.generation, std::move(*shared));
  });
}

void Interpreter::never_completes(TaskTicket ticket) {
  --in_flight_;
  --static_cast<Flow*>(ticket.waiting)->holds;
}

void Interpreter::post_no_answer(TaskTicket ticket) {
  post([this, ticket] { never_completes(ticket); });
}

void Interpreter::arm_heartbeat(TaskTicket ticket, double heartbeat_seconds) {
  auto* flow = static_cast<Flow*>(ticket.waiting);
  flow->heartbeat_seconds = heartbeat_seconds;
  Timer timer;
  timer.at = env_.clock.now() + seconds_to_millis(heartbeat_seconds);
  timer.flow = flow;
  timer.kind = TimerKind::kHeartbeatTimeout;
  flow->heartbeat_timer = add_timer(std::move(timer));
}

void Interpreter::post_heartbeat(TaskTicket ticket) {
  post([this, ticket] {
    auto* flow = static_cast<Flow*>(ticket.waiting);
    // A heartbeat after the task ended (it timed out, the execution stopped) changes nothing.
    if (flow->finished || flow->generation != ticket.generation || !flow->heartbeat_timer)
      return;
    later_.erase(*flow->heartbeat_timer);
    --flow->holds;
    flow->heartbeat_timer.reset();
    arm_heartbeat(ticket, flow->heartbeat_seconds);
  });
}

void Interpreter::clear_task_timers(Flow* flow) {
  // No longer due: off the queue, so the clock never waits for them.
  for (auto* timer : {&flow->deadline_timer, &flow->heartbeat_timer}) {
    if (!*timer) continue;
    later_.erase(**timer);
    --flow->holds;
    timer->reset();
  }
}

std::string Interpreter::new_task_token() {
  constexpr int kWords = 8;  // 64 bytes
  std::string bytes;
  for (int i = 0; i < kWords; ++i) {
    std::uint64_t word = random_.next();
    for (int b = 0; b < 8; ++b) bytes.push_back(static_cast<char>((word >> (8 * b)) & 0xff));
  }
  return base64_encode(bytes);
}

const TaskEvents& Interpreter::task_events(const asl::State& state) {
  auto found = task_events_.find(&state);
  if (found == task_events_.end())
    found = task_events_
                .emplace(&state,
                         TaskEvents(std::get<asl::TaskSpec>(state.spec).resource, options_.region,
                                    options_.event_data))
                .first;
  return found->second;
}

void Interpreter::complete_task(Flow* flow, std::uint64_t generation, Result<Json> result) {
  if (flow->finished || flow->generation != generation) return;  // timed out or aborted
  ++flow->generation;
  flow->cancel.reset();
  clear_task_timers(flow);
  const TaskEvents& events = task_events(*flow->state);
  if (!result && is_missed_heartbeat(result.error())) {
    // AWS records a missed heartbeat as the task timing out, States.Timeout.
    const Error timeout = as_timeout(result.error());
    record(flow, events.timed_out_type(), events.timed_out_key(), events.failed(timeout));
    return handle_error(flow, timeout, /*from_work=*/true, /*missed_heartbeat=*/true);
  }
  if (!result) {
    record(flow, events.failed_type(), events.failed_key(), events.failed(result.error()));
    return handle_error(flow, result.error(), /*from_work=*/true);
  }
  record(flow, events.succeeded_type(), events.succeeded_key(), events.succeeded(*result));
  const AssignSource source{flow->raw_input, *result, &*result};
  if (auto staged = stage_assign(flow, flow->state->assign, source); !staged)
    return handle_error(flow, staged.error());
  complete_state(flow, language(flow).state_output(*flow->state, flow->raw_input,
                                                   std::move(*result), scope(flow)));
}

void Interpreter::time_out_task(Flow* flow, std::uint64_t generation, double timeout_seconds) {
  if (flow->finished || flow->generation != generation) return;
  ++flow->generation;
  flow->cancel.reset();
  clear_task_timers(flow);
  flow->task_result.reset();  // a simulated result due after the deadline is never taken
  Error error{std::string(errors::kTimeout),
              fmt::format("The task did not finish within its TimeoutSeconds ({} s).",
                          timeout_seconds)};
  const TaskEvents& events = task_events(*flow->state);
  record(flow, events.timed_out_type(), events.timed_out_key(), events.failed(error));
  handle_error(flow, error);
}

}  // namespace conflictctl::engine

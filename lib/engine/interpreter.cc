#include "engine/interpreter.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "asl/defaults.h"
#include "asl/limits.h"
#include "core/error_names.h"
#include "dataflow/intrinsics.h"
#include "dataflow/path.h"
#include "dataflow/payload_template.h"
#include "engine/choice.h"
#include "engine/data_flow.h"
#include "engine/task_events.h"
#include "engine/map_settings.h"
#include "engine/state_timing.h"

namespace conflictctl::engine {

using errors::runtime_error;

Interpreter::Interpreter(const asl::StateMachine& machine, const ExecutionOptions& options,
                         Environment environment)
    : machine_(machine), options_(options), env_(environment), random_(options.seed) {
  identity_.region = options.region;
  identity_.account = options.account;
  identity_.state_machine_name = options.state_machine_name;
  identity_.execution_name =
      options.execution_name.empty() ? random_.uuid() : options.execution_name;
  identity_.input = options.input;
  identity_.start_time = env_.clock.now();
  if (options.type == WorkflowType::kExpress) identity_.express_id = random_.uuid();
  context_.emplace(identity_);
  if (!env_.clock.is_virtual()) workers_ = std::make_unique<WorkerPool>(options.max_workers);
}

// ---------------------------------------------------------------------------------------
// Loop machinery

void Interpreter::schedule(Timestamp at, Flow* flow, std::function<void()> action) {
  timers_.emplace(std::make_pair(at, sequence_++),
                  Timer{flow, flow ? flow->generation : 0, std::move(action)});
}

void Interpreter::post(std::function<void()> action) {
  {
    std::lock_guard lock(mailbox_mutex_);
    mailbox_.push_back(std::move(action));
  }
  mailbox_ready_.notify_one();
}

void Interpreter::loop() {
  while (!root_->finished) {
    std::vector<std::function<void()>> arrived;
    {
      std::unique_lock lock(mailbox_mutex_);
      arrived.swap(mailbox_);
      if (arrived.empty()) {
        if (timers_.empty()) {
          if (in_flight_ == 0) break;  // nothing can happen any more
          mailbox_ready_.wait(lock, [this] { return !mailbox_.empty(); });
          continue;
        }
        Timestamp due = timers_.begin()->first.first;
        if (due > env_.clock.now()) {
          env_.clock.wait_until(mailbox_ready_, lock, due);
          continue;
        }
      }
    }
    for (auto& action : arrived) action();
    if (!arrived.empty()) continue;

    auto node = timers_.extract(timers_.begin());
    Timer& timer = node.mapped();
    bool stale = timer.flow && (timer.flow->finished || timer.flow->generation != timer.generation);
    if (!stale) timer.action();

    std::size_t event_cap =
        options_.type == WorkflowType::kStandard ? asl::limits::kStandardHistoryEvents : 0;
    if (options_.max_history_events != 0 && (event_cap == 0 || options_.max_history_events < event_cap))
      event_cap = options_.max_history_events;
    if (event_cap != 0 && result_.history.events().size() > event_cap && !root_->finished) {
      abort_flow(root_);
      root_->finished = true;
      result_.status = ExecutionStatus::kFailed;
      result_.error = runtime_error(fmt::format(
          "The execution reached the limit of {} history events.", event_cap));
      record(root_, "ExecutionFailed", "executionFailedEventDetails",
             Json{{"error", result_.error->name}, {"cause", result_.error->cause}});
    }
  }
}

ExecutionResult Interpreter::run() {
  result_.started = identity_.start_time;
  root_ = new_flow(machine_, nullptr, 0, 0);
  Json started = io_details("input", to_compact(options_.input));
  started["roleArn"] = identity_.role_arn();
  record(root_, "ExecutionStarted", "executionStartedEventDetails", std::move(started));

  // The execution's own TimeoutSeconds, or its workflow type's limit if sooner: an Express
  // workflow's five minutes, a Standard one's year (asl/limits.h).
  std::optional<double> limit = machine_.timeout_seconds;
  std::string limit_cause =
      limit ? fmt::format("The execution exceeded its TimeoutSeconds ({} s).", *limit) : "";
  const bool express = options_.type == WorkflowType::kExpress;
  const double type_limit =
      express ? asl::limits::kExpressExecutionSeconds : asl::limits::kExecutionMaxSeconds;
  if (!limit || *limit > type_limit) {
    limit = type_limit;
    limit_cause =
        express ? fmt::format("The execution exceeded the {} s that an Express workflow may run.",
                              type_limit)
                : fmt::format("The execution exceeded the one year ({} s) that a Standard "
                              "workflow may run.",
                              type_limit);
  }
  schedule(identity_.start_time + seconds_to_millis(*limit), nullptr, [this, limit_cause] {
    abort_flow(root_);
    result_.status = ExecutionStatus::kTimedOut;
    result_.error = Error{std::string(errors::kTimeout), limit_cause};
    record(root_, "ExecutionTimedOut", "executionTimedOutEventDetails",
           Json{{"error", result_.error->name}, {"cause", result_.error->cause}});
  });
  Json input = options_.input;
  schedule(env_.clock.now(), root_,
           [this, input] { enter(root_, machine_.start_at, input); });
  loop();
  if (!root_->finished) {  // cannot happen: every flow ends in a timer or a task result
    result_.status = ExecutionStatus::kFailed;
    result_.error = runtime_error("The execution stopped with no pending work.");
  }

  // Stop whatever still runs (a timed-out execution's tasks), then let workers drain.
  abort_flow(root_);
  workers_.reset();
  result_.stopped = env_.clock.now();
  return std::move(result_);
}

// ---------------------------------------------------------------------------------------
// Flows

Interpreter::Flow* Interpreter::new_flow(const asl::StateMachine& machine, Group* group,
                                         std::size_t index, std::int64_t previous_event) {
  auto flow = std::make_unique<Flow>();
  flow->machine = &machine;
  flow->group = group;
  flow->index = index;
  flow->previous_event = previous_event;
  flows_.push_back(std::move(flow));
  return flows_.back().get();
}

std::int64_t Interpreter::record(Flow* flow, std::string_view type, std::string_view details_key,
                                 Json details) {
  std::int64_t id = result_.history.add(env_.clock.now(), type, flow->previous_event, details_key,
                                        std::move(details));
  flow->previous_event = id;
  return id;
}

const Json& Interpreter::context(const Flow* flow, const Json& map_item) {
  return context_->at(flow->state->name, flow->entered,
                      flow->retries ? flow->retries->retry_count() : 0, map_item);
}

void Interpreter::enter(Flow* flow, const std::string& state_name, Json input) {
  flow->state = &flow->machine->states.at(state_name);
  flow->raw_input = std::move(input);
  flow->entered = env_.clock.now();
  flow->retries.emplace(flow->state->retry);
  record(flow, fmt::format("{}StateEntered", asl::to_string(flow->state->type)),
         "stateEnteredEventDetails",
         state_io_details(state_name, "input", to_compact(flow->raw_input)));
  run_state(flow);
}

void Interpreter::run_state(Flow* flow) {
  switch (flow->state->type) {
    case asl::StateType::kPass: return run_pass(flow);
    case asl::StateType::kTask: return run_task(flow);
    case asl::StateType::kChoice: return run_choice(flow);
    case asl::StateType::kWait: return run_wait(flow);
    case asl::StateType::kSucceed: return run_succeed(flow);
    case asl::StateType::kFail: return run_fail(flow);
    case asl::StateType::kParallel: return run_parallel(flow);
    case asl::StateType::kMap: return run_map(flow);
  }
}

void Interpreter::exit_state(Flow* flow, Json output) {
  std::string text = to_compact(output);
  if (text.size() > asl::defaults::kPayloadLimitBytes) {
    return handle_error(flow, Error{std::string(errors::kDataLimitExceeded),
                                    fmt::format("The state/task '{}' returned a result with a "
                                                "size exceeding the maximum number of bytes "
                                                "service limit ({} bytes).",
                                                flow->state->name, text.size())});
  }
  record(flow, fmt::format("{}StateExited", asl::to_string(flow->state->type)),
         "stateExitedEventDetails", state_io_details(flow->state->name, "output", std::move(text)));
  transition(flow, std::move(output));
}

void Interpreter::transition(Flow* flow, Json output) {
  const asl::State& state = *flow->state;
  if (state.end || state.type == asl::StateType::kSucceed || !state.next)
    return finish(flow, std::move(output));
  std::string next = *state.next;
  schedule(env_.clock.now(), flow,
           [this, flow, next, output = std::move(output)]() mutable {
             enter(flow, next, std::move(output));
           });
}

void Interpreter::finish(Flow* flow, Json output) {
  flow->finished = true;
  if (flow->group) return child_finished(flow, std::move(output), nullptr);
  result_.status = ExecutionStatus::kSucceeded;
  result_.output = output;
  record(flow, "ExecutionSucceeded", "executionSucceededEventDetails",
         io_details("output", to_compact(output)));
}

void Interpreter::fail_flow(Flow* flow, const Error& error) {
  flow->finished = true;
  if (flow->group) return child_finished(flow, std::nullopt, &error);
  result_.status = ExecutionStatus::kFailed;
  result_.error = error;
  record(flow, "ExecutionFailed", "executionFailedEventDetails",
         Json{{"error", error.name}, {"cause", error.cause}});
}

void Interpreter::handle_error(Flow* flow, const Error& error) {
  const asl::State& state = *flow->state;
  if (errors::is_terminal(error.name)) return fail_flow(flow, error);
  if (auto delay = flow->retries->next_delay(error, random_)) {
    schedule(env_.clock.now() + *delay, flow, [this, flow] { run_state(flow); });
    return;
  }
  const asl::Catcher* catcher = find_catcher(state.catchers, error);
  if (!catcher) return fail_flow(flow, error);
  auto output = catcher_output(*catcher, flow->raw_input, error);
  if (!output) return fail_flow(flow, output.error());
  record(flow, fmt::format("{}StateExited", asl::to_string(state.type)), "stateExitedEventDetails",
         state_io_details(state.name, "output", to_compact(*output)));
  std::string next = catcher->next;
  schedule(env_.clock.now(), flow,
           [this, flow, next, output = std::move(*output)]() mutable {
             enter(flow, next, std::move(output));
           });
}

void Interpreter::abort_flow(Flow* flow) {
  if (flow->finished) return;
  flow->finished = true;
  ++flow->generation;
  if (flow->cancel) flow->cancel->cancel();
  if (flow->child && !flow->child->done) {
    flow->child->done = true;
    for (Flow* child : flow->child->children) {
      if (child->finished) continue;
      abort_flow(child);
      if (flow->child->is_map)
        record(child, "MapIterationAborted", "mapIterationAbortedEventDetails",
               Json{{"name", flow->state->name}, {"index", child->index}});
    }
  }
  if (!flow->state) return;
  switch (flow->state->type) {
    case asl::StateType::kTask:
    case asl::StateType::kWait:
    case asl::StateType::kMap:
    case asl::StateType::kParallel:
      record(flow, fmt::format("{}StateAborted", asl::to_string(flow->state->type)));
      break;
    default: break;
  }
}


}  // namespace conflictctl::engine

#include "engine/interpreter.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "asl/defaults.h"
#include "asl/limits.h"
#include "core/error_names.h"
#include "dataflow/intrinsics.h"
#include "dataflow/path.h"
#include "dataflow/payload_template.h"
#include "engine/choice.h"
#include "engine/heartbeat.h"
#include "engine/task_events.h"
#include "engine/map_settings.h"
#include "engine/state_timing.h"

namespace conflictctl::engine {

using errors::runtime_error;

std::string express_limit_cause() {
  return fmt::format("The execution exceeded the {} s that an Express workflow may run.",
                     asl::limits::kExpressExecutionSeconds);
}

EventName Interpreter::state_event(asl::StateType type, StatePhase phase) {
  // "<Type>State<Phase>" for every type and phase, made once.
  static const auto names = [] {
    constexpr asl::StateType kTypes[] = {
        asl::StateType::kPass,    asl::StateType::kTask, asl::StateType::kChoice,
        asl::StateType::kWait,    asl::StateType::kSucceed, asl::StateType::kFail,
        asl::StateType::kParallel, asl::StateType::kMap};
    std::array<std::array<EventName, 3>, std::size(kTypes)> table;
    for (asl::StateType t : kTypes)
      for (auto [p, suffix] : {std::pair{kEntered, "Entered"}, std::pair{kExited, "Exited"},
                               std::pair{kAborted, "Aborted"}})
        table[static_cast<std::size_t>(t)][p] =
            EventName::interned(fmt::format("{}State{}", asl::to_string(t), suffix));
    return table;
  }();
  return names[static_cast<std::size_t>(type)][phase];
}

EventDetails Interpreter::map_iteration_details(const std::string& map_state, std::size_t index) {
  EventDetails details;
  details.state = map_state;
  details.index = static_cast<std::int32_t>(index);
  return details;
}

Interpreter::Interpreter(const asl::StateMachine& machine, const ExecutionOptions& options,
                         Environment environment)
    : machine_(machine),
      options_(options),
      env_(environment),
      random_(options.seed),
      s3_files_(options.s3_roots) {
  identity_.region = options.region;
  identity_.account = options.account;
  identity_.state_machine_name = options.state_machine_name;
  identity_.execution_name =
      options.execution_name.empty() ? random_.uuid() : options.execution_name;
  identity_.start_time = env_.clock.now();
  if (options.redrive) {  // the same execution: its start time, and now its redrive
    identity_.start_time = options.redrive->started;
    identity_.redrive_count = options.redrive->redrive_count;
    identity_.redrive_time = env_.clock.now();
    // Each redrive draws its own numbers: with the run's seed alone it would draw the first
    // attempt's UUIDs again, and name a new child execution as one that ran before.
    random_ = Random(options.seed ^ (0x9E3779B97F4A7C15ULL *
                                     static_cast<std::uint64_t>(identity_.redrive_count)));
  }
  if (options.type == WorkflowType::kExpress) identity_.express_id = random_.uuid();
  // The context object holds the one copy of the input that $$.Execution.Input reads.
  ExecutionIdentity with_input = identity_;
  with_input.input = options.input;
  context_.emplace(std::move(with_input));
  result_.history = History(history_keeping());
  execution_arn_ = identity_.execution_arn();
  // STANDARD's quota, or the caller's smaller cap; 0: none (EXPRESS without a cap).
  if (options.type == WorkflowType::kStandard) event_cap_ = asl::limits::kStandardHistoryEvents;
  if (options.max_history_events != 0 &&
      (event_cap_ == 0 || options.max_history_events < event_cap_))
    event_cap_ = options.max_history_events;
  dispatcher_ = make_task_dispatcher(env_.clock, env_.runner, env_.log, *this, options.max_workers);
}

// ---------------------------------------------------------------------------------------
// Loop machinery

std::pair<Timestamp, std::uint64_t> Interpreter::add_timer(Timer timer) {
  timer.sequence = sequence_++;
  timer.generation = timer.flow ? timer.flow->generation : 0;
  if (timer.flow) ++timer.flow->holds;
  auto key = std::make_pair(timer.at, timer.sequence);
  if (timer.at == env_.clock.now() && (due_now_.empty() || due_now_.back().at == timer.at))
    due_now_.push_back(std::move(timer));
  else
    later_.emplace(key, std::move(timer));
  return key;
}

void Interpreter::run_timer(Timer& timer) {
  Flow* flow = timer.flow;
  switch (timer.kind) {
    case TimerKind::kAction: return timer.action();
    case TimerKind::kEnter:
      return enter(flow, *timer.enter_state, std::move(timer.input), std::move(timer.input_text));
    case TimerKind::kTaskDone: {
      Result<Json> result = std::move(*flow->task_result);
      flow->task_result.reset();
      return complete_task(flow, timer.generation, std::move(result));
    }
    case TimerKind::kTaskTimeout:
      flow->deadline_timer.reset();
      if (flow->cancel) flow->cancel->cancel();
      return time_out_task(flow, timer.generation, flow->task_timeout_seconds);
    case TimerKind::kHeartbeatTimeout:
      flow->heartbeat_timer.reset();
      if (flow->cancel) flow->cancel->cancel();
      return complete_task(flow, timer.generation, heartbeat_timeout(flow->heartbeat_seconds));
  }
}

void Interpreter::schedule(Timestamp at, Flow* flow, std::function<void()> action) {
  Timer timer;
  timer.at = at;
  timer.flow = flow;
  timer.action = std::move(action);
  add_timer(std::move(timer));
}

void Interpreter::schedule_enter(Flow* flow, const std::string* state, Json input,
                                 std::string input_text) {
  Timer timer;
  timer.at = env_.clock.now();
  timer.flow = flow;
  timer.kind = TimerKind::kEnter;
  timer.enter_state = state;
  timer.input = std::move(input);
  timer.input_text = std::move(input_text);
  add_timer(std::move(timer));
}

Timestamp Interpreter::next_due() const {
  if (due_now_.empty()) return later_.begin()->first.first;
  if (later_.empty()) return due_now_.front().at;
  return std::min(due_now_.front().at, later_.begin()->first.first);
}

Interpreter::Timer Interpreter::take_next_timer() {
  bool from_queue =
      !due_now_.empty() &&
      (later_.empty() || std::make_pair(due_now_.front().at, due_now_.front().sequence) <
                             later_.begin()->first);
  if (from_queue) {
    Timer timer = std::move(due_now_.front());
    due_now_.pop_front();
    return timer;
  }
  auto node = later_.extract(later_.begin());
  return std::move(node.mapped());
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
        if (!has_timers()) {
          if (in_flight_ == 0) break;  // nothing can happen any more
          mailbox_ready_.wait(lock, [this] { return !mailbox_.empty(); });
          continue;
        }
        Timestamp due = next_due();
        if (due > env_.clock.now()) {
          env_.clock.wait_until(mailbox_ready_, lock, due);
          continue;
        }
      }
    }
    for (auto& action : arrived) action();
    if (!arrived.empty()) {
      if (!to_release_.empty()) release_finished();
      continue;
    }

    Timer timer = take_next_timer();
    if (timer.flow) --timer.flow->holds;
    bool stale = timer.flow && (timer.flow->finished || timer.flow->generation != timer.generation);
    if (!stale) run_timer(timer);
    if (!to_release_.empty()) release_finished();
    if (stale) continue;

    if (event_cap_ != 0 && result_.history.size() > event_cap_ && !root_->finished) {
      abort_flow(root_);
      root_->finished = true;
      result_.status = ExecutionStatus::kFailed;
      result_.error = runtime_error(fmt::format(
          "The execution reached the limit of {} history events.", event_cap_));
      record(root_, "ExecutionFailed", "executionFailedEventDetails",
             Json{{"error", result_.error->name}, {"cause", result_.error->cause}});
    }
  }
}

ExecutionResult Interpreter::run() {
  const RedrivePlan* redrive = options_.redrive;
  result_.started = env_.clock.now();
  std::string input_text;
  if (!redrive) {
    root_ = new_flow(machine_, nullptr, 0, 0);
    input_text = event_text(options_.input);
    record(root_, "ExecutionStarted", "executionStartedEventDetails",
           EventDetails::io(TextKey::kInput, input_text,
                            Json{{"roleArn", identity_.role_arn()}}));
  } else {
    // The same history goes on: ExecutionRedriven follows the execution's last event.
    result_.history = redrive->history;
    root_ = new_flow(machine_, nullptr, 0, redrive->last_event);
    record(root_, "ExecutionRedriven", "executionRedrivenEventDetails",
           Json{{"redriveCount", redrive->redrive_count}});
  }

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
        express ? express_limit_cause()
                : fmt::format("The execution exceeded the one year ({} s) that a Standard "
                              "workflow may run.",
                              type_limit);
  }
  // AWS: "When you redrive an execution, the state machine level timeout ... is reset".
  schedule(result_.started + seconds_to_millis(*limit), nullptr, [this, limit_cause] {
    abort_flow(root_);
    result_.status = ExecutionStatus::kTimedOut;
    result_.error = Error{std::string(errors::kTimeout), limit_cause};
    record(root_, "ExecutionTimedOut", "executionTimedOutEventDetails",
           Json{{"error", result_.error->name}, {"cause", result_.error->cause}});
  });
  if (!redrive) {
    schedule_enter(root_, &machine_.start_at, options_.input, std::move(input_text));
  } else {
    const ResumePoint& resume = redrive->resume;
    root_->resume = &resume;
    if (!resume.variables.empty()) (void)assign_variables(root_, resume.variables);
    schedule_enter(root_, &resume.state, resume.input, {});
  }
  loop();
  if (!root_->finished) {  // cannot happen: every flow ends in a timer or a task result
    result_.status = ExecutionStatus::kFailed;
    result_.error = runtime_error("The execution stopped with no pending work.");
  }

  // Stop whatever still runs (a timed-out execution's tasks), then let workers drain.
  abort_flow(root_);
  dispatcher_.reset();
  // The Map Runs that succeeded need no redrive (engine/map_run_record.h).
  std::erase_if(result_.map_runs, [](const MapRunRecord& run) { return run.arn.empty(); });
  result_.stopped = env_.clock.now();
  return std::move(result_);
}

void Interpreter::release_finished() {
  std::erase_if(to_release_, [this](Flow* flow) {
    if (flow->holds != 0) return false;  // a stale timer or a late task result names it
    flow->group->children.erase(flow->index);
    flows_.erase(flow);
    return true;
  });
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
  Flow* made = flow.get();
  flows_.emplace(made, std::move(flow));
  return made;
}

std::int64_t Interpreter::record(Flow* flow, EventName type, EventName details_key,
                                 EventDetails details) {
  History& history = flow->history ? *flow->history : result_.history;
  std::int64_t id = history.record(env_.clock.now(), type, flow->previous_event, details_key,
                                   std::move(details));
  flow->previous_event = id;
  if (options_.observer) options_.observer->recorded(history.events().back(), depth(flow));
  return id;
}

int Interpreter::depth(const Flow* flow) {
  int depth = 0;
  for (; flow->group; flow = flow->group->owner) ++depth;
  return depth;
}

ContextObject& Interpreter::context_of(const Flow* flow) {
  for (; flow; flow = flow->group ? flow->group->owner : nullptr)
    if (flow->context) return *flow->context;
  return *context_;
}

StateScope Interpreter::scope(const Flow* flow, const Json& map_item) {
  ContextObject& context = context_of(flow);
  const Json& object =
      flow->state->reads_context  // else no "$$" in the state: the unchanging part will do
          ? context.at(flow->state->name, flow->entered,
                       flow->retries ? flow->retries->retry_count() : 0, map_item,
                       flow->task_token)
          : context.unchanged();
  return StateScope{PathContext(object, flow->variables.get()), random_, env_.clock.now(),
                    flow->state->name, flow->entered_event};
}

Result<void> Interpreter::stage_assign(Flow* flow, const std::optional<Json>& assign,
                                       const AssignSource& source) {
  flow->assigned.reset();
  if (!assign) return {};
  auto values = language(flow).template_value(*assign, "Assign", source, scope(flow));
  if (!values) return values.error();
  flow->assigned = std::move(*values);
  return {};
}

void Interpreter::enter(Flow* flow, const std::string& state_name, Json input,
                        std::string input_text) {
  if (flow->resume && flow->resume->state != state_name) flow->resume = nullptr;
  flow->state = &flow->machine->states.at(state_name);
  flow->task_token.clear();  // a token is its Task state's only
  flow->raw_input = std::move(input);
  flow->entered = env_.clock.now();
  flow->retries.emplace(flow->state->retry);
  if (input_text.empty()) input_text = event_text(flow->raw_input);
  flow->entered_event =
      record(flow, state_event(flow->state->type, kEntered), "stateEnteredEventDetails",
             EventDetails::state_io(state_name, TextKey::kInput, std::move(input_text)));
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

Result<void> Interpreter::assign_variables(Flow* flow, const Json& values) {
  if (!flow->own_scope) {
    flow->variables = std::make_shared<VariableScope>(
        variable_budget_, flow->reads_outer ? flow->variables : nullptr);
    flow->own_scope = true;
  }
  return flow->variables->assign(values);
}

void Interpreter::complete_state(Flow* flow, Result<Json> output, const std::string* next) {
  if (!output) {
    flow->assigned.reset();  // a state that fails assigns nothing
    return handle_error(flow, output.error());
  }
  const asl::State& state = *flow->state;
  std::string text = event_text(*output);
  const std::size_t size = options_.event_data ? text.size() : compact_size(*output);
  if (size > asl::limits::kStatePayloadLimitBytes) {
    flow->assigned.reset();
    return handle_error(flow, Error{std::string(errors::kDataLimitExceeded),
                                    fmt::format("The state/task '{}' returned a result with a "
                                                "size exceeding the maximum number of bytes "
                                                "service limit ({} bytes).",
                                                state.name, size)});
  }
  if (!flow->assigned) {
    record(flow, state_event(state.type, kExited), "stateExitedEventDetails",
           EventDetails::state_io(state.name, TextKey::kOutput, text));
  } else {
    const Json assigned = std::move(*flow->assigned);
    flow->assigned.reset();
    if (auto set = assign_variables(flow, assigned); !set) return handle_error(flow, set.error());
    EventDetails exited = EventDetails::state_io(state.name, TextKey::kOutput, text);
    exited.rest = Json{{"assignedVariables", assigned_variables_detail(assigned)},
                       {"assignedVariablesDetails", {{"truncated", false}}}};
    record(flow, state_event(state.type, kExited), "stateExitedEventDetails", std::move(exited));
  }
  if (!next && !state.end && state.type != asl::StateType::kSucceed && state.next)
    next = &*state.next;
  if (!next) return finish(flow, std::move(*output));
  schedule_enter(flow, next, std::move(*output), std::move(text));
}

void Interpreter::finish(Flow* flow, Json output) {
  flow->finished = true;
  if (flow->group) return child_finished(flow, std::move(output), nullptr);
  result_.status = ExecutionStatus::kSucceeded;
  std::string text = event_text(output);
  result_.output = std::move(output);
  record(flow, "ExecutionSucceeded", "executionSucceededEventDetails",
         EventDetails::io(TextKey::kOutput, std::move(text)));
}

void Interpreter::fail_flow(Flow* flow, const Error& error) {
  flow->finished = true;
  if (flow->group) return child_finished(flow, std::nullopt, &error);
  result_.status = ExecutionStatus::kFailed;
  result_.error = error;
  record(flow, "ExecutionFailed", "executionFailedEventDetails",
         Json{{"error", error.name}, {"cause", error.cause}});
}

void Interpreter::note_evaluation_failure(Flow* flow, const Error& error) {
  if (error.name != errors::kQueryEvaluationError) return;
  record(flow, "EvaluationFailed", "evaluationFailedEventDetails",
         Json{{"error", error.name}, {"cause", error.cause}, {"state", flow->state->name}});
}

void Interpreter::handle_error(Flow* flow, const Error& error, bool from_work,
                               bool missed_heartbeat) {
  const asl::State& state = *flow->state;
  if (!from_work) note_evaluation_failure(flow, error);
  if (errors::is_terminal(error.name)) return fail_flow(flow, error);
  if (auto delay = flow->retries->next_delay(error, random_, missed_heartbeat)) {
    if (options_.observer)
      options_.observer->retrying(state.name, depth(flow), error, *delay,
                                  flow->retries->retry_count());
    schedule(env_.clock.now() + *delay, flow, [this, flow] { run_state(flow); });
    return;
  }
  const asl::Catcher* catcher = find_catcher(state.catchers, error, missed_heartbeat);
  if (!catcher) return fail_flow(flow, error);
  const QueryLanguage& query = language(flow);
  auto output = query.catcher_output(*catcher, flow->raw_input, error, scope(flow));
  if (!output) {  // not Retry or Catch again
    note_evaluation_failure(flow, output.error());
    return fail_flow(flow, output.error());
  }
  // The Catcher's Assign reads the error output, {"Error": …, "Cause": …}.
  const Json error_output{{"Error", error.name}, {"Cause", error.cause}};
  auto staged = stage_assign(flow, catcher->assign,
                             AssignSource{flow->raw_input, error_output, nullptr, &error_output});
  if (!staged) {
    note_evaluation_failure(flow, staged.error());
    return fail_flow(flow, staged.error());
  }
  complete_state(flow, std::move(output), &catcher->next);
}

void Interpreter::abort_flow(Flow* flow) {
  if (flow->finished) return;
  flow->finished = true;
  ++flow->generation;
  if (flow->cancel) flow->cancel->cancel();
  if (flow->child && !flow->child->done) {
    flow->child->done = true;
    for (auto& [index, child] : flow->child->children) {
      if (child->finished) continue;
      abort_flow(child);
      if (flow->child->run)
        (void)end_child_execution(flow->child, child, std::nullopt, nullptr, true);
      else if (flow->child->is_map)
        record(child, "MapIterationAborted", "mapIterationAbortedEventDetails",
               map_iteration_details(flow->state->name, child->index));
    }
    if (flow->child->run) settle_map_run_record(flow->child);
  }
  if (!flow->state) return;
  switch (flow->state->type) {
    case asl::StateType::kTask:
    case asl::StateType::kWait:
    case asl::StateType::kMap:
    case asl::StateType::kParallel:
      record(flow, state_event(flow->state->type, kAborted));
      break;
    default: break;
  }
}


}  // namespace conflictctl::engine

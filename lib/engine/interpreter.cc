#include "engine/interpreter.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "asl/defaults.h"
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

namespace {

// Standard workflows: "25,000 events in a single execution history"; past that the
// execution fails.
constexpr std::size_t kMaxHistoryEvents = 25000;

Json io_details(const std::string& key, const std::string& text) {
  return Json{{key, text}, {key + "Details", Json{{"truncated", false}}}};
}

Error runtime_error(std::string cause) {
  return Error{std::string(errors::kRuntime), std::move(cause)};
}

}  // namespace

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

    if (result_.history.events().size() > kMaxHistoryEvents && !root_->finished) {
      abort_flow(root_);
      root_->finished = true;
      result_.status = ExecutionStatus::kFailed;
      result_.error = runtime_error(fmt::format(
          "The execution reached the limit of {} history events.", kMaxHistoryEvents));
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

  if (machine_.timeout_seconds) {
    schedule(identity_.start_time + seconds_to_millis(*machine_.timeout_seconds), nullptr, [this] {
      abort_flow(root_);
      result_.status = ExecutionStatus::kTimedOut;
      result_.error = Error{std::string(errors::kTimeout),
                            fmt::format("The execution exceeded its TimeoutSeconds ({} s).",
                                        *machine_.timeout_seconds)};
      record(root_, "ExecutionTimedOut", "executionTimedOutEventDetails",
             Json{{"error", result_.error->name}, {"cause", result_.error->cause}});
    });
  }
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

std::int64_t Interpreter::record(Flow* flow, std::string type, std::string details_key,
                                 Json details) {
  std::int64_t id = result_.history.add(env_.clock.now(), std::move(type), flow->previous_event,
                                        std::move(details_key), std::move(details));
  flow->previous_event = id;
  return id;
}

Json Interpreter::context(const Flow* flow, const Json& map_item) const {
  return context_object(identity_, flow->state->name, flow->entered,
                        flow->retries ? flow->retries->retry_count() : 0, map_item);
}

void Interpreter::enter(Flow* flow, const std::string& state_name, Json input) {
  flow->state = &flow->machine->states.at(state_name);
  flow->raw_input = std::move(input);
  flow->entered = env_.clock.now();
  flow->retries.emplace(flow->state->retry);
  record(flow, fmt::format("{}StateEntered", asl::to_string(flow->state->type)),
         "stateEnteredEventDetails",
         [&] {
           Json details{{"name", state_name}};
           details.update(io_details("input", to_compact(flow->raw_input)));
           return details;
         }());
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
  Json details{{"name", flow->state->name}};
  details.update(io_details("output", text));
  record(flow, fmt::format("{}StateExited", asl::to_string(flow->state->type)),
         "stateExitedEventDetails", std::move(details));
  transition(flow, std::move(output));
}

void Interpreter::transition(Flow* flow, Json output) {
  const asl::State& state = *flow->state;
  if (state.end || state.type == asl::StateType::kSucceed || !state.next)
    return finish(flow, std::move(output));
  std::string next = *state.next;
  schedule(env_.clock.now(), flow,
           [this, flow, next, output = std::move(output)] { enter(flow, next, output); });
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
  Json details{{"name", state.name}};
  details.update(io_details("output", to_compact(*output)));
  record(flow, fmt::format("{}StateExited", asl::to_string(state.type)), "stateExitedEventDetails",
         std::move(details));
  std::string next = catcher->next;
  schedule(env_.clock.now(), flow,
           [this, flow, next, output = std::move(*output)] { enter(flow, next, output); });
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

// ---------------------------------------------------------------------------------------
// Pass, Choice, Succeed, Wait, Fail

void Interpreter::run_pass(Flow* flow) {
  const asl::State& state = *flow->state;
  Json ctx = context(flow);
  auto input = effective_input(state, flow->raw_input, ctx, random_);
  if (!input) return handle_error(flow, input.error());
  const auto& pass = std::get<asl::PassSpec>(state.spec);
  auto output = state_output(state, flow->raw_input, pass.result ? *pass.result : *input, ctx,
                             random_, false);
  if (!output) return handle_error(flow, output.error());
  exit_state(flow, std::move(*output));
}

void Interpreter::run_choice(Flow* flow) {
  const asl::State& state = *flow->state;
  Json ctx = context(flow);
  auto input = apply_input_path(state, flow->raw_input, ctx);
  if (!input) return handle_error(flow, input.error());
  auto next = choose(std::get<asl::ChoiceSpec>(state.spec), *input, ctx);
  if (!next) return handle_error(flow, next.error());
  auto output = state_output(state, flow->raw_input, *input, ctx, random_, false);
  if (!output) return handle_error(flow, output.error());
  Json details{{"name", state.name}};
  details.update(io_details("output", to_compact(*output)));
  record(flow, "ChoiceStateExited", "stateExitedEventDetails", std::move(details));
  schedule(env_.clock.now(), flow,
           [this, flow, next = *next, output = std::move(*output)] { enter(flow, next, output); });
}

// Spec: "The output of a Succeed State is the same as its input, possibly modified by
// InputPath and/or OutputPath."
void Interpreter::run_succeed(Flow* flow) {
  const asl::State& state = *flow->state;
  Json ctx = context(flow);
  auto input = apply_input_path(state, flow->raw_input, ctx);
  if (!input) return handle_error(flow, input.error());
  auto output = state_output(state, flow->raw_input, std::move(*input), ctx, random_, false);
  if (!output) return handle_error(flow, output.error());
  exit_state(flow, std::move(*output));
}

void Interpreter::run_wait(Flow* flow) {
  const asl::State& state = *flow->state;
  Json ctx = context(flow);
  auto input = apply_input_path(state, flow->raw_input, ctx);
  if (!input) return handle_error(flow, input.error());
  auto until = wait_until(std::get<asl::WaitSpec>(state.spec), *input, ctx, env_.clock.now());
  if (!until) return handle_error(flow, until.error());
  schedule(*until, flow, [this, flow, input = std::move(*input)] {
    auto output = state_output(*flow->state, flow->raw_input, input, context(flow), random_, false);
    if (!output) return handle_error(flow, output.error());
    exit_state(flow, std::move(*output));
  });
}

void Interpreter::run_fail(Flow* flow) {
  const auto& fail = std::get<asl::FailSpec>(flow->state->spec);
  Json ctx = context(flow);
  auto resolve = [&](const std::optional<std::string>& literal,
                     const std::optional<std::string>& path) -> Result<std::string> {
    if (literal) return *literal;
    if (!path) return std::string();
    auto value = dataflow::is_intrinsic_call(*path)
                     ? dataflow::evaluate_intrinsic(*path, flow->raw_input, ctx, random_)
                     : dataflow::evaluate_path(*path, flow->raw_input, ctx);
    if (!value) return value.error();
    if (!value->is_string())
      return runtime_error(fmt::format("The value at '{}' is not a string.", *path));
    return value->get<std::string>();
  };
  auto error = resolve(fail.error, fail.error_path);
  if (!error) return fail_flow(flow, error.error());
  auto cause = resolve(fail.cause, fail.cause_path);
  if (!cause) return fail_flow(flow, cause.error());
  fail_flow(flow, Error{*error, *cause});
}

// ---------------------------------------------------------------------------------------
// Task

void Interpreter::run_task(Flow* flow) {
  auto input = effective_input(*flow->state, flow->raw_input, context(flow), random_);
  if (!input) return handle_error(flow, input.error());
  flow->effective = std::move(*input);
  invoke_task(flow);
}

void Interpreter::invoke_task(Flow* flow) {
  const asl::State& state = *flow->state;
  const auto& task = std::get<asl::TaskSpec>(state.spec);
  Json ctx = context(flow);
  auto timeout = task_timeout(task, flow->raw_input, ctx);
  if (!timeout) return handle_error(flow, timeout.error());

  TaskEvents events(task.resource, options_.region);
  record(flow, events.scheduled_type(), events.scheduled_key(),
         events.scheduled(flow->effective, *timeout));
  record(flow, events.started_type(), events.started_key(), events.started());

  std::uint64_t generation = ++flow->generation;
  tasks::TaskInvocation invocation{task.resource, "", flow->effective, state.name,
                                   flow->retries->retry_count(), ctx};
  Timestamp now = env_.clock.now();
  std::optional<Timestamp> deadline;
  if (*timeout) deadline = now + seconds_to_millis(**timeout);

  if (env_.clock.is_virtual()) {
    CancellationSource cancel;
    tasks::TaskContext task_context{env_.clock, deadline, cancel.token(), env_.log};
    auto outcome = env_.runner.invoke(invocation, task_context);
    Millis took = seconds_to_millis(outcome.simulated_seconds.value_or(0.0));
    if (deadline && now + took >= *deadline) {
      double seconds = **timeout;
      schedule(*deadline, flow,
               [this, flow, generation, seconds] { time_out_task(flow, generation, seconds); });
    } else {
      auto result = std::make_shared<Result<Json>>(std::move(outcome.result));
      schedule(now + took, flow,
               [this, flow, generation, result] { complete_task(flow, generation, *result); });
    }
    return;
  }

  auto cancel = std::make_shared<CancellationSource>();
  flow->cancel = cancel;
  ++in_flight_;
  workers_->submit([this, flow, generation, invocation = std::move(invocation), deadline, cancel] {
    tasks::TaskContext task_context{env_.clock, deadline, cancel->token(), env_.log};
    auto result =
        std::make_shared<Result<Json>>(env_.runner.invoke(invocation, task_context).result);
    post([this, flow, generation, result] {
      --in_flight_;
      complete_task(flow, generation, *result);
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

void Interpreter::complete_task(Flow* flow, std::uint64_t generation, Result<Json> result) {
  if (flow->finished || flow->generation != generation) return;  // timed out or aborted
  ++flow->generation;
  flow->cancel.reset();
  TaskEvents events(std::get<asl::TaskSpec>(flow->state->spec).resource, options_.region);
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
  TaskEvents events(std::get<asl::TaskSpec>(flow->state->spec).resource, options_.region);
  record(flow, events.timed_out_type(), events.timed_out_key(), events.failed(error));
  handle_error(flow, error);
}

// ---------------------------------------------------------------------------------------
// Parallel and Map

void Interpreter::run_parallel(Flow* flow) {
  const asl::State& state = *flow->state;
  auto input = effective_input(state, flow->raw_input, context(flow), random_);
  if (!input) return handle_error(flow, input.error());
  const auto& parallel = std::get<asl::ParallelSpec>(state.spec);
  auto group = std::make_unique<Group>();
  group->inputs.assign(parallel.branches.size(), *input);
  group->max_concurrency = parallel.branches.size();
  record(flow, "ParallelStateStarted");
  start_group(flow, std::move(group));
}

void Interpreter::run_map(Flow* flow) {
  const asl::State& state = *flow->state;
  const auto& map = std::get<asl::MapSpec>(state.spec);
  Json ctx = context(flow);
  auto input = apply_input_path(state, flow->raw_input, ctx);
  if (!input) return handle_error(flow, input.error());
  auto settings = map_settings(map, *input, ctx);
  if (!settings) return handle_error(flow, settings.error());

  auto group = std::make_unique<Group>();
  group->is_map = true;
  group->max_concurrency = settings->max_concurrency;
  group->tolerated_percentage = settings->tolerated_percentage;
  group->tolerated_count = settings->tolerated_count;
  for (std::size_t i = 0; i < settings->items.size(); ++i) {
    const Json& item = settings->items[i];
    if (!map.item_selector) {
      group->inputs.push_back(item);
      continue;
    }
    // AWS: Map.Item.Source is "the InputType ... For state input, the value will be:
    // STATE_DATA"; items here always come from the state input (ItemReader is not run).
    Json map_item{{"Index", i}, {"Value", item}, {"Source", "STATE_DATA"}};
    auto selected =
        dataflow::apply_template(*map.item_selector, *input, context(flow, map_item), random_);
    if (!selected) return handle_error(flow, selected.error());
    group->inputs.push_back(std::move(*selected));
  }
  record(flow, "MapStateStarted", "mapStateStartedEventDetails",
         Json{{"length", group->inputs.size()}});
  start_group(flow, std::move(group));
}

void Interpreter::start_group(Flow* owner, std::unique_ptr<Group> group) {
  group->owner = owner;
  group->results.assign(group->inputs.size(), nullptr);
  owner->child = group.get();
  groups_.push_back(std::move(group));
  if (owner->child->inputs.empty()) return close_group(owner->child);
  start_children(owner->child);
}

void Interpreter::start_children(Group* group) {
  Flow* owner = group->owner;
  while (!group->done && group->running < group->max_concurrency &&
         group->next_to_start < group->inputs.size()) {
    std::size_t index = group->next_to_start++;
    const asl::StateMachine& machine =
        group->is_map ? *std::get<asl::MapSpec>(owner->state->spec).processor
                      : *std::get<asl::ParallelSpec>(owner->state->spec).branches[index];
    Flow* child = new_flow(machine, group, index, owner->previous_event);
    group->children.push_back(child);
    ++group->running;
    if (group->is_map)
      record(child, "MapIterationStarted", "mapIterationStartedEventDetails",
             Json{{"name", owner->state->name}, {"index", index}});
    schedule(env_.clock.now(), child, [this, child, &machine, input = group->inputs[index]] {
      enter(child, machine.start_at, input);
    });
  }
}

void Interpreter::child_finished(Flow* child, std::optional<Json> output, const Error* error) {
  Group* group = child->group;
  if (group->done) return;
  --group->running;
  Flow* owner = group->owner;
  if (group->is_map)
    record(child, error ? "MapIterationFailed" : "MapIterationSucceeded",
           error ? "mapIterationFailedEventDetails" : "mapIterationSucceededEventDetails",
           Json{{"name", owner->state->name}, {"index", child->index}});
  if (error) {
    ++group->failed;
    if (!group->first_error) group->first_error = *error;
    group->results[child->index] = Json{{"Error", error->name}, {"Cause", error->cause}};
    bool tolerated = group->tolerated_count || group->tolerated_percentage;
    bool within =
        (group->tolerated_count && group->failed <= *group->tolerated_count) ||
        (group->tolerated_percentage &&
         static_cast<double>(group->failed) * 100.0 <=
             *group->tolerated_percentage * static_cast<double>(group->inputs.size()));
    if (!group->is_map || !within) {
      group->done = true;
      for (Flow* sibling : group->children) {
        if (sibling->finished) continue;
        abort_flow(sibling);
        if (group->is_map)
          record(sibling, "MapIterationAborted", "mapIterationAbortedEventDetails",
                 Json{{"name", owner->state->name}, {"index", sibling->index}});
      }
      record(owner, group->is_map ? "MapStateFailed" : "ParallelStateFailed");
      Error failure = *error;
      if (group->is_map && tolerated)
        failure = Error{std::string(errors::kExceedToleratedFailureThreshold),
                        fmt::format("The Map state '{}' had {} failed iterations, more than it "
                                    "tolerates.",
                                    owner->state->name, group->failed)};
      return handle_error(owner, failure);
    }
  } else {
    ++group->succeeded;
    group->results[child->index] = std::move(*output);
  }
  if (group->succeeded + group->failed == group->inputs.size()) return close_group(group);
  start_children(group);
}

void Interpreter::close_group(Group* group) {
  group->done = true;
  Flow* owner = group->owner;
  record(owner, group->is_map ? "MapStateSucceeded" : "ParallelStateSucceeded");
  Json results = Json::array();
  for (auto& result : group->results) results.push_back(std::move(result));
  auto output =
      state_output(*owner->state, owner->raw_input, std::move(results), context(owner), random_);
  if (!output) return handle_error(owner, output.error());
  exit_state(owner, std::move(*output));
}

}  // namespace conflictctl::engine

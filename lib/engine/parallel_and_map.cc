// Parallel and Map: a group of child flows (branches or iterations), started up to the
// concurrency limit, whose results are gathered in order or whose failure fails the state.
#include "engine/interpreter.h"

#include <fmt/format.h>

#include "core/error_names.h"
#include "dataflow/payload_template.h"
#include "engine/map_settings.h"

namespace conflictctl::engine {

void Interpreter::run_parallel(Flow* flow) {
  const asl::State& state = *flow->state;
  auto input = language(flow).effective_input(state, flow->raw_input, scope(flow));
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
  const StateScope here = scope(flow);
  const QueryLanguage& query = language(flow);
  Json selected_input;
  auto input = query.state_input(state, flow->raw_input, here, selected_input);
  if (!input) return handle_error(flow, input.error());
  auto items = query.items(state, **input, here);
  if (!items) return handle_error(flow, items.error());
  auto settings = map_settings(map, std::move(*items), **input, here.context,
                               field_expressions(*flow->state, flow->raw_input, here));
  if (!settings) return handle_error(flow, settings.error());

  auto group = std::make_unique<Group>();
  group->is_map = true;
  group->max_concurrency = settings->max_concurrency;
  group->tolerated_percentage = settings->tolerated_percentage;
  group->tolerated_count = settings->tolerated_count;
  for (std::size_t i = 0; i < settings->items.size(); ++i) {
    Json& item = settings->items[i];
    if (!map.item_selector) {
      group->inputs.push_back(std::move(item));  // each item is used once
      continue;
    }
    // AWS: Map.Item.Source is "the InputType ... For state input, the value will be:
    // STATE_DATA"; items here always come from the state input (ItemReader is not run).
    Json map_item{{"Index", i}, {"Value", item}, {"Source", "STATE_DATA"}};
    auto selected = query.item_input(state, std::move(item), **input, scope(flow, map_item));
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
    // A branch or iteration reads the variables around it, except a Distributed Map's.
    child->reads_outer =
        !group->is_map || !std::get<asl::MapSpec>(owner->state->spec).distributed;
    if (child->reads_outer) child->variables = owner->variables;
    group->children.push_back(child);
    ++group->running;
    if (group->is_map)
      record(child, "MapIterationStarted", "mapIterationStartedEventDetails",
             map_iteration_details(owner->state->name, index));
    // Each input is used once: a retried Map or Parallel state builds a new group.
    schedule_enter(child, &machine.start_at, std::move(group->inputs[index]), {});
  }
}

void Interpreter::child_finished(Flow* child, std::optional<Json> output, const Error* error) {
  Group* group = child->group;
  // A finished iteration keeps nothing of its data: a Map of many items holds each result
  // once, in the group.
  child->raw_input = Json();
  child->effective = Json();
  child->variables.reset();  // an inner scope ends with its flow (engine/variables.h)
  if (group->done) return;
  --group->running;
  Flow* owner = group->owner;
  if (group->is_map)
    record(child, error ? EventName("MapIterationFailed") : EventName("MapIterationSucceeded"),
           error ? EventName("mapIterationFailedEventDetails")
                 : EventName("mapIterationSucceededEventDetails"),
           map_iteration_details(owner->state->name, child->index));
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
                 map_iteration_details(owner->state->name, sibling->index));
      }
      record(owner, group->is_map ? EventName("MapStateFailed") : EventName("ParallelStateFailed"));
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
  record(owner,
         group->is_map ? EventName("MapStateSucceeded") : EventName("ParallelStateSucceeded"));
  Json results = Json::array();
  for (auto& result : group->results) results.push_back(std::move(result));
  const AssignSource source{owner->raw_input, results, &results};
  if (auto staged = stage_assign(owner, owner->state->assign, source); !staged)
    return handle_error(owner, staged.error());
  complete_state(owner, language(owner).state_output(*owner->state, owner->raw_input,
                                                     std::move(results), scope(owner)));
}

}  // namespace conflictctl::engine

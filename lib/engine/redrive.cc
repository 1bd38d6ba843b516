#include "engine/redrive.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <vector>

namespace conflictctl::engine {

namespace {

Error not_redrivable(std::string cause) {
  return Error{std::string(kExecutionNotRedrivable), std::move(cause)};
}

struct Event {
  std::int64_t id = 0;
  std::int64_t previous = 0;
  std::string type;
  Json details;  // the "<…>EventDetails" object, or null
};

// How one flow's chain of events ended.
struct FlowEnd {
  bool succeeded = false;
  Json output;                        // when it succeeded
  std::optional<ResumePoint> resume;  // when it did not and got under way
  std::int64_t last_event = 0;
};

class Planner {
 public:
  Planner(std::vector<Event> events, const std::vector<MapRunRecord>& map_runs)
      : events_(std::move(events)), map_runs_(map_runs) {
    for (const Event& event : events_) successors_[event.previous].push_back(event.id);
  }

  const Event& event(std::int64_t id) const { return events_[static_cast<std::size_t>(id - 1)]; }

  // Follows the flow of `machine` whose chain starts with event `first`; `input` is where it
  // starts when it never entered a state (the execution's input; null for a branch).
  Result<FlowEnd> walk(const asl::StateMachine& machine, std::int64_t first, const Json& input);

 private:
  // The next event of the same flow after `id`: not the first event of a branch or iteration
  // its Parallel or Map started.
  std::optional<std::int64_t> next_of(std::int64_t id) const;
  Result<Json> text_field(const Event& event, const char* key) const;
  // The kept outputs and resume points of the branches/iterations of the state `resume` is
  // at, whose groups began at the events `groups` (several: attempts before earlier
  // redrives, the latest one winning).
  Result<void> plan_group(const asl::State& state, const std::vector<std::int64_t>& groups,
                          ResumePoint& resume);
  // The same for a Distributed Map's Map Run, from its record in map_runs_.
  Result<void> plan_map_run(const asl::State& state, const asl::MapSpec& map,
                            const std::vector<std::int64_t>& groups, ResumePoint& resume);

  std::vector<Event> events_;
  const std::vector<MapRunRecord>& map_runs_;
  std::unordered_map<std::int64_t, std::vector<std::int64_t>> successors_;
};

std::optional<Json> parse_json(const std::string& text) {
  try {
    return Json::parse(text);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

bool ends_with(std::string_view text, std::string_view suffix) { return text.ends_with(suffix); }

std::optional<std::int64_t> Planner::next_of(std::int64_t id) const {
  auto found = successors_.find(id);
  if (found == successors_.end()) return std::nullopt;
  const std::string& type = event(id).type;
  for (std::int64_t next : found->second) {
    const std::string& next_type = event(next).type;
    if (type == "ParallelStateStarted" && ends_with(next_type, "StateEntered")) continue;
    if (type == "MapStateStarted" && next_type == "MapIterationStarted") continue;
    return next;
  }
  return std::nullopt;
}

Result<Json> Planner::text_field(const Event& event, const char* key) const {
  auto it = event.details.is_object() ? event.details.find(key) : event.details.end();
  if (!event.details.is_object() || it == event.details.end() || !it->is_string())
    return not_redrivable(fmt::format(
        "event {} ({}) keeps no {}: the run was recorded without its data, so there is "
        "nothing to start again from",
        event.id, event.type, key));
  auto value = parse_json(it->get<std::string>());
  if (!value)
    return not_redrivable(fmt::format("event {} ({}): its {} is not JSON", event.id,
                                      event.type, key));
  return std::move(*value);
}

Result<FlowEnd> Planner::walk(const asl::StateMachine& machine, std::int64_t first,
                              const Json& input) {
  FlowEnd end;
  std::optional<std::int64_t> open;     // a state's Entered event with no Exited after it
  std::vector<std::int64_t> groups;     // the open state's Parallel/Map group events
  bool after_redrive = false;           // the previous event was ExecutionRedriven
  std::optional<std::string> last_exited;
  Json last_output;
  Json variables = Json::object();
  for (std::optional<std::int64_t> at = first; at; at = next_of(*at)) {
    const Event& e = event(*at);
    end.last_event = e.id;
    if (ends_with(e.type, "StateEntered")) {
      // A state entered again by a redrive continues the attempts before it.
      if (!after_redrive) groups.clear();
      open = e.id;
      last_exited.reset();
    } else if (ends_with(e.type, "StateExited")) {
      open.reset();
      groups.clear();
      last_exited = e.details.value("name", "");
      auto output = text_field(e, "output");
      if (!output) return output.error();
      last_output = std::move(*output);
      if (auto assigned = e.details.find("assignedVariables");
          assigned != e.details.end() && assigned->is_object())
        for (const auto& [name, text] : assigned->items())
          if (text.is_string()) {
            auto value = parse_json(text.get<std::string>());
            if (!value) return not_redrivable(fmt::format("event {}: assignedVariables.{} is "
                                                          "not JSON", e.id, name));
            variables[name] = std::move(*value);
          }
    } else if (e.type == "ParallelStateStarted" || e.type == "MapStateStarted" ||
               e.type == "MapRunStarted" || e.type == "MapRunRedriven") {
      groups.push_back(e.id);
    }
    after_redrive = e.type == "ExecutionRedriven";
    if (e.type == "MapIterationSucceeded") {
      end.succeeded = true;
      end.output = last_output;
      return end;
    }
  }
  ResumePoint resume;
  resume.variables = std::move(variables);
  if (open) {
    const Event& entered = event(*open);
    resume.state = entered.details.value("name", "");
    auto state = machine.states.find(resume.state);
    if (state == machine.states.end())
      return not_redrivable(fmt::format("event {} enters a state '{}' the definition does not "
                                        "have",
                                        entered.id, resume.state));
    auto state_input = text_field(entered, "input");
    if (!state_input) return state_input.error();
    resume.input = std::move(*state_input);
    if (auto planned = plan_group(state->second, groups, resume); !planned)
      return planned.error();
    end.resume = std::move(resume);
    return end;
  }
  if (last_exited) {
    auto state = machine.states.find(*last_exited);
    if (state == machine.states.end())
      return not_redrivable(fmt::format("a state '{}' the definition does not have",
                                        *last_exited));
    const asl::State& exited = state->second;
    if (exited.end || exited.type == asl::StateType::kSucceed) {
      end.succeeded = true;  // a branch that reached its end (an iteration says so itself)
      end.output = last_output;
      return end;
    }
    // Stopped between two states: the next one never began.
    if (exited.next) {
      resume.state = *exited.next;
      resume.input = last_output;
      end.resume = std::move(resume);
    }
    return end;
  }
  if (!input.is_null()) {  // the execution never entered a state
    resume.state = machine.start_at;
    resume.input = input;
    end.resume = std::move(resume);
  }
  return end;
}

Result<void> Planner::plan_group(const asl::State& state, const std::vector<std::int64_t>& groups,
                                 ResumePoint& resume) {
  if (groups.empty()) return {};
  if (const auto* map = std::get_if<asl::MapSpec>(&state.spec); map && map->distributed)
    return plan_map_run(state, *map, groups, resume);
  for (std::int64_t group : groups) {
    auto found = successors_.find(group);
    if (found == successors_.end()) continue;
    std::vector<bool> branch_taken;
    for (std::int64_t first : found->second) {
      const Event& e = event(first);
      std::size_t index = 0;
      const asl::StateMachine* machine = nullptr;
      if (const auto* map = std::get_if<asl::MapSpec>(&state.spec)) {
        if (e.type != "MapIterationStarted") continue;
        index = static_cast<std::size_t>(e.details.value("index", 0));
        machine = map->processor.get();
      } else {
        const auto& parallel = std::get<asl::ParallelSpec>(state.spec);
        if (!ends_with(e.type, "StateEntered")) continue;
        // The branch is the first one not yet seen that has the state it entered.
        branch_taken.resize(parallel.branches.size());
        const std::string name = e.details.value("name", "");
        bool matched = false;
        for (std::size_t i = 0; i < parallel.branches.size() && !matched; ++i) {
          if (branch_taken[i] || !parallel.branches[i]->states.contains(name)) continue;
          branch_taken[i] = matched = true;
          index = i;
        }
        if (!matched)
          return not_redrivable(fmt::format("event {} enters '{}', a state no branch of the "
                                            "Parallel state '{}' has",
                                            e.id, name, state.name));
        machine = parallel.branches[index].get();
      }
      auto flow = walk(*machine, first, nullptr);
      if (!flow) return flow.error();
      resume.kept.erase(index);
      resume.resumed.erase(index);
      if (flow->succeeded) resume.kept.emplace(index, std::move(flow->output));
      else if (flow->resume) resume.resumed.emplace(index, std::move(*flow->resume));
    }
  }
  return {};
}

Result<void> Planner::plan_map_run(const asl::State& state, const asl::MapSpec& map,
                                   const std::vector<std::int64_t>& groups,
                                   ResumePoint& resume) {
  // The Map Run of the state's last attempt: MapRunStarted, or MapRunRedriven by a redrive.
  std::string arn;
  for (std::int64_t group : groups) {
    const Event& e = event(group);
    const std::string group_arn = e.details.is_object() ? e.details.value("mapRunArn", "") : "";
    if (e.type == "MapRunStarted") {
      arn = group_arn;
      resume.map_run_redrives = 0;
    } else if (e.type == "MapRunRedriven" && group_arn == arn) {
      ++resume.map_run_redrives;
    }
  }
  if (arn.empty()) return {};
  auto record = std::find_if(map_runs_.begin(), map_runs_.end(),
                             [&arn](const MapRunRecord& run) { return run.arn == arn; });
  if (record == map_runs_.end())
    return not_redrivable(fmt::format(
        "the Distributed Map state '{}' failed in its Map Run {}, and the run's record keeps "
        "no account of that Map Run's child executions (a run recorded before conflictctl "
        "kept them), so which of them succeeded is not known",
        state.name, arn));
  resume.map_run_arn = arn;
  for (const MapRunChild& child : record->children) {
    if (child.execution.status == "SUCCEEDED") {
      resume.kept_children.insert_or_assign(child.index, child);
      continue;
    }
    if (child.history.is_null()) continue;  // an Express child execution: it starts again
    auto input = parse_json(child.execution.input);
    if (!input)
      return not_redrivable(fmt::format("the Map Run {}'s child execution {} has an input "
                                        "that is not JSON",
                                        arn, child.execution.name));
    auto plan = plan_redrive(*map.processor, child.history, *input);
    if (!plan)
      return not_redrivable(fmt::format("the Map Run {}'s child execution {}: {}", arn,
                                        child.execution.name, plan.error().cause));
    resume.redriven_children.insert_or_assign(
        child.index,
        std::make_shared<const ChildRedrive>(ChildRedrive{child, std::move(*plan)}));
  }
  return {};
}

}  // namespace

Result<void> check_redrivable(std::string_view status, WorkflowType type, Timestamp started,
                              Timestamp stopped, Timestamp now, std::size_t events,
                              int redrives) {
  if (type == WorkflowType::kExpress)
    return not_redrivable("RedriveExecution is not supported by EXPRESS state machines.");
  if (status != "FAILED" && status != "TIMED_OUT" && status != "ABORTED")
    return not_redrivable(fmt::format("Execution is {} and cannot be redriven.", status));
  if ((now - stopped).count() > redrive_limits::kRedrivablePeriodMillis)
    return not_redrivable("Execution redrivable period exceeded.");
  if ((now - started).count() > redrive_limits::kMaxOpenMillis)
    return not_redrivable("Execution has exceeded the max execution time.");
  if (events >= redrive_limits::kMaxHistoryEvents)
    return not_redrivable("Execution history event limit exceeded.");
  if (redrives >= redrive_limits::kMaxRedrives)
    return not_redrivable(fmt::format("Execution was redriven {} times, the most allowed.",
                                      redrives));
  return {};
}

int redrive_count(const Json& history) {
  int count = 0;
  if (!history.is_object() || !history.contains("events")) return 0;
  for (const Json& event : history.at("events"))
    if (event.is_object() && event.value("type", "") == "ExecutionRedriven") ++count;
  return count;
}

Result<RedrivePlan> plan_redrive(const asl::StateMachine& machine, const Json& history,
                                 const Json& input, const std::vector<MapRunRecord>& map_runs) {
  RedrivePlan plan;
  std::vector<Event> events;
  const Json* list = history.is_object() && history.contains("events") ? &history.at("events")
                                                                        : nullptr;
  if (!list || !list->is_array() || list->empty())
    return not_redrivable("the run's history has no events");
  for (const Json& json : *list) {
    Event event;
    event.id = json.value("id", std::int64_t{0});
    event.previous = json.value("previousEventId", std::int64_t{0});
    event.type = json.value("type", "");
    if (event.id != static_cast<std::int64_t>(events.size()) + 1)
      return not_redrivable(fmt::format("the history's event {} has id {}: ids must be dense "
                                        "from 1",
                                        events.size() + 1, event.id));
    std::string details_key;
    for (const auto& [key, value] : json.items())
      if (key.ends_with("EventDetails")) {
        details_key = key;
        event.details = value;
      }
    auto at = parse_timestamp(json.value("timestamp", ""));
    if (!at) return not_redrivable(fmt::format("event {} has no valid timestamp", event.id));
    plan.history.add(*at, event.type, event.previous, details_key, event.details);
    events.push_back(std::move(event));
  }
  if (events.front().type != "ExecutionStarted")
    return not_redrivable("the history does not begin with ExecutionStarted");
  Planner planner(std::move(events), map_runs);
  auto root = planner.walk(machine, 1, input);
  if (!root) return root.error();
  if (!root->resume)
    return not_redrivable("the history shows no unsuccessful state to start again from");
  plan.last_event = root->last_event;
  plan.started = plan.history.events().front().timestamp;
  plan.redrive_count = redrive_count(history) + 1;
  plan.resume = std::move(*root->resume);
  return plan;
}

}  // namespace conflictctl::engine

#include "explore/run_trace.h"

#include <fmt/format.h>

#include <vector>

#include "asl/for_each_state.h"
#include "core/error_names.h"

namespace conflictctl::explore {

namespace {

bool ends_with(std::string_view text, std::string_view end) {
  return text.size() >= end.size() && text.substr(text.size() - end.size()) == end;
}

bool is_failure(std::string_view type) {
  return type == "LambdaFunctionFailed" || type == "LambdaFunctionTimedOut" ||
         type == "TaskFailed" || type == "TaskTimedOut" || type == "ActivityFailed" ||
         type == "ActivityTimedOut" || type == "MapStateFailed" || type == "MapRunFailed" ||
         type == "ParallelStateFailed";
}

// Events that start a new attempt or report a success: the state is not failing after them.
bool clears_failure(std::string_view type) {
  return type == "LambdaFunctionScheduled" || type == "TaskScheduled" ||
         type == "ActivityScheduled" || type == "MapStateStarted" || type == "MapRunStarted" ||
         type == "MapRunRedriven" ||
         type == "ParallelStateStarted" || type == "LambdaFunctionSucceeded" ||
         type == "TaskSucceeded" || type == "ActivitySucceeded" || type == "MapStateSucceeded" ||
         type == "MapRunSucceeded" ||
         type == "ParallelStateSucceeded";
}

// Where a chain stands after an event.
struct ChainPoint {
  std::string_view state;   // the state last entered on the chain
  bool failing = false;     // its last attempt failed
  std::string error;        // that failure's error name, when recorded
  std::string_view exited;  // set when the event was the state's Exited event
};

// The Catcher of `from` that leads to `to` after an error named `error` ("" if unknown);
// -1 when none does.
int catcher_taken(const asl::State& from, std::string_view to, const std::string& error) {
  int first = -1;
  for (std::size_t i = 0; i < from.catchers.size(); ++i) {
    const auto& catcher = from.catchers[i];
    if (catcher.next != to) continue;
    if (first < 0) first = static_cast<int>(i);
    if (!error.empty() && errors::matches(catcher.error_equals, error)) return static_cast<int>(i);
  }
  return first;
}

// Follows one history's chains (engine/history.h), adding what they show to `trace`.
void trace_history(const engine::History& history, const asl::StateMachine& machine,
                   const std::map<std::string_view, const asl::State*>& states,
                   RunTrace& trace) {
  const auto& events = history.events();
  std::vector<ChainPoint> points(events.size() + 1);  // by event id; ids are dense from 1
  for (const auto& event : events) {
    if (event.id <= 0 || static_cast<std::size_t>(event.id) >= points.size()) continue;
    ChainPoint point;
    if (event.previous_event_id > 0 && event.previous_event_id < event.id)
      point = points[static_cast<std::size_t>(event.previous_event_id)];
    std::string_view exited = point.exited;
    point.exited = {};
    std::string_view type = event.type;
    if (ends_with(type, "StateEntered")) {
      auto name = event.details.string_field("name").value_or("");
      auto found = states.find(name);
      if (found != states.end()) {
        trace.entered.insert(found->second->name);
        trace.first_input.try_emplace(found->second->name, event.details.text_of("input"));
        if (machine.states.count(found->second->name))
          trace.outcome.end_state = found->second->name;
        auto from = states.find(exited);
        if (from != states.end() && !from->second->catchers.empty()) {
          const asl::State& left = *from->second;
          bool other_way = !left.next || *left.next != name;
          if (point.failing || other_way) {
            int index = catcher_taken(left, name, point.failing ? point.error : "");
            if (index >= 0) trace.caught.emplace(left.name, index);
          }
        }
        point.state = found->first;
      }
      point.failing = false;
      point.error.clear();
    } else if (is_failure(type)) {
      point.failing = true;
      point.error = ends_with(type, "TimedOut") ? std::string(errors::kTimeout)
                                                : event.details.text_of("error");
    } else if (clears_failure(type)) {
      point.failing = false;
      point.error.clear();
    } else if (ends_with(type, "StateExited")) {
      point.exited = point.state;
    }
    points[static_cast<std::size_t>(event.id)] = std::move(point);
  }
}

}  // namespace

std::string to_string(const Outcome& outcome) {
  std::string text = outcome.status;
  if (!outcome.end_state.empty()) text += " at " + outcome.end_state;
  if (!outcome.error.empty()) text += ": " + outcome.error;
  return text;
}

RunTrace trace_run(const asl::StateMachine& machine, const engine::ExecutionResult& result) {
  std::map<std::string_view, const asl::State*> states;
  asl::for_each_state(machine, [&](const asl::State& state, int) { states[state.name] = &state; });

  RunTrace trace;
  trace.outcome.status = std::string(engine::to_string(result.status));
  if (result.error) {
    trace.outcome.error = result.error->name;
    trace.cause = result.error->cause;
  }
  trace.seconds = millis_to_seconds(result.stopped - result.started);

  // The run's history, then each Distributed Map child execution's (ids are per history).
  trace_history(result.history, machine, states, trace);
  for (const engine::History& child : result.child_histories)
    trace_history(child, machine, states, trace);
  return trace;
}

}  // namespace conflictctl::explore

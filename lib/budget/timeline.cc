#include "budget/timeline.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "budget/history_flows.h"
#include "budget/task_limits.h"

namespace conflictctl::budget {

namespace {

// One state entry while its events are read.
struct Visit {
  std::size_t lane = 0;  // a node of the lane tree
  std::string state;
  std::string type;  // "Task", "Map", … (from the StateEntered event's type)
  double start = 0;
  double last = 0;
  int attempts = 0;
  std::optional<double> attempt_start;
  std::optional<double> failed_at;  // end of the last failed attempt, until the retry
  bool failed = false;              // the last attempt failed
  bool exited = false;
  bool aborted = false;
  std::string error;
};

// Lanes as a tree (node 0 is the root, without a lane), flattened depth first at the end.
class LaneTree {
 public:
  LaneTree() : nodes_(1) {}

  std::size_t lane(const HistoryFlows& flows, int flow, const std::string& state) {
    if (flow == 0) {
      auto [it, inserted] = top_.try_emplace(state, nodes_.size());
      if (inserted) add(0, TimelineLane{state, 0, state});
      return it->second;
    }
    if (auto it = by_flow_.find(flow); it != by_flow_.end()) return it->second;
    const HistoryFlow& info = flows.flows[static_cast<std::size_t>(flow)];
    std::size_t parent = info.parent == 0 ? lane(flows, 0, info.container)
                                          : lane(flows, info.parent, "");
    std::string label = info.map_iteration
                            ? fmt::format("{} #{}", info.container, info.index)
                            : fmt::format("{} branch {}", info.container, info.index + 1);
    std::size_t node = add(parent, TimelineLane{label, info.depth, info.container});
    by_flow_[flow] = node;
    return node;
  }

  // The lanes in display order, and each node's position in it.
  std::vector<TimelineLane> flatten(std::vector<std::size_t>& position) const {
    std::vector<TimelineLane> out;
    position.assign(nodes_.size(), 0);
    walk(0, out, position);
    return out;
  }

 private:
  struct Node {
    TimelineLane lane;
    std::vector<std::size_t> children;
  };

  std::size_t add(std::size_t parent, TimelineLane lane) {
    nodes_.push_back(Node{std::move(lane), {}});
    nodes_[parent].children.push_back(nodes_.size() - 1);
    return nodes_.size() - 1;
  }

  void walk(std::size_t node, std::vector<TimelineLane>& out,
            std::vector<std::size_t>& position) const {
    if (node != 0) {
      position[node] = out.size();
      out.push_back(nodes_[node].lane);
    }
    for (std::size_t child : nodes_[node].children) walk(child, out, position);
  }

  std::vector<Node> nodes_;
  std::map<std::string, std::size_t> top_;
  std::map<int, std::size_t> by_flow_;
};

std::string outcome_of(std::string_view type) {
  if (ends_with(type, "Succeeded")) return "SUCCEEDED";
  if (ends_with(type, "TimedOut")) return "TIMED_OUT";
  if (ends_with(type, "Aborted")) return "ABORTED";
  return "FAILED";
}

bool is_attempt_end(std::string_view type) {
  return (type.starts_with("LambdaFunction") || type.starts_with("Task") ||
          type.starts_with("Activity")) &&
         (ends_with(type, "Succeeded") || ends_with(type, "Failed") || ends_with(type, "TimedOut"));
}

}  // namespace

std::string_view to_string(BarKind kind) {
  switch (kind) {
    case BarKind::kState: return "state";
    case BarKind::kIteration: return "iteration";
    case BarKind::kAttempt: return "attempt";
    case BarKind::kBackoff: return "backoff";
  }
  return "state";
}

Timeline make_timeline(const std::string& run, const asl::StateMachine& machine,
                       const engine::ExecutionResult& execution,
                       const engine::FunctionTimeout& function_timeout) {
  Timeline timeline;
  timeline.run = run;
  timeline.status = std::string(engine::to_string(execution.status));
  timeline.total_seconds = millis_to_seconds(execution.stopped - execution.started);

  std::map<std::string, TaskLimit> limits;
  for (const TaskState& task : task_states(machine, function_timeout))
    limits[task.name] = task.limit;

  const auto& events = execution.history.events();
  HistoryFlows flows = trace_flows(execution.history);
  LaneTree lanes;
  std::map<long, Visit> visits;               // by the StateEntered event's index
  std::map<int, std::size_t> iteration_bars;  // flow → its iteration bar
  std::vector<TimelineBar> bars;
  auto bar = [&](std::size_t lane, BarKind kind, const std::string& state, double start,
                 double end) -> TimelineBar& {
    TimelineBar added;
    added.lane = lane;
    added.kind = kind;
    added.state = state;
    added.start = start;
    added.end = end;
    bars.push_back(std::move(added));
    return bars.back();
  };
  auto end_attempt = [&](Visit& visit, double at, std::string outcome, std::string error) {
    TimelineBar& attempt =
        bar(visit.lane, BarKind::kAttempt, visit.state, *visit.attempt_start, at);
    attempt.attempt = visit.attempts;
    attempt.outcome = std::move(outcome);
    attempt.error = std::move(error);
    if (auto limit = limits.find(visit.state); limit != limits.end() && limit->second.seconds) {
      attempt.limit_seconds = limit->second.seconds;
      attempt.zone = engine::zone_for(attempt.end - attempt.start, *limit->second.seconds);
    }
    visit.attempt_start.reset();
  };

  for (std::size_t i = 0; i < events.size(); ++i) {
    const engine::HistoryEvent& event = events[i];
    const EventPlace& place = flows.events[i];
    std::string_view type = event.type;
    double at = millis_to_seconds(event.timestamp - execution.started);

    if (type == "MapIterationStarted") {
      const HistoryFlow& flow = flows.flows[static_cast<std::size_t>(place.flow)];
      iteration_bars[place.flow] = bars.size();
      bar(lanes.lane(flows, place.flow, ""), BarKind::kIteration, flow.container, at, at);
      continue;
    }
    if (type.starts_with("MapIteration")) {
      if (auto it = iteration_bars.find(place.flow); it != iteration_bars.end()) {
        bars[it->second].end = at;
        bars[it->second].outcome = outcome_of(type);
      }
      continue;
    }
    if (place.entry < 0) continue;
    if (static_cast<long>(i) == place.entry) {
      Visit visit;
      visit.lane = lanes.lane(flows, place.flow, place.state);
      visit.state = place.state;
      visit.type = std::string(type.substr(0, type.size() - std::string_view("StateEntered").size()));
      visit.start = visit.last = at;
      visits[place.entry] = std::move(visit);
      continue;
    }
    Visit& visit = visits[place.entry];
    visit.last = at;
    if (ends_with(type, "Scheduled") || type == "MapStateStarted" ||
        type == "MapRunStarted" || type == "MapRunRedriven" || type == "ParallelStateStarted") {
      visit.attempts++;
      if (visit.failed_at)
        bar(visit.lane, BarKind::kBackoff, visit.state, *visit.failed_at, at).attempt =
            visit.attempts;
      visit.failed_at.reset();
      if (ends_with(type, "Scheduled")) visit.attempt_start = at;
    } else if (visit.attempt_start && is_attempt_end(type)) {
      std::string outcome = outcome_of(type);
      visit.failed = outcome != "SUCCEEDED";
      visit.error = visit.failed ? event.details.text_of("error") : "";
      if (visit.failed) visit.failed_at = at;
      end_attempt(visit, at, outcome, visit.error);
    } else if (type == "MapStateFailed" || type == "MapRunFailed" ||
               type == "ParallelStateFailed") {
      visit.failed = true;
      visit.failed_at = at;
    } else if (type == "MapStateSucceeded" || type == "MapRunSucceeded" ||
               type == "ParallelStateSucceeded") {
      visit.failed = false;
    } else if (ends_with(type, "StateAborted")) {
      visit.aborted = true;
      if (visit.attempt_start) end_attempt(visit, at, "ABORTED", "");
    } else if (ends_with(type, "StateExited")) {
      visit.exited = true;
    }
  }

  for (const auto& [entry, visit] : visits) {
    TimelineBar& state = bar(visit.lane, BarKind::kState, visit.state, visit.start, visit.last);
    state.outcome = visit.aborted                          ? "ABORTED"
                    : visit.type == "Fail" || !visit.exited ? "FAILED"
                    : visit.failed                          ? "CAUGHT"
                                                            : "SUCCEEDED";
    state.error = visit.failed ? visit.error : "";
  }

  std::vector<std::size_t> position;
  timeline.lanes = lanes.flatten(position);
  for (TimelineBar& each : bars) each.lane = position[each.lane];
  // By start; at the same start a state before its iteration, attempts and backoffs.
  std::stable_sort(bars.begin(), bars.end(), [](const TimelineBar& a, const TimelineBar& b) {
    if (a.start != b.start) return a.start < b.start;
    return static_cast<int>(a.kind) < static_cast<int>(b.kind);
  });
  timeline.bars = std::move(bars);
  return timeline;
}

}  // namespace conflictctl::budget

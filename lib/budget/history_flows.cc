#include "budget/history_flows.h"

#include <climits>
#include <map>

namespace conflictctl::budget {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string entered_state(const engine::HistoryEvent& event) {
  if (!ends_with(event.type, "StateEntered")) return "";
  return std::string(event.details.string_field("name").value_or(""));
}

bool HistoryFlows::within(int flow, int ancestor) const {
  for (int f = flow; f >= 0; f = flows[static_cast<std::size_t>(f)].parent)
    if (f == ancestor) return true;
  return false;
}

HistoryFlows trace_flows(const engine::History& history) {
  HistoryFlows out;
  out.flows.push_back(HistoryFlow{});
  const auto& events = history.events();
  std::map<std::int64_t, std::size_t> position;  // event id → index
  std::map<std::size_t, long long> branches;     // ParallelStateStarted index → branches seen
  for (std::size_t i = 0; i < events.size(); ++i) {
    const engine::HistoryEvent& event = events[i];
    EventPlace place;
    const EventPlace* previous = nullptr;
    std::size_t previous_index = 0;
    // Only an earlier event can be the previous one: an edited record whose event names itself
    // (or a later one) as previous is read as if it named none (found by run_record_fuzz: the
    // event's own place was read before it existed).
    if (auto it = position.find(event.previous_event_id);
        event.previous_event_id != 0 && it != position.end()) {
      previous_index = it->second;
      previous = &out.events[previous_index];
      place = *previous;
    }
    position[event.id] = i;
    std::string state = entered_state(event);
    if (event.type == "MapIterationStarted") {
      HistoryFlow flow;
      flow.parent = place.flow;
      flow.map_iteration = true;
      flow.depth = out.flows[static_cast<std::size_t>(place.flow)].depth + 1;
      flow.container = std::string(event.details.string_field("name").value_or(""));
      flow.index = event.details.integer_field("index", 0);
      out.flows.push_back(std::move(flow));
      place.flow = static_cast<int>(out.flows.size()) - 1;
    } else if (!state.empty() && previous &&
               events[previous_index].type == "ParallelStateStarted") {
      HistoryFlow flow;
      flow.parent = place.flow;
      flow.container = previous->state;
      flow.index = branches[previous_index]++;
      flow.depth = out.flows[static_cast<std::size_t>(place.flow)].depth + 1;
      out.flows.push_back(std::move(flow));
      place.flow = static_cast<int>(out.flows.size()) - 1;
    }
    if (!state.empty()) {
      place.entry = static_cast<long>(i);
      place.state = state;
    } else if (event.type.starts_with("Execution") || event.type.starts_with("MapIteration")) {
      place.entry = -1;
      place.state.clear();
    }
    out.events.push_back(std::move(place));
  }
  return out;
}

std::map<std::string, long long> map_items(const engine::History& history,
                                           const HistoryFlows& flows) {
  std::map<std::string, long long> items;
  const auto& events = history.events();
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (events[i].type != "MapStateStarted") continue;
    long long& sum = items[flows.events[i].state];
    const long long length = events[i].details.integer_field("length", 0);
    if (__builtin_add_overflow(sum, length, &sum)) sum = length > 0 ? LLONG_MAX : LLONG_MIN;
  }
  return items;
}

}  // namespace conflictctl::budget

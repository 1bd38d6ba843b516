#pragma once
// Who each event of a history belongs to: which flow (the top level, one Map iteration, one
// Parallel branch) and which state entry on that flow.
//
// Events are attributed by following previousEventId, as AWS records it (engine/history.h):
//   - a MapIterationStarted event starts a new flow, the iteration (its details name the Map
//     and the index); the iteration's events chain back to it;
//   - a StateEntered event whose previous event is a ParallelStateStarted starts a new flow,
//     one branch of that Parallel (numbered in the order the branches first record an event);
//   - every other event is on the flow of its previous event (previousEventId 0: top level).
// A StateEntered event starts a state entry; the events after it on its flow belong to that
// entry until the next StateEntered. Execution* and MapIteration* events belong to no entry.
//
// Pure; thread-safe.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "engine/history.h"

namespace conflictctl::budget {

struct HistoryFlow {
  int parent = -1;        // index of the enclosing flow; -1 for the top level
  std::string container;  // the Map or Parallel state that runs it; "" for the top level
  bool map_iteration = false;
  long long index = 0;    // Map item index, or Parallel branch number (0-based)
  int depth = 0;          // 0 top level, 1 inside one Map/Parallel, …
};

struct EventPlace {
  int flow = 0;
  long entry = -1;    // index (in the event list) of the StateEntered event, or -1
  std::string state;  // that entry's state name, or ""
};

struct HistoryFlows {
  std::vector<HistoryFlow> flows;   // flows[0] is the top level
  std::vector<EventPlace> events;   // one per event, in the history's order

  // True when `flow` is `ancestor` or runs inside it.
  bool within(int flow, int ancestor) const;
};

HistoryFlows trace_flows(const engine::History& history);

// Items per Map state: the "length" of its MapStateStarted events, summed over its entries.
std::map<std::string, long long> map_items(const engine::History& history,
                                           const HistoryFlows& flows);

// The state's name in a StateEntered event's details; "" otherwise.
std::string entered_state(const engine::HistoryEvent& event);

bool ends_with(std::string_view text, std::string_view suffix);

}  // namespace conflictctl::budget

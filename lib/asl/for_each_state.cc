#include "asl/for_each_state.h"

namespace conflictctl::asl {

namespace {

void walk(const StateMachine& machine, int depth,
          const std::function<void(const State&, int)>& visit) {
  auto visit_one = [&](const State& state) {
    visit(state, depth);
    if (const auto* parallel = std::get_if<ParallelSpec>(&state.spec)) {
      for (const auto& branch : parallel->branches)
        if (branch) walk(*branch, depth + 1, visit);
    } else if (const auto* map = std::get_if<MapSpec>(&state.spec)) {
      if (map->processor) walk(*map->processor, depth + 1, visit);
    }
  };
  if (machine.state_order.empty()) {  // a machine built in code may not list an order
    for (const auto& [name, state] : machine.states) visit_one(state);
    return;
  }
  for (const std::string& name : machine.state_order)
    if (auto it = machine.states.find(name); it != machine.states.end()) visit_one(it->second);
}

}  // namespace

void for_each_state(const StateMachine& machine,
                    const std::function<void(const State& state, int depth)>& visit) {
  walk(machine, 0, visit);
}

}  // namespace conflictctl::asl

#include "asl/for_each_state.h"

namespace conflictctl::asl {

namespace {

using Visit = std::function<void(const State&, const StatePlace&)>;

void walk(const StateMachine& machine, const StatePlace& place, const Visit& visit) {
  auto visit_one = [&](const State& state) {
    visit(state, place);
    StatePlace inside{place.depth + 1, &state, place.map};
    if (const auto* parallel = std::get_if<ParallelSpec>(&state.spec)) {
      for (const auto& branch : parallel->branches)
        if (branch) walk(*branch, inside, visit);
    } else if (const auto* map = std::get_if<MapSpec>(&state.spec)) {
      inside.map = &state;
      if (map->processor) walk(*map->processor, inside, visit);
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

void for_each_state(const StateMachine& machine, const Visit& visit) {
  walk(machine, StatePlace{}, visit);
}

void for_each_state(const StateMachine& machine,
                    const std::function<void(const State& state, int depth)>& visit) {
  walk(machine, StatePlace{}, [&](const State& state, const StatePlace& place) {
    visit(state, place.depth);
  });
}

}  // namespace conflictctl::asl

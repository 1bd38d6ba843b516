#pragma once
// Visits every state of a machine, nested ones included: the states of each Parallel branch
// and of each Map's ItemProcessor (or legacy Iterator), depth first, each machine's states in
// definition order. The one walk over nested states; nothing else recurses into branches and
// processors to list states.
//
//   for_each_state(machine, [](const State& state, int depth) { … });
//   for_each_state(machine, [](const State& state, const StatePlace& place) { … });
//
// `depth` is 0 for the top level, 1 inside a branch or processor, and so on. A Map without a
// processor or a Parallel with a null branch (only possible for a machine built in code) is
// visited but has nothing inside it.
#include <functional>

#include "asl/model.h"

namespace conflictctl::asl {

// Where a visited state sits.
struct StatePlace {
  int depth = 0;                  // 0 at the top level
  const State* parent = nullptr;  // the Parallel or Map state around it; null at the top
  const State* map = nullptr;     // the nearest Map state around it, through Parallels too
};

void for_each_state(const StateMachine& machine,
                    const std::function<void(const State& state, const StatePlace& place)>& visit);
void for_each_state(const StateMachine& machine,
                    const std::function<void(const State& state, int depth)>& visit);

}  // namespace conflictctl::asl

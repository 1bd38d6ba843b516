#pragma once
// Visits every state of a machine, nested ones included: the states of each Parallel branch
// and of each Map's ItemProcessor (or legacy Iterator), depth first, each machine's states in
// definition order. `depth` is 0 for the top level, 1 inside a branch or processor, and so
// on. A Map without a processor (only possible for a machine built in code) is visited but
// has nothing inside it.
#include <functional>

#include "asl/model.h"

namespace conflictctl::asl {

void for_each_state(const StateMachine& machine,
                    const std::function<void(const State& state, int depth)>& visit);

}  // namespace conflictctl::asl

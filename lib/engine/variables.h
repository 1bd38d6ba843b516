#pragma once
// Workflow variables: what `Assign` stores and "$name" reads (AWS, "Passing data between
// states with variables").
//
// Scopes. The top-level states of an execution share one scope. Each Parallel branch and
// each Map iteration runs in a scope of its own, inside the scope of the state that started
// it:
//  - an inner scope reads every variable of the scopes around it (AWS: "states in a nested
//    scope can reference variables from the outer scope"), except that a Distributed Map's
//    iterations start with an empty scope (AWS: a Distributed Map "cannot reference
//    variables in outer scopes");
//  - an inner scope may not assign a variable an outer scope holds: States.Runtime,
//    "Cannot assign to variable 'x': it belongs to an outer scope" (LocalStack's recording of
//    AWS); its own variables are gone when it ends, so a Map or Parallel returns data only
//    through its output.
//
// Assignment. A state's Assign is evaluated against the values the variables had when the
// state started; the new values take effect together when the state exits (AWS: Assign and
// Output "are evaluated in parallel"), so within one state "$x" always means the old value.
//
// Limits (AWS quotas, asl/limits.h): one variable's value at most 256 KiB; one Assign's
// values together at most 256 KiB; an execution's variables together at most 10 MiB. Over a
// limit is States.Runtime naming the variable and the limit.
//
// A scope is owned by the flow that runs in it (engine/interpreter.h) and read by the flows
// inside it, which end before it does. Not thread-safe: the loop thread alone uses scopes.
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/json.h"
#include "dataflow/path_context.h"

namespace conflictctl::engine {

// The bytes an execution's variables take together, shared by all its scopes.
struct VariableBudget {
  std::size_t bytes = 0;
};

class VariableScope final : public dataflow::Variables {
 public:
  // A scope inside `outer` (a Parallel branch, a Map iteration), or with `outer` null the
  // top-level scope of an execution or a Distributed Map iteration's, which reads nothing
  // outside itself. `budget` is the execution's.
  VariableScope(std::shared_ptr<VariableBudget> budget,
                std::shared_ptr<const VariableScope> outer = nullptr);
  // Gives the bytes of its variables back to the execution's budget.
  ~VariableScope() override;
  VariableScope(const VariableScope&) = delete;
  VariableScope& operator=(const VariableScope&) = delete;

  const Json* find(std::string_view name) const override;

  // Sets every variable of `values` (an object: name → value) at once, after checking the
  // scope rule and the limits; nothing is set when any check fails.
  Result<void> assign(const Json& values);

  // Every variable visible here (JSONata binds them by name).
  Json visible() const override;

 private:
  bool outer_holds(std::string_view name) const;

  std::shared_ptr<VariableBudget> budget_;
  std::shared_ptr<const VariableScope> outer_;  // null: reads nothing outside itself
  std::map<std::string, Json, std::less<>> values_;
  std::map<std::string, std::size_t, std::less<>> sizes_;  // bytes of each value, as JSON
};

// The assignedVariables of a StateExited event: each name with its value as compact JSON.
Json assigned_variables_detail(const Json& values);

}  // namespace conflictctl::engine

#pragma once
// The data-flow order of a state, written once and shared by every state type:
//
//   raw input ─InputPath─▶ ─Parameters (or Map: ItemsPath, ItemSelector)─▶ effective input
//   effective input ─(the state's work)─▶ result ─ResultSelector─▶ ─ResultPath─▶ ─OutputPath─▶ output
//
// Spec notes enforced here:
//  - "If the value of InputPath is null, the input is discarded and {} is used."
//  - "If the value of OutputPath is null, the output is {}."
//  - ResultPath null: "the state's result is discarded and its raw input becomes its output."
//  - A Catcher's error output {"Error", "Cause"} goes through the Catcher's ResultPath only.
// Which fields a state type may have is the parser's concern; absent fields are identities.
#include <optional>

#include "asl/model.h"
#include "core/error.h"
#include "core/json.h"
#include "core/random.h"

namespace conflictctl::engine {

// InputPath (and, for Pass/Task/Parallel, Parameters): the input the state's work receives.
// Errors: States.Runtime (a path matching nothing), intrinsic failures.
Result<Json> effective_input(const asl::State& state, const Json& raw_input, const Json& context,
                             Random& random);

// Only InputPath (Map applies ItemsPath to this, Choice and Wait read it).
Result<Json> apply_input_path(const asl::State& state, const Json& raw_input,
                              const Json& context);
// The same without a copy when InputPath is "$" (the usual case): `raw_input` itself; else
// the selected value, kept in `holder`. A Map's input can hold every item.
Result<const Json*> view_input_path(const asl::State& state, const Json& raw_input,
                                    const Json& context, Json& holder);

// ResultSelector (when `apply_selector`), ResultPath, OutputPath.
// Errors: States.Runtime, States.ResultPathMatchFailure.
Result<Json> state_output(const asl::State& state, const Json& raw_input, Json result,
                          const Json& context, Random& random, bool apply_selector = true);

// A Catcher's output: {"Error": name, "Cause": cause} placed in the raw input at the
// Catcher's ResultPath.
Result<Json> catcher_output(const asl::Catcher& catcher, const Json& raw_input, const Error& error);

}  // namespace conflictctl::engine

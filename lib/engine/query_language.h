#pragma once
// A state's data flow, behind one interface per query language. The engine's state types
// call these and never a JSONPath function directly, so a second query language (JSONata,
// issue 15) is a second implementation, not a second copy of every state type.
//
// JSONPath (jsonpath(), engine/jsonpath_language.cc), the data-flow order written once:
//
//   raw input ─InputPath─▶ ─Parameters (or Map: ItemsPath, ItemSelector)─▶ effective input
//   effective input ─(the state's work)─▶ result ─ResultSelector─▶ ─ResultPath─▶ ─OutputPath─▶ output
//
// Spec notes enforced there:
//  - "If the value of InputPath is null, the input is discarded and {} is used."
//  - "If the value of OutputPath is null, the output is {}."
//  - ResultPath null: "the state's result is discarded and its raw input becomes its output."
//  - A Catcher's error output {"Error", "Cause"} goes through the Catcher's ResultPath only.
// Which fields a state type may have is the parser's concern; absent fields are identities.
//
// What each state type reads from its own fields (Choice rules, Wait's SecondsPath, a Map's
// ItemsPath and counts, Fail's ErrorPath, TimeoutSecondsPath) goes through the typed path
// query (dataflow/typed_path.h); JSONata brings its own forms of those fields with it.
//
// Paths read workflow variables ("$name") through the PathContext (dataflow/path_context.h).
// Errors: States.Runtime (a path matching nothing, an undefined variable),
// States.ResultPathMatchFailure, intrinsic failures. Implementations are stateless and
// thread-safe.
#include "asl/model.h"
#include "core/error.h"
#include "core/json.h"
#include "dataflow/path_context.h"
#include "core/random.h"
#include "dataflow/path_context.h"

namespace conflictctl::engine {

using dataflow::PathContext;  // dataflow/path_context.h

class QueryLanguage {
 public:
  virtual ~QueryLanguage() = default;

  // The input the state's work receives (Pass, Task, Parallel): JSONPath's InputPath, then
  // Parameters.
  virtual Result<Json> effective_input(const asl::State& state, const Json& raw_input,
                                       const PathContext& context, Random& random) const = 0;

  // The input as Choice, Wait, Succeed and Map read it (JSONPath: InputPath only), without a
  // copy when nothing is selected: `raw_input` itself; else the selection, kept in `holder`.
  // A Map's input can hold every item.
  virtual Result<const Json*> state_input(const asl::State& state, const Json& raw_input,
                                          const PathContext& context, Json& holder) const = 0;

  // One Map iteration's input from its item: JSONPath's ItemSelector, evaluated against the
  // Map's input with `context` holding $$.Map.Item; without one, the item itself.
  virtual Result<Json> item_input(const asl::MapSpec& map, Json item, const Json& map_input,
                                  const PathContext& context, Random& random) const = 0;

  // The state's output from its result: JSONPath's ResultSelector (when `apply_selector`),
  // ResultPath, OutputPath.
  virtual Result<Json> state_output(const asl::State& state, const Json& raw_input, Json result,
                                    const PathContext& context, Random& random,
                                    bool apply_selector = true) const = 0;

  // The variables an Assign sets (a state's, a Catcher's, a Choice rule's): an object of
  // name → value. `value` is what JSONPath's "$" reads there: a Task's, Parallel's or Map's
  // result before ResultSelector, a Pass state's result, the input of a Choice or Wait (after
  // InputPath), a Catcher's error output. Variables read in `context` keep the values they
  // had when the state started (engine/variables.h).
  virtual Result<Json> assignments(const Json& assign, const Json& value,
                                   const PathContext& context,
                                   Random& random) const = 0;

  // A Catcher's output: {"Error": name, "Cause": cause} placed in the raw input at the
  // Catcher's ResultPath.
  virtual Result<Json> catcher_output(const asl::Catcher& catcher, const Json& raw_input,
                                      const Error& error) const = 0;
};

// The JSONPath query language, the only one the engine runs today (docs/asl-coverage.md).
const QueryLanguage& jsonpath();

}  // namespace conflictctl::engine

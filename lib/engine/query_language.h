#pragma once
// A state's data flow, behind one interface per query language. The engine's state types
// call these and never a JSONPath or JSONata function directly; a state's own QueryLanguage
// (asl::State::query_language) picks the implementation.
//
// JSONPath (jsonpath(), engine/jsonpath_language.cc), the data-flow order written once:
//
//   raw input ─InputPath─▶ ─Parameters (Map: ItemsPath, ItemSelector)─▶ effective input
//   effective input ─(work)─▶ result ─ResultSelector─▶ ─ResultPath─▶ ─OutputPath─▶ output
//
// Spec notes enforced there:
//  - "If the value of InputPath is null, the input is discarded and {} is used."
//  - "If the value of OutputPath is null, the output is {}."
//  - ResultPath null: "the state's result is discarded and its raw input becomes its output."
//  - A Catcher's error output {"Error", "Cause"} goes through the Catcher's ResultPath only.
//
// JSONata (jsonata(), engine/jsonata_language.cc; AWS, "Transforming data with JSONata"):
//
//   raw input ─Arguments─▶ effective input ─(work)─▶ result ─Output─▶ output
//
// where every "{% … %}" in Arguments, Output, Assign, ItemSelector and the scalar fields is
// evaluated with $states = {"input": raw input, "context": the context object, "result":
// the result (Output and Assign after the work), "errorOutput": the error output (in a
// Catcher)} and the workflow variables bound by name. Without Arguments the work gets the
// raw input; without Output a Task's, Parallel's or Map's output is its result, any other
// state's its raw input, a Catcher's the error output.
//
// Which fields a state type may have is the parser's concern; absent fields are identities.
// Variables keep, through a whole state, the values they had when it started
// (engine/variables.h).
//
// Errors: JSONPath: States.Runtime (a path matching nothing, an undefined variable),
// States.ResultPathMatchFailure, intrinsic failures. JSONata: States.QueryEvaluationError
// (an expression that fails, or gives nothing, or a value of the wrong type), with AWS's
// cause: "An error occurred while executing the state 'S' (entered at the event id #N). The
// JSONata expression 'E' specified for the field 'Arguments/x' returned nothing
// (undefined)." Implementations are stateless and thread-safe.
#include <functional>
#include <optional>
#include <string_view>

#include "asl/model.h"
#include "core/error.h"
#include "core/json.h"
#include "core/random.h"
#include "core/timestamp.h"
#include "dataflow/path_context.h"
#include "dataflow/typed_path.h"

namespace conflictctl::engine {

using dataflow::PathContext;  // dataflow/path_context.h

// The steps of a state's data flow, each set by the step that makes it when a StateScope
// carries an Inspection (test-state, engine/test_state.h; AWS TestState's inspectionData).
struct Inspection {
  std::optional<Json> after_input_path;       // JSONPath
  std::optional<Json> after_parameters;       // JSONPath
  std::optional<Json> after_arguments;        // JSONata
  std::optional<Json> after_items_path;       // Map: the items (ItemsPath or Items)
  std::optional<Json> after_result_selector;  // JSONPath
  std::optional<Json> after_result_path;      // JSONPath
};

// What a state's data flow reads besides the values at hand.
struct StateScope {
  PathContext context;  // "$$" (JSONata: $states.context) and the workflow variables
  Random& random;       // States.MathRandom, States.UUID; JSONata's $random, $uuid
  Timestamp now;        // JSONata's $now() and $millis()
  std::string_view state;            // the state's name and the id of its StateEntered
  std::int64_t entered_event = 0;    // event, for the causes of JSONata errors
  Inspection* inspection = nullptr;  // when set, each step records its value there
};

// What an Assign or a Choice rule's Output may read (QueryLanguage::template_value).
struct AssignSource {
  const Json& raw_input;              // the state's raw input ($states.input)
  const Json& value;                  // what JSONPath's "$" reads (see assignments())
  const Json* result = nullptr;       // the result, after a Task, Parallel or Map
  const Json* error_output = nullptr; // the error output, in a Catcher
};

class QueryLanguage {
 public:
  virtual ~QueryLanguage() = default;

  // The input the state's work receives (Pass, Task, Parallel): JSONPath's InputPath, then
  // Parameters; JSONata's Arguments.
  virtual Result<Json> effective_input(const asl::State& state, const Json& raw_input,
                                       const StateScope& scope) const = 0;

  // The input as Choice, Wait, Succeed and Map read it (JSONPath: InputPath only; JSONata:
  // the raw input), without a copy when nothing is selected: `raw_input` itself; else the
  // selection, kept in `holder`. A Map's input can hold every item.
  virtual Result<const Json*> state_input(const asl::State& state, const Json& raw_input,
                                          const StateScope& scope, Json& holder) const = 0;

  // The items a Map iterates over, from its state input: JSONPath's ItemsPath; JSONata's
  // Items (an array, or an expression giving one), else the input itself. Not an array:
  // States.Runtime (JSONPath) or States.QueryEvaluationError (JSONata).
  virtual Result<Json> items(const asl::State& state, const Json& map_input,
                             const StateScope& scope) const = 0;

  // One Map iteration's input from its item: ItemSelector, evaluated against the Map's input
  // with the context holding $$.Map.Item; without one, the item itself.
  virtual Result<Json> item_input(const asl::State& state, Json item, const Json& map_input,
                                  const StateScope& scope) const = 0;

  // The state's output from its result: JSONPath's ResultSelector (when `apply_selector`),
  // ResultPath, OutputPath; JSONata's Output.
  virtual Result<Json> state_output(const asl::State& state, const Json& raw_input, Json result,
                                    const StateScope& scope,
                                    bool apply_selector = true) const = 0;

  // A template evaluated: an Assign (a state's, a Catcher's, a Choice rule's: the variables
  // it sets, name → value) or a JSONata Choice rule's Output. `field` names it in causes
  // ("Assign", "Output"). JSONPath's "$" reads `source.value`: a Task's, Parallel's or Map's
  // result before ResultSelector, a Pass state's result, the input of a Choice or Wait (after
  // InputPath), a Catcher's error output.
  virtual Result<Json> template_value(const Json& tmpl, std::string_view field,
                                      const AssignSource& source,
                                      const StateScope& scope) const = 0;

  // A Catcher's output: JSONPath's {"Error": name, "Cause": cause} placed in the raw input at
  // the Catcher's ResultPath; JSONata's Output, else the error output.
  virtual Result<Json> catcher_output(const asl::Catcher& catcher, const Json& raw_input,
                                      const Error& error, const StateScope& scope) const = 0;

  // JSONata only: the value of a scalar field written as "{% expression %}" (TimeoutSeconds,
  // Seconds, Timestamp, MaxConcurrency, the tolerated failure thresholds, Fail's Error and
  // Cause, a Choice rule's Condition), which must have `type`.
  virtual Result<Json> expression(std::string_view field, const std::string& text,
                                  const dataflow::PathType& type, const Json& raw_input,
                                  const StateScope& scope) const = 0;
};

// A JSONata state's scalar field evaluated for the state at hand: (field, "{% … %}", type) →
// value, as QueryLanguage::expression. What the helpers that read such fields take
// (engine/state_timing.h, engine/map_settings.h); null for JSONPath states.
using FieldExpression = std::function<Result<Json>(std::string_view field, const std::string& text,
                                                   const dataflow::PathType& type)>;

const QueryLanguage& jsonpath();
const QueryLanguage& jsonata();
// The state's own: jsonpath() or jsonata().
const QueryLanguage& language_of(const asl::State& state);

// The state's JSONata scalar fields, evaluated against `raw_input` in `scope` (both borrowed:
// they must outlive the result); null for a JSONPath state.
FieldExpression field_expressions(const asl::State& state, const Json& raw_input,
                                  const StateScope& scope);

}  // namespace conflictctl::engine

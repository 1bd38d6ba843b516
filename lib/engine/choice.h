#pragma once
// The Choice state: which state comes next (JSONPath query language).
//
// A Choice state's "Choices" are evaluated against the state's *effective input* (the input
// after InputPath). Spec: "The interpreter attempts pattern-matches against the top-level
// Choice Rules in array order and transitions to the state specified in the "Next" field on
// the first Choice Rule where there is an exact match."
//
// Rules, as Step Functions applies them:
//  - And / Or evaluate their children in order and stop "when the boolean value has been
//    unambiguously determined"; Not inverts its single child. A child that is never
//    evaluated can raise no error, so {"And": [{IsPresent: true}, {StringEquals: …}]} on an
//    absent field is simply false (the AWS guide's "$.keyThatMightNotExist" example).
//  - A data test reads its "Variable" with dataflow::find_path ("$…" on the input, "$$…" on
//    the context object).
//  - An absent Variable fails the state, except for IsPresent. Spec, on IsPresent: "In this
//    case, if the Variable-field Path fails to match anything in the input no exception is
//    thrown and the Choice Rule just returns false." For every other operator Step Functions
//    fails with States.Runtime, cause
//      "Invalid path '$.x': The choice state's condition path references an invalid value."
//    (AWS puts "An error occurred while executing the state 'Name' (entered at the event
//    id #N). " before it; only the executor knows the state and the event, so it is not here.)
//  - The operand of an operator ending in "Path" is a reference path "to be applied to the
//    state's effective input"; when it selects nothing the state fails the same way, with
//    the operand's path in the cause.
//  - Spec: "For each operator which compares values, if the values are not both of the
//    appropriate type (String, number, boolean, or Timestamp) the comparison will return
//    false." So {"NumericEquals": 1} against "1" is false, not an error.
//  - Strings compare "character-by-character with no special treatments such as
//    case-folding, white-space collapsing, or Unicode form normalization" (here: by Unicode
//    code point, which is UTF-8 byte order).
//  - Numbers compare by value (1 == 1.0); integers beyond 2^53 compare exactly only against
//    other integers.
//  - Timestamps are strings that core/timestamp.h parse_timestamp accepts; they compare as
//    instants (so "2001-01-01T12:00:00Z" equals "2001-01-01T13:00:00+01:00"), to the
//    millisecond.
//  - StringMatches: "*" matches zero or more characters; "\*" is a literal "*" and "\\" a
//    literal "\" (in JSON text: "\\*" and "\\\\"). Spec: "If an open escape backslash \ is
//    found in the StringMatches string, the interpreter will throw a runtime error" — any
//    other backslash gives States.Runtime.
//  - Is* tests (IsNull, IsNumeric, IsString, IsBoolean, IsTimestamp, IsPresent) take a
//    boolean operand: {"IsNull": false} is true for any present, non-null value.
//
// A rule the validator should have refused (unknown operator, a Path operand that is not a
// string, an Is* operand that is not a boolean, a Not without exactly one child) gives
// States.Runtime naming the rule's JSON Pointer, never undefined behaviour.
//
// Thread safety: pure functions of their arguments.
#include <string>

#include "asl/model.h"
#include "core/error.h"
#include "core/json.h"
#include "dataflow/path_context.h"
#include "engine/query_language.h"

namespace conflictctl::engine {

using dataflow::PathContext;  // dataflow/path_context.h

// Evaluates `choice.choices` in order against `input` (the effective input) and `context`
// (the context object, for "$$" paths). Returns the Next of the first rule that matches,
// else `choice.default_next`.
// Errors: States.NoChoiceMatched when nothing matches and there is no Default, with AWS's
// cause "Failed to transition out of the state. The state does not point to a next state."
// (spec: "The interpreter will raise a runtime States.NoChoiceMatched error if a Choice
// State fails to match a Choice Rule and no "Default" transition was specified"; the
// developer guide only says the machine "will throw an error due to a failure to transition
// out of the state");
// States.Runtime from a rule, as described above.
Result<std::string> choose(const asl::ChoiceSpec& choice, const Json& input,
                           const PathContext& context);

// The first rule of `choice.choices` that matches `input`, or null when none does (the
// caller then takes Default, whose Assign is the Choice state's own). Errors as above, except
// that no match is not one.
Result<const asl::ChoiceRule*> matching_rule(const asl::ChoiceSpec& choice, const Json& input,
                                             const PathContext& context);

// The rule of a Choice state (`state`) that matches, in either query language: JSONPath's
// comparisons against `input` (after InputPath), or JSONata's Conditions (a boolean, or an
// expression evaluated with `language` against `raw_input`). Null when none matches.
Result<const asl::ChoiceRule*> matching_rule(const asl::State& state, const Json& input,
                                             const Json& raw_input,
                                             const QueryLanguage& language,
                                             const StateScope& scope);

// The way out of a Choice state: the rule that matched (null: Default was taken) and the
// state it names. Errors: as matching_rule, and States.NoChoiceMatched (as choose above)
// when nothing matches and there is no Default.
struct ChoiceExit {
  const asl::ChoiceRule* rule = nullptr;
  const std::string* next = nullptr;  // the rule's Next, or the Default; owned by `state`
};
Result<ChoiceExit> choice_exit(const asl::State& state, const Json& input, const Json& raw_input,
                               const QueryLanguage& language, const StateScope& scope);

// Evaluates one rule (a data test, or And / Or / Not of rules) for the executor, the tests
// and the validator. The rule's `next` is ignored.
Result<bool> evaluate_rule(const asl::ChoiceRule& rule, const Json& input,
                           const PathContext& context);

}  // namespace conflictctl::engine

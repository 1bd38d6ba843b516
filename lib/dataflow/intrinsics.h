#pragma once
// The 18 intrinsic functions of ASL, used in ".$" template values, ResultSelector, and
// Fail's ErrorPath/CausePath:
//   States.Format, States.StringToJson, States.JsonToString, States.Array,
//   States.ArrayPartition, States.ArrayContains, States.ArrayRange, States.ArrayGetItem,
//   States.ArrayLength, States.ArrayUnique, States.Base64Encode, States.Base64Decode,
//   States.Hash, States.JsonMerge, States.MathRandom, States.MathAdd, States.StringSplit,
//   States.UUID.
//
// Arguments are string literals ('…' with \' \{ \} \\ escapes), numbers, true/false/null,
// paths ($…, $$…, indefinite ones give arrays) and nested intrinsic calls (AWS: "You can
// nest up to 10 intrinsic functions within a field"; at most 10 calls per text).
//
// Errors are States.Runtime, as Step Functions reports them (it does not use
// States.IntrinsicFailure at run time): "Invalid arguments in States.MathAdd: …" for an
// argument a function rejects (intrinsic_functions.h has each function's checks);
// "The JSONPath '$.x' could not be found in the input '{}'" for a path argument that names
// nothing; the check_intrinsic message for a malformed call.
//
// Thread-safe except for the Random passed in. Cost: one parse per call.
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/json.h"
#include "core/random.h"
#include "dataflow/path_context.h"

namespace conflictctl::dataflow {

// True when `text` looks like a call ("States.Name(…)"), so the caller can dispatch.
bool is_intrinsic_call(std::string_view text);

// Syntax check only (function known, parentheses and quotes balanced, argument count
// within the function's range, paths valid). Empty string when valid, else a message, e.g.
// "'States.Hash($.a)' is not a valid intrinsic function call: States.Hash takes 2
// arguments, not 1".
std::string check_intrinsic(std::string_view text);

// Evaluates the call. `random` serves States.MathRandom and States.UUID.
Result<Json> evaluate_intrinsic(std::string_view text, const Json& input,
                                const PathContext& context,
                                Random& random);

// As evaluate_intrinsic, for the payload-template field `field` (its name, ".$" included):
// a path argument that names nothing fails with a cause naming the field, as AWS words it.
Result<Json> evaluate_intrinsic_for_field(std::string_view text, std::string_view field,
                                          const Json& input, const PathContext& context,
                                          Random& random);

}  // namespace conflictctl::dataflow

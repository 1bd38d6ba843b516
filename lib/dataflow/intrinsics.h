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
// paths ($…, $$…) and nested intrinsic calls. Argument errors follow Step Functions'
// checks and fail with States.IntrinsicFailure (or States.Runtime where AWS does).
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/json.h"
#include "core/random.h"

namespace conflictctl::dataflow {

// True when `text` looks like a call ("States.Name(…)"), so the caller can dispatch.
bool is_intrinsic_call(std::string_view text);

// Syntax check only (function known, parentheses and quotes balanced, argument count
// within the function's range, paths valid). Empty string when valid, else a message.
std::string check_intrinsic(std::string_view text);

// Evaluates the call. `random` serves States.MathRandom and States.UUID.
Result<Json> evaluate_intrinsic(std::string_view text, const Json& input, const Json& context,
                                Random& random);

}  // namespace conflictctl::dataflow

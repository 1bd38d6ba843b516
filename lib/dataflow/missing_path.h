#pragma once
// The error for a path that a payload-template field (or an intrinsic argument inside one)
// needs but the document lacks. Step Functions words it:
//   "The JSONPath '$.JobName' specified for the field 'JobName.$' could not be found in the
//    input '{}'"
// (States.Runtime; the document as compact JSON). Without a field name the "specified for
// the field …" part is left out.
#include <string_view>

#include "core/error.h"
#include "core/json.h"

namespace conflictctl::dataflow {

// `document` is what the path was evaluated against: the input, or the context object for
// "$$" paths.
Error missing_path_error(std::string_view path, std::string_view field, const Json& document);

}  // namespace conflictctl::dataflow

#pragma once
// The Assign field of a state, a Catcher or a Choice rule: workflow variables to set
// (engine/variables.h has what they mean at run time).
//
// Assign is an object of variable names. A name starts with a letter or '_' and goes on with
// letters, digits and '_' (non-ASCII letters too); "states" is reserved ($states is Step
// Functions' own). In a JSONPath state a name ending in ".$" takes its value from a path or
// an intrinsic function call, as in a payload template (dataflow/payload_template.h):
//   "Assign": {"total.$": "$.order.total", "attempts": 0}
// In a JSONata state values hold "{% … %}" expressions instead, and no name ends in ".$":
//   "Assign": {"total": "{% $states.input.order.total %}", "attempts": 0}
// Each problem is reported at its JSON Pointer.
#include <optional>

#include "asl/field_reader.h"
#include "asl/report.h"
#include "core/json.h"

namespace conflictctl::asl {

std::optional<Json> read_assign(FieldReader& reader, Report& report);

}  // namespace conflictctl::asl

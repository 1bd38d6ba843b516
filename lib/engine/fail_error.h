#pragma once
// The error a Fail state fails with, in either query language.
//
// Spec: Error and Cause are strings; ErrorPath and CausePath (JSONPath) are reference paths
// or intrinsic function calls on the state's input, which must give strings (else
// States.Runtime). In a JSONata state Error and Cause may be "{% … %}" expressions, which
// must give strings (else States.QueryEvaluationError). Absent: "".
#include "asl/model.h"
#include "core/error.h"
#include "core/json.h"
#include "engine/query_language.h"

namespace conflictctl::engine {

// What the Fail state fails with: its {Error, Cause}, or, when resolving them fails, that
// failure.
Error fail_error(const asl::State& state, const Json& raw_input, const StateScope& scope);

}  // namespace conflictctl::engine

#pragma once
// Reading a state's Retry and Catch arrays into asl::Retrier and asl::Catcher values. Part
// of the reader described in asl/machine_reader.h.
//
// Retrier fields (spec, "Retrying after error"): ErrorEquals (required), IntervalSeconds
// (integer, default 1), MaxAttempts (integer, default 3), BackoffRate (number, default 2.0),
// MaxDelaySeconds (integer), JitterStrategy (FULL or NONE, default NONE), Comment.
// Catcher fields ("Fallback states"): ErrorEquals and Next (required), ResultPath, Comment.
// Absent fields get the defaults of asl/defaults.h. Value ranges, States.ALL placement and
// error names are the validator's (asl/validator.h).
#include <vector>

#include "asl/field_reader.h"
#include "asl/model.h"
#include "asl/report.h"

namespace conflictctl::asl {

std::vector<Retrier> read_retry(FieldReader& state, Report& report);
std::vector<Catcher> read_catch(FieldReader& state, Report& report);

}  // namespace conflictctl::asl

#pragma once
// A Choice rule in a short, readable form, for graph edge labels and worst-case paths:
//   {"Variable": "$.ok", "BooleanEquals": true}              →  $.ok == true
//   {"Variable": "$.n", "NumericGreaterThanPath": "$.max"}   →  $.n > $.max
//   {"Variable": "$.s", "StringMatches": "log-*"}            →  $.s matches "log-*"
//   {"Variable": "$.x", "IsPresent": false}                  →  $.x is not present
//   {"And": [a, b]}  →  (a) and (b);   {"Not": a}  →  not (a)
// Literal operands print as compact JSON (strings quoted). Pure and thread-safe.
#include <string>

#include "asl/model.h"

namespace conflictctl::budget {

std::string rule_text(const asl::ChoiceRule& rule);

}  // namespace conflictctl::budget

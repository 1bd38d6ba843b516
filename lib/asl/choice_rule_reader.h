#pragma once
// Reading one Choice rule (and its nested rules) into an asl::ChoiceRule. Part of the
// reader described in asl/machine_reader.h.
//
// Spec: a rule is either a data-test expression — a Variable, exactly one comparison
// operator (asl/choice_operators.h) and its operand — or a boolean expression: And / Or
// (an array of rules) or Not (one rule). Top-level rules also hold Next; any rule may hold
// a Comment. This reader reports rules with no or several operators, a missing Variable,
// a Variable beside And/Or/Not, and unknown fields. Operand types, paths and the placement
// of Next are the validator's (asl/validator.h).
#include <string>

#include "asl/model.h"
#include "asl/report.h"
#include "core/json.h"

namespace conflictctl::asl {

// `language` is the Choice state's. A JSONata rule is {"Condition", "Next", "Assign",
// "Output", "Comment"}: Condition is a boolean or a "{% … %}" expression that gives one
// (AWS: "Condition" replaces Variable and the comparison operators).
ChoiceRule read_choice_rule(const Json& json, const std::string& pointer, QueryLanguage language,
                            Report& report);

}  // namespace conflictctl::asl

#pragma once
// The comparison operators of a Choice rule and the operand each one takes.
//
// Spec ("Choice Rules"): a data-test rule holds a Variable, exactly one comparison operator
// and, at the top level, Next. An operator whose name ends in "Path" takes a reference path
// to the value to compare with instead of a literal. The Is* operators take a boolean.
// And, Or (a non-empty array of rules) and Not (one rule) combine rules.
#include <string_view>

namespace conflictctl::asl {

enum class OperandKind {
  kString,     // StringEquals, StringLessThan, …, StringMatches
  kNumber,     // NumericEquals, …
  kBoolean,    // BooleanEquals and the Is* type tests
  kTimestamp,  // TimestampEquals, … (an RFC 3339 string)
  kPath,       // every "…Path" operator: a reference path
  kRules,      // And, Or: an array of rules
  kRule,       // Not: one rule
};

struct ChoiceOperator {
  std::string_view name;
  OperandKind operand;
};

// The operator called `name`, or null when there is none.
const ChoiceOperator* find_choice_operator(std::string_view name);

}  // namespace conflictctl::asl

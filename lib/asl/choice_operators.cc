#include "asl/choice_operators.h"

#include <array>

namespace conflictctl::asl {

namespace {

using enum OperandKind;

constexpr std::array<ChoiceOperator, 42> kOperators = {{
    {"StringEquals", kString},
    {"StringEqualsPath", kPath},
    {"StringLessThan", kString},
    {"StringLessThanPath", kPath},
    {"StringGreaterThan", kString},
    {"StringGreaterThanPath", kPath},
    {"StringLessThanEquals", kString},
    {"StringLessThanEqualsPath", kPath},
    {"StringGreaterThanEquals", kString},
    {"StringGreaterThanEqualsPath", kPath},
    {"StringMatches", kString},
    {"NumericEquals", kNumber},
    {"NumericEqualsPath", kPath},
    {"NumericLessThan", kNumber},
    {"NumericLessThanPath", kPath},
    {"NumericGreaterThan", kNumber},
    {"NumericGreaterThanPath", kPath},
    {"NumericLessThanEquals", kNumber},
    {"NumericLessThanEqualsPath", kPath},
    {"NumericGreaterThanEquals", kNumber},
    {"NumericGreaterThanEqualsPath", kPath},
    {"BooleanEquals", kBoolean},
    {"BooleanEqualsPath", kPath},
    {"TimestampEquals", kTimestamp},
    {"TimestampEqualsPath", kPath},
    {"TimestampLessThan", kTimestamp},
    {"TimestampLessThanPath", kPath},
    {"TimestampGreaterThan", kTimestamp},
    {"TimestampGreaterThanPath", kPath},
    {"TimestampLessThanEquals", kTimestamp},
    {"TimestampLessThanEqualsPath", kPath},
    {"TimestampGreaterThanEquals", kTimestamp},
    {"TimestampGreaterThanEqualsPath", kPath},
    {"IsNull", kBoolean},
    {"IsPresent", kBoolean},
    {"IsNumeric", kBoolean},
    {"IsString", kBoolean},
    {"IsBoolean", kBoolean},
    {"IsTimestamp", kBoolean},
    {"And", kRules},
    {"Or", kRules},
    {"Not", kRule},
}};

}  // namespace

const ChoiceOperator* find_choice_operator(std::string_view name) {
  for (const ChoiceOperator& op : kOperators) {
    if (op.name == name) return &op;
  }
  return nullptr;
}

}  // namespace conflictctl::asl

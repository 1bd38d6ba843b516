#pragma once
// The fields of a JSONata state: where "{% expression %}" strings may stand and how the
// parser checks them.
//
// AWS: "JSONata expressions use the following syntax: "{% <JSONata expression> %}"". A string
// that starts with "{%" and ends with "%}" is an expression; any other string is a literal.
// In Arguments, Output, Assign and a Map's ItemSelector, expressions may stand anywhere in the
// JSON value (each object field and array element is evaluated); in Condition, Items and the
// scalar fields (TimeoutSeconds, HeartbeatSeconds, Seconds, Timestamp, MaxConcurrency,
// ToleratedFailurePercentage/Count, Fail's Error and Cause) the field's whole value is one.
//
// Every expression is parsed when the definition is read (jsonata/jsonata.h), and a syntax
// error is reported at the field's JSON Pointer with JSONata's code and message:
//   "/States/A/Output: the JSONata expression '$x +' is not valid: S0207: Unexpected end of
//    expression (position 4)"
#include <optional>
#include <string>
#include <string_view>

#include "asl/field_reader.h"
#include "asl/report.h"
#include "core/json.h"

namespace conflictctl::asl {

// Whether `text` is "{% … %}".
bool is_jsonata_expression(std::string_view text);
// The expression inside "{% … %}", without the white space around it (what JSONata parses).
std::string_view jsonata_expression_text(std::string_view text);

// Parses every expression in `value` (recursively), reporting each that is not valid.
void check_jsonata(const Json& value, const std::string& pointer, Report& report);

// A field that may hold any JSON value with expressions in it (Arguments, Output,
// ItemSelector); each expression checked.
std::optional<Json> read_jsonata_value(FieldReader& reader, const std::string& key,
                                       Report& report);

// A scalar field of a JSONata state: a number (`number` set, with FieldReader's integer or
// number check) or an expression (`expression` set). Anything else is reported.
struct NumberOrExpression {
  std::optional<double> number;
  std::optional<std::string> expression;
};
NumberOrExpression read_number_or_expression(FieldReader& reader, const std::string& key,
                                             bool integer, Report& report);

}  // namespace conflictctl::asl

#pragma once
// A path whose result must be of one kind: the one place that checks what a …Path field
// selected and words the error when it is wrong.
//
//   evaluate_path_as("SecondsPath", "$.s", input, context, PathType::integer(0, 99999999))
//     {"s": 5}     -> 5
//     {"s": -1}    -> States.Runtime, "The SecondsPath '$.s' must select an integer from 0 to
//                     99999999, but selected -1."
//
// Every such failure is a States.Runtime error with that one message shape:
//   "The <field> '<path>' must select <what>, but selected <the value as compact JSON>."
// where <what> is "an integer from A to B", "a number from A to B", "a string",
// "a JSON array", "a JSON array or object" or "an RFC 3339 timestamp". A path that names
// nothing fails as evaluate_path does (dataflow/path.h).
#include <optional>
#include <string_view>

#include "core/error.h"
#include "core/json.h"
#include "core/timestamp.h"
#include "dataflow/path_context.h"

namespace conflictctl::dataflow {

struct PathType {
  enum class Kind { kInteger, kNumber, kString, kArray, kArrayOrObject, kTimestamp, kBoolean };
  Kind kind = Kind::kString;
  double minimum = 0;  // kInteger and kNumber: the bounds, inclusive
  double maximum = 0;

  static PathType integer(double minimum, double maximum) {
    return {Kind::kInteger, minimum, maximum};
  }
  static PathType number(double minimum, double maximum) {
    return {Kind::kNumber, minimum, maximum};
  }
  static PathType string() { return {Kind::kString}; }
  static PathType array() { return {Kind::kArray}; }
  // A Distributed Map's items: an array's elements or an object's entries.
  static PathType array_or_object() { return {Kind::kArrayOrObject}; }
  static PathType timestamp() { return {Kind::kTimestamp}; }  // parse_asl_timestamp reads it
  static PathType boolean() { return {Kind::kBoolean}; }
};

// parse_timestamp (core/timestamp.h) with the restrictions the Amazon States Language adds
// for the timestamps of a Wait state (Timestamp, TimestampPath) and of the Choice rules
// (the Timestamp… operators' operands and the values they compare, IsTimestamp): "an
// uppercase T must separate the date and time portions, and an uppercase Z must denote that
// a numeric time zone offset is not present" (AWS's Choice and Wait pages; an offset such as
// +01:00 is read). docs/asl-coverage.md, Wait and Choice rules.
std::optional<Timestamp> parse_asl_timestamp(std::string_view text);

// Evaluates `path` (dataflow/path.h) and checks its result against `type`; `field` names the
// field in the message ("SecondsPath", "ItemsPath", …).
Result<Json> evaluate_path_as(std::string_view field, std::string_view path, const Json& input,
                              const PathContext& context, const PathType& type);

// The check alone, for a value the caller selected itself (an intrinsic function's result,
// a path already evaluated): `value` itself when it fits, else the error above.
Result<Json> require_type(std::string_view field, std::string_view path, Json value,
                          const PathType& type);

// Whether `value` has `type`, and the type in words ("an integer from 1 to 99999999").
bool has_type(const Json& value, const PathType& type);
std::string describe(const PathType& type);

}  // namespace conflictctl::dataflow

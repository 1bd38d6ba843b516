#pragma once
// The 18 intrinsic functions of ASL: how many arguments each takes and what it computes
// from their values. Parsing lives in intrinsic_parser.h; intrinsics.h evaluates the
// arguments and calls these.
//
// Argument errors are States.Runtime with the cause "Invalid arguments in States.<Name>: …",
// the name and wording Step Functions uses (observed executions fail with
// "States.Runtime: Invalid arguments in States.MathAdd"); the text after the colon says
// what was wrong. Numbers are coerced to integers the way AWS does: States.MathAdd rounds
// half up; States.ArrayRange, States.ArrayPartition, States.ArrayGetItem and
// States.MathRandom truncate toward zero.
#include <cstddef>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/json.h"
#include "core/random.h"
#include "dataflow/intrinsic_parser.h"

namespace conflictctl::dataflow {

// One call being applied: its syntax node (States.Format reads its template as written),
// the values of its arguments, and the execution's randomness.
struct IntrinsicCall {
  const IntrinsicNode& node;
  const std::vector<Json>& arguments;
  Random& random;
};

struct IntrinsicFunction {
  std::string_view name;  // "States.Format"
  std::size_t min_arguments;
  std::size_t max_arguments;  // kUnlimited for States.Format and States.Array
  Result<Json> (*apply)(const IntrinsicCall& call);

  static constexpr std::size_t kUnlimited = static_cast<std::size_t>(-1);
};

// The function called `name`, or nullptr when there is none.
const IntrinsicFunction* find_intrinsic_function(std::string_view name);

// "2 arguments", "2 or 3 arguments", "at least 1 argument", "no arguments".
std::string describe_arity(const IntrinsicFunction& function);

}  // namespace conflictctl::dataflow

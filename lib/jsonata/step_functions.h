#pragma once
// The functions AWS Step Functions adds to JSONata (docs/jsonata.md quotes the AWS
// documentation), for Environment::functions:
//
//   $partition(array, size)       the array in chunks of `size` (the last may be shorter);
//                                 States.ArrayPartition's JSONata form.
//   $range(start, end, step)      start, start+step, … up to and including end (step may be
//                                 negative); at most 1,000 items, as States.ArrayRange.
//   $hash(data, algorithm)        hex digest of a string: "MD5", "SHA-1", "SHA-256",
//                                 "SHA-384", "SHA-512".
//   $random([seed])               uniform in [0, 1); with a seed, the same number for the
//                                 same seed. Replaces JSONata's own $random.
//   $uuid()                       a version 4 UUID.
//   $parse(text)                  the JSON value a string holds (Step Functions' answer to
//                                 $eval, which it does not offer).
//   $eval(…)                      fails: Step Functions does not offer JSONata's $eval.
//
// Failures are Errors named States.QueryEvaluationError, as Step Functions raises them.
// The functions hold `random` by reference: it must outlive every evaluation that uses them.
#include <functional>
#include <map>
#include <string>

#include "core/random.h"
#include "jsonata/jsonata.h"

namespace conflictctl::jsonata {

std::map<std::string, NativeFunction, std::less<>> step_functions_library(Random& random);

// States.ArrayRange's bound on the number of items.
inline constexpr std::size_t kMaxRangeItems = 1000;

}  // namespace conflictctl::jsonata

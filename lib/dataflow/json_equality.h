#pragma once
// JSON value equality as JSONPath filters and the array intrinsics need it.
//
// conflictctl::Json keeps object keys in insertion order, and its operator== compares that
// order too. Two JSON objects are the same value whatever the order of their keys, so these
// helpers compare through the key-sorted nlohmann::json. Numbers compare by value
// (1 == 1.0). Cost: one copy of each value.
#include <nlohmann/json.hpp>

#include "core/json.h"

namespace conflictctl::dataflow {

// The value with its object keys sorted; equal JSON values give equal keys (and a strict
// weak order, so it can index a std::set).
nlohmann::json sorted_key(const Json& value);

bool json_equal(const Json& a, const Json& b);

}  // namespace conflictctl::dataflow

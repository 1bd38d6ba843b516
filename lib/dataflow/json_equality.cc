#include "dataflow/json_equality.h"

namespace conflictctl::dataflow {

nlohmann::json sorted_key(const Json& value) { return nlohmann::json(value); }

bool json_equal(const Json& a, const Json& b) { return sorted_key(a) == sorted_key(b); }

}  // namespace conflictctl::dataflow

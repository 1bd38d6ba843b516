#pragma once
// The JSON value type used everywhere in conflictctl.
//
// An *ordered* JSON: objects keep their keys in insertion order, so a state's output
// prints in the order its Parameters template or its task wrote it, as AWS shows it.
#include <nlohmann/json.hpp>

namespace conflictctl {

using Json = nlohmann::ordered_json;

// Compact serialisation as AWS writes JSON strings inside history events
// (no spaces; non-ASCII kept as UTF-8; invalid UTF-8 replaced, never thrown).
std::string to_compact(const Json& value);

}  // namespace conflictctl

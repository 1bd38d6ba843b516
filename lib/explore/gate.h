#pragma once
// `explore --fail-on`: what of a Report (explore/explore.h) fails a CI gate.
//
// Kinds, as the option names them:
//   "unreachable"  a state or Catcher no scenario reaches
//   "uncaught"     an error that escapes every Catcher
//   "over-limit"   a scenario over the execution's TimeoutSeconds, EXPRESS's five minutes or a
//                  Lambda function's timeout
// Pure and thread-safe.
#include <string>
#include <vector>

#include "explore/explore.h"

namespace conflictctl::explore {

// One line for each kind in `fail_on` that the report has, in the order above:
//   "--fail-on unreachable: 3 unreachable states and 2 Catchers"
//   "--fail-on uncaught: 1 error escapes every Catcher"
//   "--fail-on over-limit: scenarios over Lambda timeout of export (900 s), …"
// Empty when the gate passes. Kinds other than those three are ignored.
std::vector<std::string> gate_findings(const Report& report,
                                       const std::vector<std::string>& fail_on);

}  // namespace conflictctl::explore

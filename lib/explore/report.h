#pragma once
// An explore Report (explore/explore.h) as text or JSON.
//
// Text, sections in this order, "none" when a section is empty:
//
//   conflict_report (STANDARD): 52 scenarios on the virtual clock (0 over --max-scenarios).
//
//   Outcomes (6), each with the smallest scenario that reaches it:
//     SUCCEEDED at PipelineSuccess  (28 scenarios)
//       507 s  baseline (no fault)
//     FAILED at ConfigValidationFailed: ConfigValidationError  (10 scenarios)
//       0 s  ValidateConfig: States.Timeout on every attempt
//     …
//
//   Unreachable states: none
//   Unreachable Catchers: none
//   Errors that escape every Catcher: none
//   Over a limit: none
//   Retriers that never fire: none
//
// JSON: {"state_machine", "type", "scenarios": {"run", "skipped"},
//        "outcomes": [{"end_state", "status", "error", "scenarios",
//                      "smallest": {"scenario", "seconds"},
//                      "test_case": its name in --emit-mocks' file}],
//        "unreachable_states": [{"state", "in", "reason"}],
//        "unreachable_catchers": [{"state", "catcher", "error_equals", "next", "pointer",
//                                  "reason"}],
//        "escaping_errors": [{"error", "state", "smallest": {...}}],
//        "over_limits": [{"limit", "scenarios", "longest_seconds", "smallest": {...}}],
//        "idle_retriers": [{"state", "retrier", "reason"}]}
// Pure and thread-safe.
#include <string>

#include "core/json.h"
#include "explore/explore.h"

namespace conflictctl::explore {

std::string format_text(const Report& report);
Json to_json(const Report& report);

}  // namespace conflictctl::explore

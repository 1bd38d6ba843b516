#pragma once
// `db inspect`: the source data as the tasks read it — what the seven rules and the
// in-service/PTO search skip or treat specially (docs/conflict-rules.md), counted, with a few
// examples each, so that a user knows before the first run why a conflict they expect will not
// appear.
//
// Each finding is one SELECT (kFindings below) whose conditions are those of the tasks' SQL:
// the eligibility views of migrations/0002 (SSN trimmed of spaces, not blank, not excluded;
// provider active, not demo, not excluded by either id), the window, the GPS regular expression
// and the address choice of tasks/pair_search/pair_search.sql, the actuals the rules and
// tasks/pair_search/session_search.sql need. Visit findings count the visits of the window
// (the others are counted once, as "outside the window"); a visit can be under several.
// Read-only: one REPEATABLE READ transaction, so every count is of the same snapshot.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "conflict/window.h"
#include "core/error.h"
#include "core/steps.h"
#include "db/database.h"
#include "db/sql_template.h"

namespace conflictctl::conflict {

struct InspectFinding {
  std::string_view name;    // stable key, e.g. "unusable_ssn"
  std::string_view what;    // what is counted: "visits whose caregiver's SSN is blank or NULL"
  std::string_view effect;  // what the tasks do with them: "never paired"
  std::int64_t count = 0;
  std::vector<std::string> examples;  // at most InspectOptions::examples, smallest first
};

struct InspectReport {
  Window window;
  std::int64_t visits = 0;            // every row of analytics.visit
  std::int64_t window_visits = 0;     // those in the window
  std::vector<InspectFinding> findings;  // in kFindings' order, zero counts included
};

// How many examples each finding lists. Default: 3.
inline constexpr std::size_t kDefaultInspectExamples = 3;

// Counts every finding on `session` (opens its own read-only transaction). `steps`, when
// given, hears one step per finding.
Result<InspectReport> inspect_source(db::Session& session, const db::Schemas& schemas,
                                     Date today,
                                     std::size_t examples = kDefaultInspectExamples,
                                     StepObserver* steps = nullptr);

}  // namespace conflictctl::conflict

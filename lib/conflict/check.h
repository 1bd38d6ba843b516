#pragma once
// `conflictctl db check`: the independent check of conflict.conflictvisitmaps against the
// rules of docs/conflict-rules.md, evaluated in C++ (conflict/rules.h).
//
// It reads the raw tables with plain SELECTs of columns — the only SQL conditions are the
// window on visit_date and the joins that fetch the caregiver SSN of each visit and session —
// and does every filter and rule in C++:
//   settings, mph, excluded_ssn, excluded_agency, provider   (small, read whole)
//   conflictvisitmaps of the window                          (streamed through a cursor)
//   deleted_visit                                            (streamed, ids kept)
//   inservice ⋈ caregiver (ssn), absence ⋈ caregiver (ssn)   (streamed, kept whole: about
//                                                             two of each per person)
//   visit of the window ⋈ caregiver (ssn)                    (streamed)
//   patient_address                                          (streamed; only the best row
//                                                             per patient of a candidate
//                                                             group is kept)
// all in one REPEATABLE READ, READ ONLY transaction (one snapshot). Eligible visits are
// grouped by (trimmed SSN, visit_date); every candidate pair of a group is evaluated in both
// modes, and then (the last section of docs/conflict-rules.md):
//   - a row with status U must be a current conflict under the update rules, with the same
//     seven flags, minute_diff, avg_mph, and distance_miles/eta_minutes within the tolerance;
//   - a current conflict under the insert rules (no missed side, rules 1/4 for today and
//     later) must have a row in each orientation, and that row must be open (not R or D;
//     W, I and N rows are only checked for existence) — unless a side is in
//     analytics.deleted_visit (a visit that is deleted but still in analytics.visit): the
//     next rule wants such rows closed, so no open row is required;
//   - a row with status U may not have a side that is missed (per analytics.visit now) or in
//     analytics.deleted_visit. Such a row gets this one difference only (its fields are not
//     compared: it should be closed).
// Rows carrying in-service or PTO data (in_service_flag or pto_flag 'Y', or any of the
// inservice_*/pto_* times) are *session rows* (flags 8 and 9): as each eligible visit of the
// insert rules with actuals is read, the sessions it meets are found through an index of the
// eligible sessions by SSN (and its own caregiver record's sessions, which skip a kind), and
// the meetings are compared with the session rows in the same three ways: every meeting
// needs its two rows, open (the session-first row only when the session's start date is in
// the window; none when a side is listed as deleted); a U session row must be a meeting, with
// the flags, visit_date, the session side's times and both provider ids of the meeting; and it
// may not have a missed or deleted visit side. Sessions and session rows are few next to
// visits and pairs.
//
// Cost (measured: 1,000,000 visits of the window, 500,000 map rows, 620,000 candidate pairs):
// 22–25 s (about 10 s of it CPU here) and 570 MB peak, i.e. about 0.5 kB per visit; rows are
// fetched 20,000 at a time.
// Thread safety: uses `session` from the calling thread only.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "conflict/rules.h"
#include "conflict/window.h"
#include "core/error.h"
#include "core/steps.h"
#include "db/database.h"
#include "db/sql_template.h"

namespace conflictctl::conflict {

// A value in a table that the checker cannot read (e.g. a timestamp it does not parse, or
// conflict.settings without its row); the cause names the table, column and key.
inline constexpr std::string_view kCheckDataInvalid = "Check.DataInvalid";

struct CheckOptions {
  // How many differences the report lists (the first ones by visit_id, con_visit_id, kind,
  // field); all of them are counted. Default: 1000.
  std::size_t max_listed = 1000;
  // distance_miles and eta_minutes may differ from the C++ value by this many hundredths:
  // the SQL may round an intermediate value differently (e.g. PostgreSQL's numeric
  // 0.05/24*60 is 0.1249999… → 0.12, the exact value 0.125 → 0.13). Flags, avg_mph and
  // minute_diff are always compared exactly. Default: 1 (0.01).
  rules::Hundredths decimal_tolerance = 1;
  // Told of each step as it goes ("reading visits", …, "checking open rows"), e.g. to show
  // progress; null: no one. Not owned.
  StepObserver* steps = nullptr;
};

enum class DifferenceKind {
  kMissingRow,                  // an insert-mode conflict or a meeting without an open row
  kUnexpectedOpenRow,           // a U row whose pair is not an update-mode conflict/a meeting
  kFieldMismatch,               // a U row with a flag or derived/session field that differs
  kOpenWithMissedOrDeletedSide  // a U row with a missed or deleted side
};
inline constexpr std::size_t kDifferenceKindCount = 4;

// "missing row", "unexpected open row", "field mismatch",
// "open row with missed or deleted side".
std::string_view kind_name(DifferenceKind kind);

struct Difference {
  std::string visit_id;      // the row's (or the expected row's) V1
  std::string con_visit_id;  // its V2
  DifferenceKind kind;
  std::string field;     // the column that differs; "" when the whole row is meant
  std::string expected;  // as the column would hold it ("Y", "10.36", "NULL", …)
  std::string actual;
  std::string detail;  // why, in words (which rules fired, which side is missed, …)

  friend bool operator<(const Difference& a, const Difference& b);
};

struct CheckCounts {
  std::int64_t visits = 0;            // visits of the window read
  std::int64_t eligible_visits = 0;   // eligible for the update task (missed included)
  std::int64_t candidate_pairs = 0;   // unordered candidate pairs
  std::int64_t update_conflicts = 0;  // unordered pairs with a flag under the update rules
  std::int64_t insert_conflicts = 0;  // … under the insert rules (each needs two rows)
  std::int64_t session_meetings = 0;  // (visit, in-service or PTO session) meetings
  std::int64_t rows_checked = 0;      // map rows of the window read
  std::int64_t open_rows = 0;         // of them with status U
  std::int64_t session_rows = 0;      // of them in-service / PTO rows
};

struct CheckReport {
  Window window;
  CheckCounts counts;
  std::int64_t difference_count = 0;
  std::array<std::int64_t, kDifferenceKindCount> by_kind{};  // index = DifferenceKind
  std::vector<Difference> differences;                       // sorted; at most options.max_listed

  bool ok() const { return difference_count == 0; }
};

// Checks the map rows of the window of `today` in `schemas`. Errors: the session's
// (Database.*), Database.SchemaMismatch when the schema is not at db::kSchemaVersion, and
// Check.DataInvalid for a value it cannot read.
Result<CheckReport> check_conflicts(db::Session& session, const db::Schemas& schemas, Date today,
                                    const CheckOptions& options = {});

}  // namespace conflictctl::conflict

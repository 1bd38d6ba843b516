#pragma once
// `conflictctl db seed`: a deterministic synthetic data set in the shape of the lean data model
// (docs/database.md, "Schema and versions"; sql/migrations/0001_init.sql), loaded into a
// database whose schema is current. docs/seed-data.md describes the data set for users.
//
// What it holds, for --visits N (N rows of analytics.visit, exactly):
//   - agencies: max(12, min(2000, N / 2500)); 5 % inactive, 3 % demo, 3 % excluded
//     (conflict.excluded_agency: two thirds by provider_id, a third by app_provider_id only,
//     plus one row for an agency that does not exist); 1–3 offices and 2–4 payers each.
//   - payers: max(6, min(200, N / 25000)), 10 % inactive, 5 % demo; 1–3 contracts each.
//   - persons (SSNs): as many as it takes to reach N visits, ~55 visits each over 10–30 work
//     days; 50 % work for one agency, 35 % for two, 15 % for three, with one
//     analytics.caregiver row per agency sharing the SSN (3 % of them padded with spaces).
//     0.5 % of persons have NULL SSNs, 0.5 % blank ones, 0.5 % an SSN in conflict.excluded_ssn.
//   - patients: about N / 40, each agency's spread over 14 Pennsylvania cities × 8 zip areas;
//     every patient has one current address (newest primary, type containing "GPS"; 3 %
//     without lat/lon, 2 % without zip) and some decoys (older primary, newer non-primary,
//     newer primary "Home", newer primary "gps" (the match is case-sensitive), same created_at
//     with a smaller address_id).
//   - visits over today − 2 years … today + 45 days (conflict/window.h), several a day per
//     person (conflict/seed_visits.h); planted conflicts and near misses on 20 % of the days
//     of persons with ≥ 2 agencies (shares in conflict/seed_plan.h): about 0.7 % of all visits
//     per rule, 5 % of visits in all.
//   - N / 100 deleted visit ids (not in analytics.visit); 0–2 in-service sessions and 0–2
//     absences per person, half of them on a day the person works.
//   - conflict.settings: its one row, extra_distance_per 1.20 (roads 20 % longer than the
//     great circle), in_progress_flag 2 (no run in progress). conflict.mph: 0–4 mi 12 mph,
//     5–14 mi 20 mph, 15–29 mi 30 mph, 30+ mi 45 mph.
// The map tables (conflictvisitmaps, its _temp, conflicts, payer_provider_reminders) are left
// empty for the tasks to fill. Ids are GUID texts; visit and caregiver ids are sequential ones,
// and visits are written in (caregiver_id, visit_date) order (conflict/seed_format.h).
//
// Determinism: the rows are a pure function of (visits, seed, today) — on every machine, since
// every draw is integer arithmetic on a seeded mt19937_64 (conflict/seed_random.h).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "conflict/seed_plan.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/steps.h"
#include "db/database.h"
#include "db/sql_template.h"

namespace conflictctl::conflict {

using seed::SeedOptions;

struct SeedTableReport {
  std::string table;  // "analytics.visit" (the configured schema names)
  std::int64_t rows = 0;
  double seconds = 0;  // its COPY
};

struct SeedReport {
  std::vector<SeedTableReport> tables;  // in loading order
  std::int64_t persons = 0;
  // Planted days per seed::Scenario whose two agencies and SSN are eligible for pairing
  // (the rest are planted at inactive, demo or excluded agencies, or with unusable SSNs, and
  // must not be raised). Index: static_cast<int>(Scenario).
  std::array<std::int64_t, seed::kScenarioCount> eligible_planted{};
  double load_seconds = 0;     // the transaction: truncate, generate and COPY, commit
  double analyze_seconds = 0;  // ANALYZE afterwards
  double seconds = 0;          // all of it
};

// A table the seed empties, and the rows it holds now.
struct SeedTarget {
  std::string table;  // "analytics.visit" (the configured schema names)
  std::int64_t rows = 0;
};

// The tables seed_database empties, in that order, with their exact row counts: what
// `db seed --dry-run` shows. Reads only (one snapshot). Database.SchemaMismatch when the
// schema is not current.
Result<std::vector<SeedTarget>> seed_targets(db::Session& session, const db::Schemas& schemas);

// The schemas hold data: a row in any table the seed empties but conflict.settings, whose one
// row `db init` writes.
bool holds_data(const std::vector<SeedTarget>& targets, const db::Schemas& schemas);

// How long the seed's TRUNCATE may wait for a table lock (a reader such as `db check`)
// before it fails with Database.Busy.
inline constexpr int kSeedLockTimeoutMillis = 30000;

// Seeds `schemas`: checks the options (seed::kInvalidOptions) and that the schema is current
// (Database.SchemaMismatch, db/schema.h); then in one transaction takes the run lock
// exclusively (conflict/run_lock.h: a running task holds it, so the seed fails at once with
// Database.Busy, "db seed: another conflictctl task is running against schema …", instead of
// queueing its TRUNCATE behind the task and every task behind it), sets lock_timeout to
// kSeedLockTimeoutMillis, refuses with seed::kNotEmpty when the tables hold data (holds_data)
// and options.force is false — the cause lists the tables with rows —, empties the analytics
// tables and every conflict table but schema_version (TRUNCATE … RESTART IDENTITY), and COPYs
// each table, streaming the rows as they are generated (the tables that grow with --visits
// lose their indexes and constraints-with-indexes for the COPY and get them back, exactly as
// the catalog defined them, before the commit); after the commit it ANALYZEs the tables. On any
// error the transaction is rolled back and nothing changed. `clock` measures the report's seconds
// only. `steps`, if any, is told of each step as it goes: "emptying the tables", each table
// (its result "N rows"), "ANALYZE". Single-threaded; the session must not be in a transaction.
Result<SeedReport> seed_database(db::Session& session, const db::Schemas& schemas,
                                 const SeedOptions& options, const Clock& clock,
                                 StepObserver* steps = nullptr);
Result<SeedReport> seed_database(db::Session& session, const db::Schemas& schemas,
                                 const SeedOptions& options);

// Planted days per scenario, eligible ones only (as SeedReport::eligible_planted).
std::array<std::int64_t, seed::kScenarioCount> eligible_planted(const seed::SeedPlan& plan);

}  // namespace conflictctl::conflict

#pragma once
// The plan of the synthetic data set (conflict/seed.h): every entity except the visits
// themselves — agencies, payers, contracts, offices, patients, persons and their caregiver
// records — and, per person, the days they work with what happens on each day (a normal day,
// a planted conflict of one kind, or a near miss). The visits are generated from it day by
// day (conflict/seed_visits.h). A plan for 1,000,000 visits takes a few megabytes.
//
// Everything is a pure function of SeedOptions: same visits, seed and today ⇒ same plan.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conflict/seed_geo.h"
#include "conflict/window.h"
#include "core/error.h"

namespace conflictctl::conflict::seed {

struct SeedOptions {
  std::int64_t visits = 0;  // rows of analytics.visit; exactly this many are generated
  std::uint64_t seed = 1;   // Default: 1
  Date today{};             // the window is today − 2 years … today + 45 days
  // Empty the tables even when they hold data (`db seed --force`). Default: refuse with
  // kNotEmpty. Changes no row the seed writes.
  bool force = false;
};

inline constexpr std::int64_t kMaxVisits = 100'000'000;

// The error name of options out of range (check_options).
inline constexpr std::string_view kInvalidOptions = "Seed.InvalidOptions";
// The error name of a seed refused because the tables hold data and force is false.
inline constexpr std::string_view kNotEmpty = "Seed.DatabaseNotEmpty";

// What a person's day holds. Planted conflicts and near misses are two visits of one person
// on one day at two different agencies; a normal day has 1–5 visits that do not conflict.
enum class Scenario : std::uint8_t {
  kNormal,
  // Planted conflicts, one kind per rule of docs/conflict-rules.md.
  kSameSchedule,          // rule 1: future, no actuals, equal schedules
  kSameVisitTime,         // rule 2: past, equal actual times (to the second)
  kScheduleSameAsVisit,   // rule 3: past, one side unconfirmed whose schedule = other's actuals
  kOverlappingSchedules,  // rule 4: future, schedules overlap
  kOverlappingVisits,     // rule 5: past, actual times overlap
  kScheduleOverVisit,     // rule 6: past, unconfirmed schedule overlaps other's actuals
  kImpossibleTravel,      // rule 7: past, far apart, gap shorter than the ETA (see below)
  // Near misses: look like a conflict, raise no flag.
  kTouchingSchedules,    // future, S1 ends when S2 starts
  kTouchingVisits,       // past, A1 ends when A2 starts (or an unconfirmed schedule does),
                         // far apart: gap 0 is no travel gap
  kTravelGapJustEnough,  // past, far apart, gap = ⌈ETA⌉ minutes
  kOnBandEdge,           // past, distance exactly 5.00/15.00/30.00 mi (the faster band),
                         // gap = ETA exactly (15/30/40 min)
  kSameZip,              // past, far apart by GPS, short gap, but both patients' zip is equal
  kHalfFilledOverlap,    // past, overlap with a visit that has a start but no end
};
inline constexpr int kScenarioCount = 14;

std::string_view scenario_name(Scenario scenario);
// The rule (1–7) a planted conflict raises; 0 for normal days and near misses.
int planted_rule(Scenario scenario);
bool is_near_miss(Scenario scenario);
// Planted on a date ≥ today (rules 1 and 4 are raised for today and the future only).
bool needs_future_date(Scenario scenario);

// Variants of kImpossibleTravel (share of its days): ordinary far apart, gap well under the
// ETA (50 %); gap = ⌈ETA⌉ − 1 (20 %); distance 0.01 mi under a band edge (4.99/14.99/29.99 mi,
// the slower band) with gap = ⌈ETA⌉ − 1 (30 %).
enum class TravelVariant : std::uint8_t { kOrdinary, kJustUnderEta, kUnderBandEdge };

// ---- shares (documented in docs/seed-data.md; tests check they are honoured)

// Persons working for 1, 2 and 3 agencies; only the last two can have cross-agency conflicts.
inline constexpr double kAgencyCountWeights[] = {0.50, 0.35, 0.15};
// Share of the days of a person with ≥ 2 agencies that hold each planted conflict kind, and each
// near-miss kind. With ~2.8 visits on a normal day this makes each kind ≈ 0.7 % of all visits
// (≈ 5 % of visits in a planted conflict), near misses ≈ 0.35 % each.
inline constexpr double kConflictDayShare = 0.02;
inline constexpr double kNearMissDayShare = 0.01;
// Visits on a normal day: 1–5.
inline constexpr double kVisitsPerDayWeights[] = {0.10, 0.30, 0.35, 0.20, 0.05};
// Work days per person in the window: uniform 10–30.
inline constexpr int kMinWorkDays = 10, kMaxWorkDays = 30;

// ---- entities

// analytics.service_code: a fixed list of home-care procedure codes.
inline constexpr std::string_view kServiceCodes[] = {"T1019", "S5125", "G0156", "T1020",
                                                     "S5130", "99509", "G0299", "G0300",
                                                     "T1005", "S9122", "S5150", "T2025"};
inline constexpr int kServiceCodeCount = 12;

enum class Exclusion : std::uint8_t { kNone, kByProviderId, kByAppProviderId };

struct ProviderPlan {
  std::string id, app_id, name, federal_tax_number, phone;
  bool active = true, demo = false;
  Exclusion excluded = Exclusion::kNone;
  int first_office = 0, office_count = 0;
  std::vector<int> payers;  // indices into SeedPlan::payers (analytics.payer_provider)
  // Takes part in pairing (docs/conflict-rules.md "Eligible visits").
  bool eligible() const { return active && !demo && excluded == Exclusion::kNone; }
};

struct PayerPlan {
  std::string id, app_id, name;
  bool active = true, demo = false;
  int first_contract = 0, contract_count = 0;
};

struct ContractPlan {
  std::string id, app_id, name;
  bool active = true;
};

struct OfficePlan {
  std::string id, app_id, name;
  bool active = true;
};

// A provider-side patient: patient k belongs to provider k % providers, lives in row
// k / providers; a row fixes the city and zip area, so patients of one row at different
// agencies share a zip.
struct PatientPlan {
  std::string patient_id, provider_patient_id, app_provider_patient_id, payer_patient_id,
      app_payer_patient_id;
  MicroPoint home;          // where its visits' GPS points are
  int city = 0, zip = 0;    // zip area index in the city
  bool coordinates = true;  // false: its current address has NULL lat/lon
  bool zip_known = true;    // false: its current address has NULL zip
  std::uint8_t decoys = 0;  // kDecoy* bits: the other addresses it has
};
inline constexpr std::uint8_t kDecoyOlderPrimary = 1;    // older primary GPS address elsewhere
inline constexpr std::uint8_t kDecoyNewerSecondary = 2;  // newer GPS address, not primary
inline constexpr std::uint8_t kDecoyNewerHome = 4;       // newer primary address, type "Home"
inline constexpr std::uint8_t kDecoySameTime = 8;        // same created_at, smaller address_id

enum class SsnKind : std::uint8_t { kUsable, kNull, kBlank, kExcluded };

struct CaregiverPlan {
  std::string id, app_id, code;
  std::optional<std::string> ssn;  // as stored: NULL, blank, padded with spaces, or plain
  int person = 0, provider = 0;
  std::uint8_t first_name = 0, last_name = 0, status = 0;
};

struct DayPlan {
  std::int32_t date = 0;  // days since 1970-01-01
  Scenario scenario = Scenario::kNormal;
  std::uint8_t visits = 0;
  // A planted day's two agencies: indices into the person's providers (first and second
  // visit of the pair).
  std::uint8_t slot_a = 0, slot_b = 0;
};

struct PersonPlan {
  std::string ssn;  // nine digits (trimmed); empty for kNull/kBlank
  SsnKind ssn_kind = SsnKind::kUsable;
  int home_city = 0;
  int agency_count = 1;
  int providers[3] = {0, 0, 0};
  int caregivers[3] = {0, 0, 0};               // indices into SeedPlan::caregivers, same order
  std::uint32_t first_day = 0, day_count = 0;  // slice of SeedPlan::days
  std::int64_t first_visit = 0;                // ordinal of its first visit
};

struct SeedPlan {
  SeedOptions options;
  Window window;
  std::vector<ProviderPlan> providers;
  std::vector<PayerPlan> payers;
  std::vector<ContractPlan> contracts;
  std::vector<OfficePlan> offices;
  int patient_rows = 0;  // rows per provider; a multiple of kCityCount
  std::vector<PatientPlan> patients;
  std::vector<PersonPlan> persons;
  std::vector<CaregiverPlan> caregivers;
  std::vector<DayPlan> days;
  std::int64_t visits = 0;  // = options.visits

  // Patient index of row `row` at provider `provider`.
  int patient(int row, int provider) const {
    return row * static_cast<int>(providers.size()) + provider;
  }
  std::int64_t deleted_visits() const;
};

// Checks the options (visits 1 … kMaxVisits, a valid date in the years 1900–9000):
// kInvalidOptions with a cause that names the option.
Result<void> check_options(const SeedOptions& options);

// The plan for valid `options`.
SeedPlan make_plan(const SeedOptions& options);

}  // namespace conflictctl::conflict::seed

#pragma once
// The visits of the synthetic data set, generated day by day from the plan
// (conflict/seed_plan.h) so that a million rows never need to be in memory at once.
//
// A person's days are generated in order from one Random per person; a person's visits are a
// pure function of the plan and the seed. The cursor gives them person by person, each
// person's sorted by (caregiver record, date, scheduled start) and numbered in that order.
// Times are UTC wall-clock seconds since 1970.
//
// Per day (see Scenario): a normal day has 1–5 visits in sequence, each at one of the
// person's agencies, at least 90 scheduled minutes apart, all in the person's home city (no
// rule can fire between them); a planted day has the two visits of its scenario. Visits on a
// date before today are past: 90 % have actual times (EVV and GPS too), 4 % are missed, 3 %
// unconfirmed (no actuals, not missed), 3 % half-filled (start but no end). Visits from today
// on are scheduled only. GPS texts: 86 % "lat,lon", 8 % double-quoted, 3 % ",", 3 % NULL.
#include <cstdint>
#include <vector>

#include "conflict/seed_geo.h"
#include "conflict/seed_plan.h"
#include "core/random.h"

namespace conflictctl::conflict::seed {

inline constexpr std::int64_t kNoTime = INT64_MIN;

enum class GpsForm : std::uint8_t { kNull, kComma, kPlain, kQuoted };

struct Gps {
  GpsForm form = GpsForm::kNull;
  MicroPoint point;  // meaningful for kPlain and kQuoted
  bool known() const { return form == GpsForm::kPlain || form == GpsForm::kQuoted; }
};

enum class ContractType : std::uint8_t { kInternal, kUpr, kPayer };
enum class BillType : std::uint8_t { kHourly, kDaily, kVisit };

struct Visit {
  std::int64_t number = 0;  // ordinal 0 … visits − 1; the ids derive from it
  int person = 0, provider = 0, caregiver = 0, office = 0, patient = 0, service_code = 0;
  int payer = 0, contract = 0;  // indices; which ids are written depends on contract_type
  ContractType contract_type = ContractType::kUpr;
  std::int32_t date = 0;  // days since 1970-01-01
  Scenario scenario = Scenario::kNormal;
  std::int64_t sch_start = kNoTime, sch_end = kNoTime;
  std::int64_t visit_start = kNoTime, visit_end = kNoTime;
  std::int64_t evv_start = kNoTime, evv_end = kNoTime;
  Gps gps_in, gps_out;
  bool missed = false;
  bool billed = false;
  BillType bill_type = BillType::kHourly;
  std::int64_t billed_hours_cents = 0, billed_rate_cents = 0;
  std::int64_t non_billed_rate_cents = -1;  // −1: NULL
  std::int64_t invoice_date = kNoTime;

  bool has_actuals() const { return visit_start != kNoTime && visit_end != kNoTime; }
  bool has_no_actuals() const { return visit_start == kNoTime && visit_end == kNoTime; }
};

// Walks the plan's visits in order (see above); holds one person's visits at a time.
// Not thread-safe; cheap to create (one per pass). `plan` must outlive it.
class VisitCursor {
 public:
  explicit VisitCursor(const SeedPlan& plan);
  // Fills `visit` with the next visit; false after the last one.
  bool next(Visit& visit);

 private:
  bool next_person();

  const SeedPlan& plan_;
  std::size_t person_ = 0;
  std::int64_t number_ = 0;
  Random random_;
  std::vector<Visit> buffer_;
  std::size_t position_ = 0;
};

// The visits of one planned day, appended to `out` (not numbered); `random` is the person's
// day stream. VisitCursor's building block.
void generate_day(const SeedPlan& plan, const PersonPlan& person, const DayPlan& day,
                  Random& random, std::vector<Visit>& out);

}  // namespace conflictctl::conflict::seed

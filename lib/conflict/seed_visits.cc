#include "conflict/seed_visits.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <utility>

#include "conflict/seed_format.h"
#include "conflict/seed_random.h"

namespace conflictctl::conflict::seed {

namespace {

constexpr std::int64_t kMinute = 60;
constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kDurations[] = {60, 90, 120, 180, 240};  // scheduled minutes

// Cities whose centres are at least 45 road miles apart: every point is within about 5 road
// miles of its centre, so a leg between them is over 35 miles and its ETA over 46 minutes.
const std::vector<int>& far_cities(int home) {
  static const auto table = [] {
    std::array<std::vector<int>, kCityCount> far;
    for (int a = 0; a < kCityCount; ++a)
      for (int b = 0; b < kCityCount; ++b)
        if (raw_miles(city(a).center, city(b).center) >= 45) far[a].push_back(b);
    return far;
  }();
  return table[home];
}

MicroPoint jitter(Random& random, MicroPoint point, std::int32_t micro) {
  return {point.lat + static_cast<std::int32_t>(pick(random, -micro, micro)),
          point.lon + static_cast<std::int32_t>(pick(random, -micro, micro))};
}

// A call-in/out GPS text near `point`, in its everyday forms.
Gps everyday_gps(Random& random, MicroPoint point) {
  static constexpr double kForms[] = {0.86, 0.08, 0.03, 0.03};
  static constexpr GpsForm kFormOf[] = {GpsForm::kPlain, GpsForm::kQuoted, GpsForm::kComma,
                                        GpsForm::kNull};
  Gps gps;
  gps.form = kFormOf[weighted(random, kForms)];
  gps.point = jitter(random, point, 800);
  return gps;
}

// A GPS text that is exactly `point` (a planted leg's end).
Gps exact_gps(Random& random, MicroPoint point) {
  return Gps{chance(random, 0.15) ? GpsForm::kQuoted : GpsForm::kPlain, point};
}

std::int64_t duration(Random& random, std::int64_t max_minutes = 240) {
  std::int64_t d;
  do d = kDurations[pick(random, 0, std::size(kDurations) - 1)];
  while (d > max_minutes);
  return d * kMinute;
}

class DayBuilder {
 public:
  DayBuilder(const SeedPlan& plan, const PersonPlan& person, const DayPlan& day, Random& random,
             std::vector<Visit>& out)
      : plan_(plan),
        person_(person),
        day_(day),
        random_(random),
        out_(out),
        first_index_(out.size()),
        midnight_(static_cast<std::int64_t>(day.date) * kDay),
        today_(std::chrono::sys_days{plan.window.today}.time_since_epoch().count()) {}

  void build() {
    switch (day_.scenario) {
      case Scenario::kNormal: normal(); break;
      case Scenario::kSameSchedule: same_schedule(); break;
      case Scenario::kSameVisitTime: same_visit_time(); break;
      case Scenario::kScheduleSameAsVisit: schedule_same_as_visit(); break;
      case Scenario::kOverlappingSchedules: overlapping_schedules(); break;
      case Scenario::kOverlappingVisits: overlapping_visits(); break;
      case Scenario::kScheduleOverVisit: schedule_over_visit(); break;
      case Scenario::kImpossibleTravel: impossible_travel(); break;
      case Scenario::kTouchingSchedules: touching_schedules(); break;
      case Scenario::kTouchingVisits: touching_visits(); break;
      case Scenario::kTravelGapJustEnough: travel_gap_just_enough(); break;
      case Scenario::kOnBandEdge: on_band_edge(); break;
      case Scenario::kSameZip: same_zip(); break;
      case Scenario::kHalfFilledOverlap: half_filled_overlap(); break;
    }
    for (std::size_t i = first_index_; i < out_.size(); ++i) bill(out_[i]);
  }

 private:
  bool past() const { return day_.date < today_; }

  // A patient of `provider` in `city_index`.
  int patient_in(int provider, int city_index) {
    int rows_per_city = plan_.patient_rows / kCityCount;
    int row = city_index + kCityCount * static_cast<int>(pick(random_, 0, rows_per_city - 1));
    return plan_.patient(row, provider);
  }

  Visit& add(int slot, int patient = -1) {
    const int provider_index = person_.providers[slot];
    const ProviderPlan& provider = plan_.providers[provider_index];
    Visit visit;
    visit.person = static_cast<int>(&person_ - plan_.persons.data());
    visit.provider = provider_index;
    visit.caregiver = person_.caregivers[slot];
    visit.office =
        provider.first_office + static_cast<int>(pick(random_, 0, provider.office_count - 1));
    visit.patient = patient >= 0 ? patient : patient_in(provider_index, person_.home_city);
    visit.service_code = static_cast<int>(pick(random_, 0, kServiceCodeCount - 1));
    visit.payer =
        provider.payers[pick(random_, 0, static_cast<std::int64_t>(provider.payers.size()) - 1)];
    const PayerPlan& payer = plan_.payers[visit.payer];
    visit.contract =
        payer.first_contract + static_cast<int>(pick(random_, 0, payer.contract_count - 1));
    visit.contract_type = static_cast<ContractType>(weighted(random_, {0.20, 0.55, 0.25}));
    visit.date = day_.date;
    visit.scenario = day_.scenario;
    out_.push_back(visit);
    return out_.back();
  }

  MicroPoint home_of(const Visit& visit) const { return plan_.patients[visit.patient].home; }

  static void schedule(Visit& visit, std::int64_t start, std::int64_t end) {
    visit.sch_start = start;
    visit.sch_end = end;
  }

  // Actual times with EVV call times a little outside them and everyday GPS texts.
  void actuals(Visit& visit, std::int64_t start, std::int64_t end) {
    visit.visit_start = start;
    visit.visit_end = end;
    visit.evv_start = start - pick(random_, 0, 180);
    visit.evv_end = end + pick(random_, 0, 180);
    visit.gps_in = everyday_gps(random_, home_of(visit));
    visit.gps_out = everyday_gps(random_, home_of(visit));
  }

  // A start without an end, or (a third of them) an end without a start.
  void half_filled(Visit& visit, std::int64_t start, std::int64_t end) {
    if (chance(random_, 2.0 / 3)) {
      visit.visit_start = start;
      visit.evv_start = start - pick(random_, 0, 180);
      visit.gps_in = everyday_gps(random_, home_of(visit));
    } else {
      visit.visit_end = end;
      visit.evv_end = end + pick(random_, 0, 180);
      visit.gps_out = everyday_gps(random_, home_of(visit));
    }
  }

  // Seconds a confirmed time is off its schedule: whole minutes in [lo, hi] plus seconds.
  std::int64_t deviation(std::int64_t lo, std::int64_t hi, bool seconds = true) {
    return pick(random_, lo, hi) * kMinute + (seconds ? pick(random_, 0, 59) : 0);
  }

  // 07:00–12:00 on the quarter hour.
  std::int64_t planted_start() {
    return midnight_ + 7 * kHour + pick(random_, 0, 20) * 15 * kMinute;
  }

  void normal() {
    const int k = day_.visits;
    // Scheduled from 06:00 to 23:00 at the latest, ≥ 90 minutes between visits.
    const std::int64_t span = 17 * 60 - 180 - 90 * (k - 1);
    const std::int64_t budget = span / k;
    std::array<std::int64_t, 5> minutes{};
    std::int64_t leftover = span;
    for (int i = 0; i < k; ++i) {
      minutes[i] = duration(random_, std::max<std::int64_t>(60, budget)) / kMinute;
      leftover -= minutes[i];
    }
    std::int64_t t = midnight_ + 6 * kHour +
                     pick(random_, 0, std::min<std::int64_t>(12, leftover / 15)) * 15 * kMinute;
    leftover -= (t - midnight_ - 6 * kHour) / kMinute;
    static constexpr double kPastStates[] = {0.90, 0.04, 0.03, 0.03};
    for (int i = 0; i < k; ++i) {
      Visit& visit = add(static_cast<int>(pick(random_, 0, person_.agency_count - 1)));
      std::int64_t end = t + minutes[i] * kMinute;
      schedule(visit, t, end);
      if (past()) {
        switch (weighted(random_, kPastStates)) {
          case 0: actuals(visit, t + deviation(-10, 14), end + deviation(-15, 9)); break;
          case 1: visit.missed = true; break;
          case 2: break;  // unconfirmed
          default: half_filled(visit, t + deviation(-10, 14), end + deviation(-15, 9));
        }
      }
      std::int64_t extra =
          pick(random_, 0, std::min<std::int64_t>(4, std::max<std::int64_t>(0, leftover) / 15)) *
          15;
      leftover -= extra;
      t = end + (90 + extra) * kMinute;
    }
  }

  // ---- planted conflicts (two visits: slot_a then slot_b)

  void same_schedule() {
    std::int64_t start = planted_start(), end = start + duration(random_);
    schedule(add(day_.slot_a), start, end);
    schedule(add(day_.slot_b), start, end);
  }

  void same_visit_time() {
    std::int64_t start = planted_start(), end = start + duration(random_);
    std::int64_t a = start + deviation(-10, 14), b = end + deviation(-15, 9);
    Visit& first = add(day_.slot_a);
    schedule(first, start, end);
    actuals(first, a, b);
    Visit& second = add(day_.slot_b);
    std::int64_t shift = pick(random_, -1, 1) * 15 * kMinute;
    schedule(second, start + shift, end + shift);
    actuals(second, a, b);
  }

  void schedule_same_as_visit() {
    std::int64_t start = planted_start(), end = start + duration(random_);
    bool on_time = chance(random_, 0.5);
    std::int64_t a = on_time ? start : start + deviation(-10, 14, false);
    std::int64_t b = on_time ? end : end + deviation(-15, 9, false);
    Visit& first = add(day_.slot_a);
    schedule(first, start, end);
    actuals(first, a, b);
    schedule(add(day_.slot_b), a, b);  // unconfirmed
  }

  void overlapping_schedules() {
    std::int64_t start = planted_start(), length = duration(random_);
    std::int64_t offset = pick(random_, 1, length / (15 * kMinute) - 1) * 15 * kMinute;
    schedule(add(day_.slot_a), start, start + length);
    schedule(add(day_.slot_b), start + offset, start + offset + duration(random_));
  }

  void overlapping_visits() {
    std::int64_t start = planted_start(), end = start + duration(random_);
    std::int64_t a = start + deviation(-10, 14), b = end + deviation(-15, 9);
    Visit& first = add(day_.slot_a);
    schedule(first, start, end);
    actuals(first, a, b);
    // The second starts 5–60 minutes before the first ends.
    std::int64_t overlap_minutes =
        pick(random_, 5, std::min<std::int64_t>(60, (b - a) / kMinute - 1));
    std::int64_t a2 = b - overlap_minutes * kMinute - pick(random_, 0, 59);
    std::int64_t length = duration(random_);
    Visit& second = add(day_.slot_b);
    std::int64_t s2 = a2 - a2 % (15 * kMinute);
    schedule(second, s2, s2 + length);
    actuals(second, a2, a2 + length + deviation(-10, 10));
  }

  void schedule_over_visit() {
    std::int64_t start = planted_start(), length = duration(random_);
    // Seconds 1–59: the actuals can never equal a quarter-hour schedule (that would be rule 3).
    std::int64_t a = start + deviation(-10, 14, false) + pick(random_, 1, 59);
    std::int64_t b = start + length + deviation(-15, 9, false) + pick(random_, 1, 59);
    Visit& first = add(day_.slot_a);
    schedule(first, start, start + length);
    actuals(first, a, b);
    std::int64_t s2 = start + pick(random_, 1, length / (15 * kMinute) - 2) * 15 * kMinute;
    schedule(add(day_.slot_b), s2, s2 + duration(random_));  // unconfirmed
  }

  // ---- travel legs (rule 7 and its near misses)

  struct Leg {
    MicroPoint from, to;
    std::int64_t eta_cents = 0;
  };

  // The earlier visit at slot_a with a patient at home, the later at slot_b (patient given),
  // `gap_minutes` apart, with GPS exactly at the leg's ends.
  void travel_pair(const Leg& leg, int later_patient, std::int64_t gap_minutes,
                   int earlier_patient = -1) {
    std::int64_t start = midnight_ + 6 * kHour + pick(random_, 0, 8) * 15 * kMinute;
    std::int64_t length = duration(random_, 120);
    std::int64_t a = start + deviation(-5, 10, false),
                 b = start + length + deviation(-10, 5, false);
    Visit& first = add(day_.slot_a, earlier_patient);
    schedule(first, start, start + length);
    actuals(first, a, b);
    first.gps_out = exact_gps(random_, leg.from);
    first.gps_in = everyday_gps(random_, leg.from);
    std::int64_t a2 = b + gap_minutes * kMinute, length2 = duration(random_, 120);
    Visit& second = add(day_.slot_b, later_patient);
    std::int64_t s2 = a2 - pick(random_, 0, 10) * kMinute;
    schedule(second, s2, s2 + length2);
    actuals(second, a2, a2 + length2 + deviation(-10, 10, false));
    second.gps_in = exact_gps(random_, leg.to);
    second.gps_out = everyday_gps(random_, leg.to);
  }

  // A leg from near the earlier visit's patient to near the later one's, with a distance
  // that no float path can round differently.
  Leg leg_between(MicroPoint from_home, MicroPoint to_home) {
    for (;;) {
      Leg leg{jitter(random_, from_home, 800), jitter(random_, to_home, 800)};
      if (auto distance = stable_distance_cents(leg.from, leg.to)) {
        leg.eta_cents = eta_cents(*distance, mph_for(*distance));
        return leg;
      }
    }
  }

  int far_city() {
    const auto& far = far_cities(person_.home_city);
    return far[pick(random_, 0, static_cast<std::int64_t>(far.size()) - 1)];
  }

  // A gap well under the ETA: 10–90 minutes, at least 5 under.
  std::int64_t short_gap(const Leg& leg) {
    std::int64_t limit = std::min<std::int64_t>(90, leg.eta_cents / 100 - 5);
    return pick(random_, std::min<std::int64_t>(10, limit), limit);
  }

  static std::int64_t ceil_minutes(std::int64_t cents) { return (cents + 99) / 100; }

  // A leg of exactly `distance_cents` from near the home patient, heading inland; the later
  // visit's patient lives in another city, so the zips differ.
  void band_edge_pair(std::int64_t distance_cents, bool conflict) {
    int earlier = patient_in(person_.providers[day_.slot_a], person_.home_city);
    Leg leg;
    for (;;) {
      leg.from = jitter(random_, plan_.patients[earlier].home, 800);
      if (auto to = point_at_distance(leg.from, city(person_.home_city).inland, distance_cents)) {
        leg.to = *to;
        break;
      }
    }
    leg.eta_cents = eta_cents(distance_cents, mph_for(distance_cents));
    int later = patient_in(person_.providers[day_.slot_b], (person_.home_city + 1) % kCityCount);
    std::int64_t gap = conflict ? ceil_minutes(leg.eta_cents) - 1 : leg.eta_cents / 100;
    travel_pair(leg, later, gap, earlier);
  }

  std::int64_t band_edge_miles() {
    static constexpr std::int64_t kEdges[] = {5, 15, 30};
    return kEdges[pick(random_, 0, 2)];
  }

  void impossible_travel() {
    static constexpr double kVariants[] = {0.50, 0.20, 0.30};
    auto variant = static_cast<TravelVariant>(weighted(random_, kVariants));
    if (variant == TravelVariant::kUnderBandEdge) {
      band_edge_pair(band_edge_miles() * 100 - 1, true);
      return;
    }
    int earlier = patient_in(person_.providers[day_.slot_a], person_.home_city);
    int later = patient_in(person_.providers[day_.slot_b], far_city());
    Leg leg = leg_between(plan_.patients[earlier].home, plan_.patients[later].home);
    std::int64_t gap =
        variant == TravelVariant::kOrdinary ? short_gap(leg) : ceil_minutes(leg.eta_cents) - 1;
    travel_pair(leg, later, gap, earlier);
  }

  // ---- near misses

  void touching_schedules() {
    std::int64_t start = planted_start(), middle = start + duration(random_);
    schedule(add(day_.slot_a), start, middle);
    schedule(add(day_.slot_b), middle, middle + duration(random_));
  }

  void touching_visits() {
    std::int64_t start = planted_start(), length = duration(random_);
    bool both_confirmed = chance(random_, 0.5);
    std::int64_t a = start + deviation(-10, 14, both_confirmed);
    std::int64_t b = start + length + deviation(-15, 9, both_confirmed);
    Visit& first = add(day_.slot_a);
    schedule(first, start, start + length);
    actuals(first, a, b);
    int far = patient_in(person_.providers[day_.slot_b], far_city());
    Visit& second = add(day_.slot_b, far);
    std::int64_t length2 = duration(random_);
    if (both_confirmed) {
      schedule(second, b - b % (15 * kMinute), b - b % (15 * kMinute) + length2);
      actuals(second, b, b + length2);
    } else {
      schedule(second, b, b + length2);  // unconfirmed, starts when the first ends
    }
  }

  void travel_gap_just_enough() {
    int earlier = patient_in(person_.providers[day_.slot_a], person_.home_city);
    int later = patient_in(person_.providers[day_.slot_b], far_city());
    Leg leg = leg_between(plan_.patients[earlier].home, plan_.patients[later].home);
    travel_pair(leg, later, ceil_minutes(leg.eta_cents), earlier);
  }

  void on_band_edge() { band_edge_pair(band_edge_miles() * 100, false); }

  void same_zip() {
    // Patients of one row share their zip; both addresses must have one.
    const int provider_a = person_.providers[day_.slot_a],
              provider_b = person_.providers[day_.slot_b];
    int earlier = 0, later = 0;
    for (int attempt = 0;; ++attempt) {
      earlier = patient_in(provider_a, person_.home_city);
      later = earlier - provider_a + provider_b;
      if ((plan_.patients[earlier].zip_known && plan_.patients[later].zip_known) || attempt > 50)
        break;
    }
    MicroPoint far = zip_center(far_city(), static_cast<int>(pick(random_, 0, kZipsPerCity - 1)));
    Leg leg = leg_between(plan_.patients[earlier].home, far);
    travel_pair(leg, later, short_gap(leg), earlier);
  }

  void half_filled_overlap() {
    std::int64_t start = planted_start(), end = start + duration(random_);
    Visit& first = add(day_.slot_a);
    schedule(first, start, end);
    actuals(first, start + deviation(-10, 14), end + deviation(-15, 9));
    Visit& second = add(day_.slot_b);
    std::int64_t s2 = start + 30 * kMinute;
    schedule(second, s2, s2 + duration(random_));
    half_filled(second, s2 + deviation(-5, 5), second.sch_end + deviation(-5, 5));
  }

  // ---- billing (display only)

  void bill(Visit& visit) {
    static constexpr double kBillTypes[] = {0.80, 0.05, 0.15};
    visit.bill_type = static_cast<BillType>(weighted(random_, kBillTypes));
    bool actual = visit.has_actuals();
    std::int64_t seconds =
        actual ? visit.visit_end - visit.visit_start : visit.sch_end - visit.sch_start;
    visit.billed_hours_cents = (seconds / kMinute * 100 + 30) / 60;
    visit.billed_rate_cents = pick(random_, 1500, 3500);
    visit.non_billed_rate_cents = chance(random_, 0.7) ? pick(random_, 1500, 3500) : -1;
    if (actual && visit.date < today_ - 7 && chance(random_, 0.75)) {
      visit.billed = true;
      std::int64_t invoice = std::min<std::int64_t>(visit.date + pick(random_, 7, 30), today_);
      visit.invoice_date = invoice * kDay;
    }
  }

  const SeedPlan& plan_;
  const PersonPlan& person_;
  const DayPlan& day_;
  Random& random_;
  std::vector<Visit>& out_;
  std::size_t first_index_;
  std::int64_t midnight_;
  std::int32_t today_;
};

}  // namespace

void generate_day(const SeedPlan& plan, const PersonPlan& person, const DayPlan& day,
                  Random& random, std::vector<Visit>& out) {
  DayBuilder(plan, person, day, random, out).build();
}

VisitCursor::VisitCursor(const SeedPlan& plan) : plan_(plan), random_(0) {}

bool VisitCursor::next(Visit& visit) {
  while (position_ >= buffer_.size())
    if (!next_person()) return false;
  visit = buffer_[position_++];
  return true;
}

bool VisitCursor::next_person() {
  if (person_ >= plan_.persons.size()) return false;
  const PersonPlan& person = plan_.persons[person_];
  random_ = Random(stream_seed(plan_.options.seed, streams::kPersonDays, person_));
  buffer_.clear();
  position_ = 0;
  for (std::uint32_t d = 0; d < person.day_count; ++d)
    generate_day(plan_, person, plan_.days[person.first_day + d], random_, buffer_);
  // In (caregiver_id, visit_date) order — caregiver ids ascend with their index — and numbered
  // in that order, so the visit ids ascend too: both indexes are built from sorted input.
  std::stable_sort(buffer_.begin(), buffer_.end(), [](const Visit& a, const Visit& b) {
    if (a.caregiver != b.caregiver) return a.caregiver < b.caregiver;
    if (a.date != b.date) return a.date < b.date;
    return a.sch_start < b.sch_start;
  });
  for (Visit& visit : buffer_) visit.number = number_++;
  ++person_;
  return true;
}

}  // namespace conflictctl::conflict::seed

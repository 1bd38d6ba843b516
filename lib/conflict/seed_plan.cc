#include "conflict/seed_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "conflict/seed_format.h"
#include "conflict/seed_random.h"

namespace conflictctl::conflict::seed {

namespace {

constexpr std::string_view kAgencyWords[] = {
    "Keystone",    "Liberty",     "Allegheny",    "Susquehanna", "Lehigh",  "Brandywine",
    "Pocono",      "Laurel",      "Schuylkill",   "Delaware",    "Juniata", "Conestoga",
    "Monongahela", "Appalachian", "Commonwealth", "Penn"};
constexpr std::string_view kAgencyKinds[] = {"Home Care",       "Home Health",   "Caregivers",
                                             "Senior Services", "Care Partners", "Nursing Services",
                                             "Helping Hands",   "Companion Care"};
constexpr std::string_view kPayerNames[] = {"Medicaid Fee-for-Service",
                                            "UPMC Community HealthChoices",
                                            "PA Health & Wellness",
                                            "AmeriHealth Caritas",
                                            "Keystone First",
                                            "Aetna Better Health",
                                            "Highmark Wholecare",
                                            "Geisinger Health Plan",
                                            "Office of Long-Term Living",
                                            "Area Agency on Aging",
                                            "Private Pay",
                                            "VA Community Care"};

std::int32_t day_number(Date date) {
  return std::chrono::sys_days{date}.time_since_epoch().count();
}

// Share of a multi-agency person's days for each scenario (index = Scenario value).
double scenario_share(Scenario scenario) {
  if (scenario == Scenario::kNormal) return 0;
  return is_near_miss(scenario) ? kNearMissDayShare : kConflictDayShare;
}

Scenario draw_scenario(Random& random) {
  double u = unit(random);
  for (int s = 1; s < kScenarioCount; ++s) {
    double share = scenario_share(static_cast<Scenario>(s));
    if (u < share) return static_cast<Scenario>(s);
    u -= share;
  }
  return Scenario::kNormal;
}

// Nine-digit SSNs, distinct per person: an affine bijection of 0 … 899,999,999.
std::string ssn_for(std::uint64_t seed, std::size_t person) {
  constexpr std::uint64_t kModulus = 900'000'000, kFactor = 282'475'249;  // 7¹⁰, coprime
  std::uint64_t offset = stream_seed(seed, streams::kSsn, 0) % kModulus;
  return std::to_string(100'000'000 + (person * kFactor + offset) % kModulus);
}

void plan_dimensions(SeedPlan& plan) {
  const std::uint64_t seed = plan.options.seed;
  const std::int64_t n = plan.options.visits;
  Random random(stream_seed(seed, streams::kProvider, 0));

  auto provider_count = static_cast<int>(std::clamp<std::int64_t>(n / 2500, 12, 2000));
  auto payer_count = static_cast<int>(std::clamp<std::int64_t>(n / 25000, 6, 200));

  for (int i = 0; i < payer_count; ++i) {
    PayerPlan payer;
    payer.id = make_uuid(seed, streams::kPayer, i);
    payer.app_id = std::to_string(200 + i);
    std::string_view base = kPayerNames[i % std::size(kPayerNames)];
    payer.name = i < static_cast<int>(std::size(kPayerNames))
                     ? std::string(base)
                     : fmt::format("{} Region {}", base, i / std::size(kPayerNames) + 1);
    payer.active = !chance(random, 0.10);
    payer.demo = chance(random, 0.05);
    payer.first_contract = static_cast<int>(plan.contracts.size());
    payer.contract_count = static_cast<int>(pick(random, 1, 3));
    for (int c = 0; c < payer.contract_count; ++c) {
      ContractPlan contract;
      auto index = plan.contracts.size();
      contract.id = make_uuid(seed, streams::kContract, index);
      contract.app_id = std::to_string(5000 + index);
      contract.name = fmt::format("{} HCBS {}", payer.name, 2021 + c);
      contract.active = !chance(random, 0.10);
      plan.contracts.push_back(std::move(contract));
    }
    plan.payers.push_back(std::move(payer));
  }

  for (int i = 0; i < provider_count; ++i) {
    ProviderPlan provider;
    provider.id = make_uuid(seed, streams::kProvider, i);
    provider.app_id = std::to_string(1000 + i);
    provider.name = fmt::format(
        "{} {} of {}", kAgencyWords[pick(random, 0, std::size(kAgencyWords) - 1)],
        kAgencyKinds[pick(random, 0, std::size(kAgencyKinds) - 1)], city(i % kCityCount).name);
    provider.federal_tax_number =
        fmt::format("{:02}-{:07}", pick(random, 10, 99), pick(random, 0, 9'999'999));
    provider.phone = fmt::format("({}) {:03}-{:04}", 200 + pick(random, 15, 799),
                                 pick(random, 200, 999), pick(random, 0, 9999));
    provider.active = !chance(random, 0.05);
    provider.demo = chance(random, 0.03);
    if (chance(random, 0.03))
      provider.excluded =
          chance(random, 2.0 / 3) ? Exclusion::kByProviderId : Exclusion::kByAppProviderId;
    provider.first_office = static_cast<int>(plan.offices.size());
    provider.office_count = static_cast<int>(pick(random, 1, 3));
    for (int o = 0; o < provider.office_count; ++o) {
      OfficePlan office;
      auto index = plan.offices.size();
      office.id = make_uuid(seed, streams::kOffice, index);
      office.app_id = std::to_string(3000 + index);
      office.name = fmt::format("{} – office {}", provider.name, o + 1);
      office.active = !chance(random, 0.05);
      plan.offices.push_back(std::move(office));
    }
    int links = static_cast<int>(std::min<std::int64_t>(pick(random, 2, 4), payer_count));
    while (static_cast<int>(provider.payers.size()) < links) {
      int payer = static_cast<int>(pick(random, 0, payer_count - 1));
      if (std::find(provider.payers.begin(), provider.payers.end(), payer) == provider.payers.end())
        provider.payers.push_back(payer);
    }
    plan.providers.push_back(std::move(provider));
  }
}

void plan_patients(SeedPlan& plan) {
  const std::uint64_t seed = plan.options.seed;
  const auto providers = static_cast<std::int64_t>(plan.providers.size());
  // About one patient per 40 visits.
  std::int64_t per_city =
      (plan.options.visits / 40 + providers * kCityCount - 1) / (providers * kCityCount);
  plan.patient_rows = static_cast<int>(std::max<std::int64_t>(1, per_city) * kCityCount);
  Random random(stream_seed(seed, streams::kPatientPlan, 0));
  auto count = static_cast<std::size_t>(plan.patient_rows * providers);
  plan.patients.reserve(count);
  for (std::size_t k = 0; k < count; ++k) {
    PatientPlan patient;
    auto row = static_cast<int>(k / providers);
    patient.city = row % kCityCount;
    patient.zip = row / kCityCount % kZipsPerCity;
    MicroPoint center = zip_center(patient.city, patient.zip);
    patient.home = {center.lat + static_cast<std::int32_t>(pick(random, -6000, 6000)),
                    center.lon + static_cast<std::int32_t>(pick(random, -6000, 6000))};
    patient.coordinates = !chance(random, 0.03);
    patient.zip_known = !chance(random, 0.02);
    if (chance(random, 0.25)) patient.decoys |= kDecoyOlderPrimary;
    if (chance(random, 0.15)) patient.decoys |= kDecoyNewerSecondary;
    if (chance(random, 0.10)) patient.decoys |= kDecoyNewerHome;
    if (chance(random, 0.03)) patient.decoys |= kDecoySameTime;
    patient.patient_id = make_uuid(seed, streams::kPatient, k);
    patient.provider_patient_id = make_uuid(seed, streams::kProviderPatient, k);
    patient.app_provider_patient_id = std::to_string(400'000 + k);
    patient.payer_patient_id = make_uuid(seed, streams::kPayerPatient, k);
    patient.app_payer_patient_id = std::to_string(800'000 + k);
    plan.patients.push_back(std::move(patient));
  }
}

// A date of the person's not yet used in [lo, hi]; nullopt after a few collisions.
std::optional<std::int32_t> free_date(Random& random, const std::vector<DayPlan>& days,
                                      std::size_t first, std::int32_t lo, std::int32_t hi) {
  for (int attempt = 0; attempt < 20; ++attempt) {
    auto date = static_cast<std::int32_t>(pick(random, lo, hi));
    bool used = std::any_of(days.begin() + static_cast<std::ptrdiff_t>(first), days.end(),
                            [&](const DayPlan& day) { return day.date == date; });
    if (!used) return date;
  }
  return std::nullopt;
}

void plan_person(SeedPlan& plan, std::size_t index, std::int64_t& remaining) {
  const std::uint64_t seed = plan.options.seed;
  Random random(stream_seed(seed, streams::kPersonPlan, index));
  PersonPlan person;
  const auto provider_count = static_cast<int>(plan.providers.size());
  person.agency_count =
      std::min(static_cast<int>(weighted(random, kAgencyCountWeights)) + 1, provider_count);
  for (int a = 0; a < person.agency_count; ++a) {
    int provider;
    do provider = static_cast<int>(pick(random, 0, provider_count - 1));
    while (std::find(person.providers, person.providers + a, provider) != person.providers + a);
    person.providers[a] = provider;
  }
  double u = unit(random);
  person.ssn_kind = u < 0.005   ? SsnKind::kNull
                    : u < 0.010 ? SsnKind::kBlank
                    : u < 0.015 ? SsnKind::kExcluded
                                : SsnKind::kUsable;
  if (person.ssn_kind == SsnKind::kUsable || person.ssn_kind == SsnKind::kExcluded)
    person.ssn = ssn_for(seed, index);
  person.home_city = static_cast<int>(pick(random, 0, kCityCount - 1));

  for (int a = 0; a < person.agency_count; ++a) {
    CaregiverPlan caregiver;
    auto c = plan.caregivers.size();
    caregiver.id = make_sequential_uuid(seed, streams::kCaregiver, c);
    caregiver.app_id = std::to_string(60'000 + c);
    caregiver.code = fmt::format("CG{:06}", c);
    caregiver.person = static_cast<int>(index);
    caregiver.provider = person.providers[a];
    switch (person.ssn_kind) {
      case SsnKind::kNull: break;
      case SsnKind::kBlank: caregiver.ssn = chance(random, 0.5) ? "" : "   "; break;
      default: caregiver.ssn = chance(random, 0.03) ? " " + person.ssn + " " : person.ssn;
    }
    caregiver.first_name = static_cast<std::uint8_t>(pick(random, 0, 255));
    caregiver.last_name = static_cast<std::uint8_t>(pick(random, 0, 255));
    caregiver.status = static_cast<std::uint8_t>(weighted(random, {0.90, 0.05, 0.05}));
    person.caregivers[a] = static_cast<int>(c);
    plan.caregivers.push_back(std::move(caregiver));
  }

  const std::int32_t first = day_number(plan.window.first);
  const std::int32_t today = day_number(plan.window.today);
  const std::int32_t last = day_number(plan.window.last);
  person.first_day = static_cast<std::uint32_t>(plan.days.size());
  person.first_visit = plan.options.visits - remaining;
  auto work_days = pick(random, kMinWorkDays, kMaxWorkDays);
  for (std::int64_t d = 0; d < work_days && remaining > 0; ++d) {
    DayPlan day;
    if (person.agency_count >= 2) day.scenario = draw_scenario(random);
    std::optional<std::int32_t> date;
    if (day.scenario != Scenario::kNormal) {
      bool future = needs_future_date(day.scenario);
      date = free_date(random, plan.days, person.first_day, future ? today : first,
                       future ? last : today - 1);
      if (!date) day.scenario = Scenario::kNormal;  // the person's free dates ran out
    }
    if (day.scenario == Scenario::kNormal) {
      date = free_date(random, plan.days, person.first_day, first, last);
      if (!date) continue;
      day.visits = static_cast<std::uint8_t>(weighted(random, kVisitsPerDayWeights) + 1);
    } else {
      day.visits = 2;
      day.slot_a = static_cast<std::uint8_t>(pick(random, 0, person.agency_count - 1));
      day.slot_b = static_cast<std::uint8_t>(
          (day.slot_a + pick(random, 1, person.agency_count - 1)) % person.agency_count);
    }
    if (day.visits > remaining) {  // the data set's last day: exactly `visits` rows
      day.scenario = Scenario::kNormal;
      day.visits = static_cast<std::uint8_t>(remaining);
    }
    day.date = *date;
    remaining -= day.visits;
    plan.days.push_back(day);
  }
  person.day_count = static_cast<std::uint32_t>(plan.days.size()) - person.first_day;
  plan.persons.push_back(std::move(person));
}

}  // namespace

std::string_view scenario_name(Scenario scenario) {
  switch (scenario) {
    case Scenario::kNormal: return "normal";
    case Scenario::kSameSchedule: return "same schedule";
    case Scenario::kSameVisitTime: return "same visit time";
    case Scenario::kScheduleSameAsVisit: return "schedule same as visit";
    case Scenario::kOverlappingSchedules: return "overlapping schedules";
    case Scenario::kOverlappingVisits: return "overlapping visits";
    case Scenario::kScheduleOverVisit: return "schedule over visit";
    case Scenario::kImpossibleTravel: return "impossible travel";
    case Scenario::kTouchingSchedules: return "near miss: touching schedules";
    case Scenario::kTouchingVisits: return "near miss: touching visits";
    case Scenario::kTravelGapJustEnough: return "near miss: travel gap just enough";
    case Scenario::kOnBandEdge: return "near miss: on a speed band edge";
    case Scenario::kSameZip: return "near miss: same zip";
    case Scenario::kHalfFilledOverlap: return "near miss: half-filled overlap";
  }
  return "?";
}

int planted_rule(Scenario scenario) {
  auto value = static_cast<int>(scenario);
  return value >= 1 && value <= 7 ? value : 0;
}

bool is_near_miss(Scenario scenario) { return static_cast<int>(scenario) > 7; }

bool needs_future_date(Scenario scenario) {
  return scenario == Scenario::kSameSchedule || scenario == Scenario::kOverlappingSchedules ||
         scenario == Scenario::kTouchingSchedules;
}

std::int64_t SeedPlan::deleted_visits() const { return std::max<std::int64_t>(1, visits / 100); }

Result<void> check_options(const SeedOptions& options) {
  if (options.visits < 1 || options.visits > kMaxVisits)
    return Error{
        std::string(kInvalidOptions),
        fmt::format("--visits must be between 1 and {}, not {}", kMaxVisits, options.visits)};
  if (!options.today.ok())
    return Error{std::string(kInvalidOptions), "--today is not a valid date"};
  auto year = static_cast<int>(options.today.year());
  if (year < 1900 || year > 9000)
    return Error{std::string(kInvalidOptions),
                 fmt::format("--today {} is out of range", format_date(options.today))};
  return {};
}

SeedPlan make_plan(const SeedOptions& options) {
  SeedPlan plan;
  plan.options = options;
  plan.window = window_for(options.today);
  plan.visits = options.visits;
  plan_dimensions(plan);
  plan_patients(plan);
  std::int64_t remaining = options.visits;
  plan.days.reserve(static_cast<std::size_t>(options.visits / 2 + 16));
  for (std::size_t person = 0; remaining > 0; ++person) plan_person(plan, person, remaining);
  plan.days.shrink_to_fit();
  return plan;
}

}  // namespace conflictctl::conflict::seed

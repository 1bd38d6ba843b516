#include "conflict/seed_tables.h"

#include <memory>

#include "conflict/seed_format.h"
#include "conflict/seed_random.h"
#include "conflict/seed_visits.h"

namespace conflictctl::conflict::seed {

namespace {

constexpr std::string_view kFirstNames[] = {
    "Maria",     "James",   "Linda",    "Robert",  "Patricia", "Michael", "Barbara",  "William",
    "Elizabeth", "David",   "Jennifer", "Richard", "Susan",    "Joseph",  "Jessica",  "Thomas",
    "Sarah",     "Charles", "Karen",    "Daniel",  "Nancy",    "Matthew", "Lisa",     "Anthony",
    "Betty",     "Mark",    "Sandra",   "Donald",  "Ashley",   "Steven",  "Kimberly", "Paul"};
constexpr std::string_view kLastNames[] = {
    "Smith",     "Johnson",  "Williams",  "Brown",   "Jones",    "Garcia",   "Miller",   "Davis",
    "Rodriguez", "Martinez", "Hernandez", "Lopez",   "Gonzalez", "Wilson",   "Anderson", "Thomas",
    "Taylor",    "Moore",    "Jackson",   "Martin",  "Lee",      "Perez",    "Thompson", "White",
    "Harris",    "Sanchez",  "Clark",     "Ramirez", "Lewis",    "Robinson", "Walker",   "Young"};
constexpr std::string_view kCaregiverStatus[] = {"Active", "Inactive", "Terminated"};
constexpr std::string_view kBillTypes[] = {"Hourly", "Daily", "Visit"};
constexpr std::string_view kEnvironment = "hhax";
constexpr std::int64_t kDay = 86400;

// Writes one row's cells, reusing the strings of the previous row.
class Cells {
 public:
  Cells(std::vector<db::Param>& row, std::size_t count) : row_(row) { row_.resize(count); }
  std::string& text(std::size_t i) {
    db::Param& cell = row_[i];
    if (!cell) cell.emplace();
    cell->clear();
    return *cell;
  }
  void set(std::size_t i, std::string_view value) { text(i).assign(value); }
  void null(std::size_t i) { row_[i].reset(); }
  void boolean(std::size_t i, bool value) { set(i, value ? "t" : "f"); }
  void integer(std::size_t i, std::int64_t value) { append_int(text(i), value); }
  void cents(std::size_t i, std::int64_t value) { append_cents(text(i), value); }
  void timestamp(std::size_t i, std::int64_t seconds) {
    if (seconds == kNoTime)
      null(i);
    else
      append_timestamp(text(i), seconds);
  }
  void date(std::size_t i, std::int32_t days) { append_date(text(i), days); }
  void micro(std::size_t i, std::int32_t value) { append_micro_degrees(text(i), value); }
  void gps(std::size_t i, const Gps& gps) {
    switch (gps.form) {
      case GpsForm::kNull: null(i); return;
      case GpsForm::kComma: set(i, ","); return;
      case GpsForm::kPlain:
      case GpsForm::kQuoted: {
        std::string& out = text(i);
        bool quoted = gps.form == GpsForm::kQuoted;
        if (quoted) out.push_back('"');
        append_micro_degrees(out, gps.point.lat);
        out.push_back(',');
        append_micro_degrees(out, gps.point.lon);
        if (quoted) out.push_back('"');
      }
    }
  }

 private:
  std::vector<db::Param>& row_;
};

// A RowSource over `count` items: `fill(index, cells)` writes item `index`.
template <class Fill>
std::function<db::RowSource()> indexed(std::size_t count, std::size_t columns, Fill fill) {
  return [count, columns, fill] {
    auto next = std::make_shared<std::size_t>(0);
    return db::RowSource([count, columns, fill, next](std::vector<db::Param>& row) {
      if (*next >= count) return false;
      Cells cells(row, columns);
      fill((*next)++, cells);
      return true;
    });
  };
}

std::int32_t day_number(Date date) {
  return static_cast<std::int32_t>(std::chrono::sys_days{date}.time_since_epoch().count());
}

// ---- patient addresses: the current one plus the patient's decoys

struct Address {
  std::int64_t id;
  MicroPoint point;
  bool coordinates, primary;
  std::optional<int> zip;  // full zip code
  std::string_view county, type;
  std::int64_t created_at;
};

void patient_addresses(const SeedPlan& plan, std::size_t k, std::vector<Address>& out) {
  out.clear();
  const PatientPlan& patient = plan.patients[k];
  Random random(stream_seed(plan.options.seed, streams::kPatientPlan, k + 1));
  const std::int64_t today = day_number(plan.window.today);
  const std::int64_t created = (today - pick(random, 30, 1800)) * kDay + pick(random, 0, kDay - 1);
  // The third kind is a "GPS" address with a newer primary decoy typed "gps" elsewhere: the
  // type is matched case-sensitively (docs/conflict-rules.md#places), so the decoy never counts.
  static constexpr double kTypes[] = {0.70, 0.20, 0.10};
  static constexpr std::string_view kTypeNames[] = {"GPS", "Home GPS", "GPS"};
  auto elsewhere = [&](std::int64_t id, bool primary, std::string_view type, std::int64_t at) {
    int other_city =
        (patient.city + static_cast<int>(pick(random, 1, kCityCount - 1))) % kCityCount;
    int zip = static_cast<int>(pick(random, 0, kZipsPerCity - 1));
    MicroPoint center = zip_center(other_city, zip);
    MicroPoint point{center.lat + static_cast<std::int32_t>(pick(random, -6000, 6000)),
                     center.lon + static_cast<std::int32_t>(pick(random, -6000, 6000))};
    out.push_back({id, point, true, primary, city(other_city).first_zip + zip,
                   city(other_city).county, type, at});
  };
  const std::int64_t base = static_cast<std::int64_t>(k) * 6;
  if (patient.decoys & kDecoyOlderPrimary)
    elsewhere(base + 0, true, "GPS", created - pick(random, 30, 900) * kDay);
  if (patient.decoys & kDecoyNewerSecondary)
    elsewhere(base + 1, false, "GPS", created + pick(random, 1, 20) * kDay);
  if (patient.decoys & kDecoyNewerHome)
    elsewhere(base + 2, true, "Home", created + pick(random, 1, 20) * kDay);
  if (patient.decoys & kDecoySameTime) elsewhere(base + 3, true, "GPS", created);
  std::optional<int> zip;
  if (patient.zip_known) zip = city(patient.city).first_zip + patient.zip;
  const std::size_t kind = weighted(random, kTypes);
  out.push_back({base + 4, patient.home, patient.coordinates, true, zip, city(patient.city).county,
                 kTypeNames[kind], created});
  if (kind == 2) elsewhere(base + 5, true, "gps", created + pick(random, 1, 20) * kDay);
}

std::function<db::RowSource()> patient_address_rows(const SeedPlan& plan) {
  return [&plan] {
    struct State {
      std::size_t patient = 0, position = 0;
      std::vector<Address> addresses;
    };
    auto state = std::make_shared<State>();
    return db::RowSource([&plan, state](std::vector<db::Param>& row) {
      while (state->position >= state->addresses.size()) {
        if (state->patient >= plan.patients.size()) return false;
        patient_addresses(plan, state->patient, state->addresses);
        state->position = 0;
        ++state->patient;
      }
      const Address& address = state->addresses[state->position++];
      const PatientPlan& patient = plan.patients[state->patient - 1];
      Cells cells(row, 9);
      std::string& id = cells.text(0);
      id = std::to_string(address.id);
      id.insert(0, 10 - std::min<std::size_t>(10, id.size()),
                '0');  // fixed width: text order = number order
      cells.set(1, patient.provider_patient_id);
      if (address.coordinates) {
        cells.micro(2, address.point.lat);
        cells.micro(3, address.point.lon);
      } else {
        cells.null(2);
        cells.null(3);
      }
      if (address.zip)
        cells.integer(4, *address.zip);
      else
        cells.null(4);
      cells.set(5, address.county);
      cells.boolean(6, address.primary);
      cells.set(7, address.type);
      cells.timestamp(8, address.created_at);
      return true;
    });
  };
}

// ---- in-service sessions and absences: 0–2 of each per person

enum class SideKind { kInservice, kAbsence };

struct Side {
  int caregiver, provider, office;
  std::int64_t start, end;
};

void person_side(const SeedPlan& plan, std::size_t p, SideKind kind, std::vector<Side>& out) {
  out.clear();
  const PersonPlan& person = plan.persons[p];
  Random random(stream_seed(plan.options.seed, streams::kPersonSide,
                            p * 2 + (kind == SideKind::kAbsence ? 1 : 0)));
  static constexpr double kCounts[] = {0.45, 0.40, 0.15};
  const std::size_t count = weighted(random, kCounts);
  const std::int32_t first = day_number(plan.window.first), last = day_number(plan.window.last);
  for (std::size_t i = 0; i < count; ++i) {
    int slot = static_cast<int>(pick(random, 0, person.agency_count - 1));
    const ProviderPlan& provider = plan.providers[person.providers[slot]];
    // Half of them on one of the person's work days, where they may overlap a visit.
    std::int32_t date =
        person.day_count > 0 && chance(random, 0.5)
            ? plan.days[person.first_day + pick(random, 0, person.day_count - 1)].date
            : static_cast<std::int32_t>(pick(random, first, last));
    Side side{person.caregivers[slot], person.providers[slot],
              provider.first_office + static_cast<int>(pick(random, 0, provider.office_count - 1)),
              0, 0};
    if (kind == SideKind::kInservice) {
      side.start = date * kDay + 8 * 3600 + pick(random, 0, 24) * 900;
      side.end = side.start + pick(random, 1, 3) * 3600;
    } else {
      side.start = date * kDay;
      side.end = (date + pick(random, 0, 4)) * kDay + kDay - 1;
    }
    out.push_back(side);
  }
}

std::function<db::RowSource()> side_rows(const SeedPlan& plan, SideKind kind) {
  return [&plan, kind] {
    struct State {
      std::size_t person = 0, position = 0, number = 0;
      std::vector<Side> sides;
    };
    auto state = std::make_shared<State>();
    return db::RowSource([&plan, kind, state](std::vector<db::Param>& row) {
      while (state->position >= state->sides.size()) {
        if (state->person >= plan.persons.size()) return false;
        person_side(plan, state->person++, kind, state->sides);
        state->position = 0;
      }
      const Side& side = state->sides[state->position++];
      Cells cells(row, 7);
      append_uuid(cells.text(0), plan.options.seed,
                  kind == SideKind::kInservice ? streams::kInservice : streams::kAbsence,
                  state->number++);
      cells.set(1, kEnvironment);
      cells.set(2, plan.caregivers[side.caregiver].id);
      cells.set(3, plan.providers[side.provider].id);
      cells.set(4, plan.offices[side.office].id);
      cells.timestamp(5, side.start);
      cells.timestamp(6, side.end);
      return true;
    });
  };
}

// ---- visits

std::vector<std::string> service_code_ids(const SeedPlan& plan) {
  std::vector<std::string> ids;
  for (int i = 0; i < kServiceCodeCount; ++i)
    ids.push_back(make_uuid(plan.options.seed, streams::kServiceCode, i));
  return ids;
}

void visit_cells(const SeedPlan& plan, const std::vector<std::string>& service_codes,
                 const Visit& v, Cells& cells) {
  const ProviderPlan& provider = plan.providers[v.provider];
  const CaregiverPlan& caregiver = plan.caregivers[v.caregiver];
  const OfficePlan& office = plan.offices[v.office];
  const PayerPlan& payer = plan.payers[v.payer];
  const ContractPlan& contract = plan.contracts[v.contract];
  const PatientPlan& patient = plan.patients[v.patient];
  append_sequential_uuid(cells.text(0), plan.options.seed, streams::kVisit,
                         static_cast<std::uint64_t>(v.number));
  cells.integer(1, 10'000'000 + v.number);
  cells.date(2, v.date);
  cells.set(3, provider.id);
  cells.set(4, provider.app_id);
  cells.set(5, caregiver.id);
  cells.set(6, caregiver.app_id);
  cells.set(7, office.id);
  cells.set(8, office.app_id);
  if (v.contract_type == ContractType::kInternal) {
    cells.null(9);
    cells.set(10, "0");
  } else {
    cells.set(9, payer.id);
    cells.set(10, payer.app_id);
  }
  if (v.contract_type == ContractType::kPayer) {
    cells.null(11);
    cells.set(12, "0");
  } else {
    cells.set(11, contract.id);
    cells.set(12, contract.app_id);
  }
  cells.set(13, patient.patient_id);
  cells.set(14, patient.provider_patient_id);
  cells.set(15, patient.app_provider_patient_id);
  cells.set(16, patient.payer_patient_id);
  cells.set(17, patient.app_payer_patient_id);
  cells.set(18, service_codes[v.service_code]);
  cells.timestamp(19, v.sch_start);
  cells.timestamp(20, v.sch_end);
  cells.timestamp(21, v.visit_start);
  cells.timestamp(22, v.visit_end);
  cells.timestamp(23, v.evv_start);
  cells.timestamp(24, v.evv_end);
  cells.gps(25, v.gps_in);
  cells.gps(26, v.gps_out);
  cells.boolean(27, v.missed);
  cells.set(28, v.billed ? "yes" : "no");
  cells.set(29, kBillTypes[static_cast<int>(v.bill_type)]);
  cells.cents(30, v.billed_hours_cents);
  cells.cents(31, v.billed_rate_cents);
  if (v.non_billed_rate_cents < 0)
    cells.null(32);
  else
    cells.cents(32, v.non_billed_rate_cents);
  cells.timestamp(33, v.invoice_date);
}

std::function<db::RowSource()> visit_rows(const SeedPlan& plan) {
  return [&plan] {
    struct State {
      explicit State(const SeedPlan& plan) : cursor(plan) {}
      VisitCursor cursor;
      Visit visit;
      std::vector<std::string> service_codes;
    };
    auto state = std::make_shared<State>(plan);
    state->service_codes = service_code_ids(plan);
    return db::RowSource([&plan, state](std::vector<db::Param>& row) {
      if (!state->cursor.next(state->visit)) return false;
      Cells cells(row, 34);
      visit_cells(plan, state->service_codes, state->visit, cells);
      return true;
    });
  };
}

std::vector<std::string> columns(std::initializer_list<std::string_view> names) {
  return {names.begin(), names.end()};
}

}  // namespace

std::string SeedTable::placeholder_name() const {
  return std::string(side == SchemaSide::kAnalytics ? "{analytics}." : "{conflict}.") +
         std::string(name);
}

std::vector<std::string> truncated_tables() {
  return {"{analytics}.provider",
          "{analytics}.caregiver",
          "{analytics}.payer",
          "{analytics}.contract",
          "{analytics}.office",
          "{analytics}.patient_address",
          "{analytics}.service_code",
          "{analytics}.payer_provider",
          "{analytics}.deleted_visit",
          "{analytics}.inservice",
          "{analytics}.absence",
          "{analytics}.visit",
          "{conflict}.conflictvisitmaps",
          "{conflict}.conflictvisitmaps_temp",
          "{conflict}.conflicts",
          "{conflict}.payer_provider_reminders",
          "{conflict}.settings",
          "{conflict}.mph",
          "{conflict}.excluded_agency",
          "{conflict}.excluded_ssn"};
}

std::vector<SeedTable> seed_tables(const SeedPlan& plan) {
  using S = SchemaSide;
  std::vector<SeedTable> tables;

  tables.push_back({S::kAnalytics, "provider",
                    columns({"provider_id", "app_provider_id", "name", "federal_tax_number",
                             "phone", "is_active", "is_demo"}),
                    indexed(plan.providers.size(), 7, [&plan](std::size_t i, Cells& c) {
                      const ProviderPlan& p = plan.providers[i];
                      c.set(0, p.id);
                      c.set(1, p.app_id);
                      c.set(2, p.name);
                      c.set(3, p.federal_tax_number);
                      c.set(4, p.phone);
                      c.boolean(5, p.active);
                      c.boolean(6, p.demo);
                    })});

  tables.push_back({S::kAnalytics, "caregiver",
                    columns({"caregiver_id", "app_caregiver_id", "provider_id", "ssn", "code",
                             "first_name", "last_name", "status"}),
                    indexed(plan.caregivers.size(), 8,
                            [&plan](std::size_t i, Cells& c) {
                              const CaregiverPlan& g = plan.caregivers[i];
                              c.set(0, g.id);
                              c.set(1, g.app_id);
                              c.set(2, plan.providers[g.provider].id);
                              if (g.ssn)
                                c.set(3, *g.ssn);
                              else
                                c.null(3);
                              c.set(4, g.code);
                              c.set(5, kFirstNames[g.first_name % std::size(kFirstNames)]);
                              c.set(6, kLastNames[g.last_name % std::size(kLastNames)]);
                              c.set(7, kCaregiverStatus[g.status]);
                            }),
                    true});

  tables.push_back({S::kAnalytics, "payer",
                    columns({"payer_id", "app_payer_id", "name", "state", "is_active", "is_demo"}),
                    indexed(plan.payers.size(), 6, [&plan](std::size_t i, Cells& c) {
                      const PayerPlan& p = plan.payers[i];
                      c.set(0, p.id);
                      c.set(1, p.app_id);
                      c.set(2, p.name);
                      c.set(3, kState);
                      c.boolean(4, p.active);
                      c.boolean(5, p.demo);
                    })});

  tables.push_back({S::kAnalytics, "contract",
                    columns({"contract_id", "app_contract_id", "name", "is_active"}),
                    indexed(plan.contracts.size(), 4, [&plan](std::size_t i, Cells& c) {
                      const ContractPlan& k = plan.contracts[i];
                      c.set(0, k.id);
                      c.set(1, k.app_id);
                      c.set(2, k.name);
                      c.boolean(3, k.active);
                    })});

  tables.push_back({S::kAnalytics, "office",
                    columns({"office_id", "app_office_id", "name", "is_active"}),
                    indexed(plan.offices.size(), 4, [&plan](std::size_t i, Cells& c) {
                      const OfficePlan& o = plan.offices[i];
                      c.set(0, o.id);
                      c.set(1, o.app_id);
                      c.set(2, o.name);
                      c.boolean(3, o.active);
                    })});

  tables.push_back({S::kAnalytics, "patient_address",
                    columns({"address_id", "patient_id", "lat", "lon", "zip", "county",
                             "is_primary", "address_type", "created_at"}),
                    patient_address_rows(plan), true});

  tables.push_back({S::kAnalytics, "service_code",
                    columns({"service_code_id", "app_service_code_id", "code"}),
                    indexed(kServiceCodeCount, 3, [&plan](std::size_t i, Cells& c) {
                      append_uuid(c.text(0), plan.options.seed, streams::kServiceCode, i);
                      c.integer(1, 90 + static_cast<std::int64_t>(i));
                      c.set(2, kServiceCodes[i]);
                    })});

  std::vector<std::pair<int, int>> links;  // (payer, provider)
  for (std::size_t p = 0; p < plan.providers.size(); ++p)
    for (int payer : plan.providers[p].payers) links.emplace_back(payer, static_cast<int>(p));
  tables.push_back({S::kAnalytics, "payer_provider",
                    columns({"payer_id", "provider_id", "app_payer_id", "app_provider_id"}),
                    indexed(links.size(), 4, [&plan, links](std::size_t i, Cells& c) {
                      const PayerPlan& payer = plan.payers[links[i].first];
                      const ProviderPlan& provider = plan.providers[links[i].second];
                      c.set(0, payer.id);
                      c.set(1, provider.id);
                      c.set(2, payer.app_id);
                      c.set(3, provider.app_id);
                    })});

  tables.push_back({S::kAnalytics, "deleted_visit", columns({"visit_id"}),
                    indexed(static_cast<std::size_t>(plan.deleted_visits()), 1,
                            [&plan](std::size_t i, Cells& c) {
                              append_uuid(c.text(0), plan.options.seed, streams::kDeletedVisit, i);
                            })});

  const auto side_columns = [](std::string_view id) {
    return columns(
        {id, "environment", "caregiver_id", "provider_id", "office_id", "start_ts", "end_ts"});
  };
  tables.push_back({S::kAnalytics, "inservice", side_columns("inservice_id"),
                    side_rows(plan, SideKind::kInservice), true});
  tables.push_back({S::kAnalytics, "absence", side_columns("vacation_id"),
                    side_rows(plan, SideKind::kAbsence), true});

  tables.push_back({S::kAnalytics, "visit",
                    columns({"visit_id",
                             "app_visit_id",
                             "visit_date",
                             "provider_id",
                             "app_provider_id",
                             "caregiver_id",
                             "app_caregiver_id",
                             "office_id",
                             "app_office_id",
                             "payer_id",
                             "app_payer_id",
                             "contract_id",
                             "app_contract_id",
                             "patient_id",
                             "provider_patient_id",
                             "app_provider_patient_id",
                             "payer_patient_id",
                             "app_payer_patient_id",
                             "service_code_id",
                             "sch_start",
                             "sch_end",
                             "visit_start",
                             "visit_end",
                             "evv_start",
                             "evv_end",
                             "gps_in",
                             "gps_out",
                             "is_missed",
                             "billed",
                             "bill_type",
                             "billed_hours",
                             "billed_rate",
                             "bill_rate_non_billed",
                             "invoice_date"}),
                    visit_rows(plan), true});

  tables.push_back({S::kConflict, "settings",
                    columns({"id", "extra_distance_per", "in_progress_flag", "last_load_date",
                             "no_response_limit_time"}),
                    indexed(1, 5, [](std::size_t, Cells& c) {
                      c.set(0, "0");
                      c.cents(1, static_cast<std::int64_t>(kExtraDistancePer * 100 + 0.5));
                      c.set(2, "2");  // no run in progress
                      c.null(3);
                      c.null(4);
                    })});

  tables.push_back({S::kConflict, "mph", columns({"type", "from_miles", "to_miles", "avg_mph"}),
                    indexed(std::size(kMphBands), 4, [](std::size_t i, Cells& c) {
                      c.set(0, "Default");
                      c.integer(1, kMphBands[i].from_miles);
                      c.integer(2, kMphBands[i].to_miles);
                      c.integer(3, kMphBands[i].avg_mph);
                    })});

  std::vector<int> excluded_agencies;
  for (std::size_t p = 0; p < plan.providers.size(); ++p)
    if (plan.providers[p].excluded != Exclusion::kNone)
      excluded_agencies.push_back(static_cast<int>(p));
  // One more row names an agency that is not in analytics.provider.
  tables.push_back(
      {S::kConflict, "excluded_agency", columns({"provider_id", "app_provider_id", "agency_name"}),
       indexed(excluded_agencies.size() + 1, 3,
               [&plan, excluded_agencies](std::size_t i, Cells& c) {
                 if (i == excluded_agencies.size()) {
                   append_uuid(c.text(0), plan.options.seed, streams::kProvider, 999'999);
                   c.set(1, "999999");
                   c.set(2, "Closed Agency (no longer in the source)");
                   return;
                 }
                 const ProviderPlan& p = plan.providers[excluded_agencies[i]];
                 if (p.excluded == Exclusion::kByProviderId)
                   c.set(0, p.id);
                 else
                   c.null(0);
                 c.set(1, p.app_id);
                 c.set(2, p.name);
               })});

  std::vector<std::string> excluded_ssns;
  {
    Random random(stream_seed(plan.options.seed, streams::kSsn, 1));
    for (const PersonPlan& person : plan.persons)
      if (person.ssn_kind == SsnKind::kExcluded)
        excluded_ssns.push_back(chance(random, 0.2) ? " " + person.ssn + " " : person.ssn);
    excluded_ssns.push_back("000000000");  // matches nobody
  }
  tables.push_back({S::kConflict, "excluded_ssn", columns({"ssn"}),
                    indexed(excluded_ssns.size(), 1, [excluded_ssns](std::size_t i, Cells& c) {
                      c.set(0, excluded_ssns[i]);
                    })});
  return tables;
}

}  // namespace conflictctl::conflict::seed

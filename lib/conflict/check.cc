#include "conflict/check.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "conflict/pg_text.h"
#include "db/schema.h"

namespace conflictctl::conflict {

using rules::Hundredths;
using rules::Instant;
using rules::Mode;
using rules::PairResult;

std::string_view kind_name(DifferenceKind kind) {
  switch (kind) {
    case DifferenceKind::kMissingRow:
      return "missing row";
    case DifferenceKind::kUnexpectedOpenRow:
      return "unexpected open row";
    case DifferenceKind::kFieldMismatch:
      return "field mismatch";
    case DifferenceKind::kOpenWithMissedOrDeletedSide:
      return "open row with missed or deleted side";
  }
  return "?";
}

bool operator<(const Difference& a, const Difference& b) {
  return std::tie(a.visit_id, a.con_visit_id, a.kind, a.field) <
         std::tie(b.visit_id, b.con_visit_id, b.kind, b.field);
}

namespace {

// ---------------------------------------------------------------- reading rows

// Every streamed statement is read through a cursor, this many rows at a time (a constant of
// the SQL text, not a value).
constexpr std::size_t kFetchSize = 20000;
constexpr std::string_view kFetchPrefix = "FETCH FORWARD 20000 FROM ";

using RowHandler = std::function<Result<void>(const db::Rows& rows, std::size_t row)>;

Result<void> stream(db::Session& session, std::string_view cursor, const std::string& sql,
                    const db::Params& params, const RowHandler& each) {
  const std::string name(cursor);
  if (auto declared = session.query("DECLARE " + name + " NO SCROLL CURSOR FOR " + sql, params);
      !declared)
    return declared.error();
  for (;;) {
    auto rows = session.query(std::string(kFetchPrefix) + name);
    if (!rows) return rows.error();
    for (std::size_t i = 0; i < rows->size(); ++i)
      if (auto handled = each(*rows, i); !handled) return handled;
    if (rows->size() < kFetchSize) break;
  }
  if (auto closed = session.query("CLOSE " + name); !closed) return closed.error();
  return {};
}

// Reads the cells of one row by position; the first unreadable cell is kept as an error
// naming the table, column and the row's key (its first column).
class Cells {
 public:
  Cells(const db::Rows& rows, std::size_t row, std::string_view table)
      : rows_(rows), row_(row), table_(table) {}

  bool null(std::size_t c) const { return !rows_.at(row_, c).has_value(); }
  // The text; "" for NULL.
  std::string text(std::size_t c) const {
    const db::Param& cell = rows_.at(row_, c);
    return cell ? *cell : std::string();
  }
  std::optional<std::string> optional_text(std::size_t c) const { return rows_.at(row_, c); }

  std::optional<Instant> timestamp(std::size_t c) { return read(c, parse_pg_timestamp); }
  std::optional<std::int64_t> integer(std::size_t c) { return read(c, parse_pg_integer); }
  std::optional<Hundredths> hundredths(std::size_t c) { return read(c, parse_pg_hundredths); }
  bool boolean(std::size_t c) { return read(c, parse_pg_bool).value_or(false); }
  std::optional<double> number(std::size_t c) {
    return read(c, [](std::string_view text) -> std::optional<double> {
      std::string copy(text);
      char* end = nullptr;
      double value = std::strtod(copy.c_str(), &end);
      if (copy.empty() || *end != '\0') return std::nullopt;
      return value;
    });
  }
  std::optional<Date> date(std::size_t c) { return read(c, parse_date); }

  // Ok, or the first cell that could not be read.
  Result<void> status() const {
    if (error_) return *error_;
    return {};
  }

 private:
  template <class Parse>
  auto read(std::size_t c, Parse parse) -> decltype(parse(std::string_view{})) {
    const db::Param& cell = rows_.at(row_, c);
    if (!cell) return std::nullopt;
    auto value = parse(*cell);
    if (!value && !error_)
      error_ = Error{std::string(kCheckDataInvalid),
                     fmt::format("{}.{} of the row with {} '{}': cannot read '{}'", table_,
                                 rows_.columns().at(c), rows_.columns().at(0), text(0), *cell)};
    return value;
  }

  const db::Rows& rows_;
  std::size_t row_;
  std::string_view table_;
  std::optional<Error> error_;
};

// ---------------------------------------------------------------- what is loaded

// One conflictvisitmaps row, as far as the comparison reads it.
struct MapRow {
  std::string visit_id;
  std::optional<std::string> con_visit_id;
  char status = 'U';
  std::array<char, rules::kFlagCount> flags{};
  std::optional<std::int64_t> minute_diff;
  std::optional<Hundredths> distance_miles;
  std::optional<std::int64_t> avg_mph;
  std::optional<Hundredths> eta_minutes;
  bool matched = false;  // a candidate pair of the C++ evaluation has this orientation
};

struct PairKeyHash {
  std::size_t operator()(const std::pair<std::string_view, std::string_view>& key) const {
    const std::hash<std::string_view> hash;
    return hash(key.first) * 31 + hash(key.second);
  }
};

// (visit_id, con_visit_id) → the row's index.
using RowIndex =
    std::unordered_map<std::pair<std::string_view, std::string_view>, std::size_t, PairKeyHash>;

// ---------------------------------------------------------------- sessions (flags 8 and 9)

enum class SessionKind : std::uint8_t { kInService, kPto };
constexpr std::size_t kSessionKindCount = 2;

// An in-service session (analytics.inservice) or an absence (analytics.absence).
struct Session {
  SessionKind kind = SessionKind::kInService;
  std::string id;  // the map's: "inservice:" + inservice_id or "pto:" + vacation_id [+ "@" + env]
  std::string caregiver_id;
  std::string provider_id;
  Instant start, end;
  std::string start_text, end_text;  // as PostgreSQL prints them, for the report
};

std::string_view kind_words(SessionKind kind) {
  return kind == SessionKind::kInService ? "in-service" : "PTO";
}

std::chrono::sys_days day_of(Instant t) { return std::chrono::floor<std::chrono::days>(t); }

// The time test of a meeting (docs/conflict-rules.md, "In-service and PTO pairs"): both ends
// included; PTO compares dates. `visit` has actuals.
bool meets(const rules::Visit& visit, const Session& session) {
  if (session.kind == SessionKind::kInService)
    return *visit.visit_start <= session.end && *visit.visit_end >= session.start;
  return day_of(*visit.visit_start) <= day_of(session.end) &&
         day_of(*visit.visit_end) >= day_of(session.start);
}

// A visit meeting a session: the visit's side of the two rows it needs.
struct Meeting {
  std::string visit_id;
  std::string provider_id;
  Date visit_date{};
  std::uint32_t session = 0;  // index into the sessions
};

// The session-side columns of a map row, in the order the SELECT reads them.
constexpr std::size_t kSessionTimeCount = 8;
constexpr std::array<std::string_view, kSessionTimeCount> kSessionTimeColumns = {
    "inservice_start",     "inservice_end",     "pto_start",     "pto_end",
    "con_inservice_start", "con_inservice_end", "con_pto_start", "con_pto_end"};

// A map row of an in-service or PTO pair, as far as the comparison reads it.
struct SessionRow {
  MapRow pair;  // ids, status, the seven flags; `matched`: a meeting has this orientation
  char in_service_flag = 'N';
  char pto_flag = 'N';
  Date visit_date{};
  std::optional<std::string> provider_id, con_provider_id;
  std::array<std::optional<Instant>, kSessionTimeCount> times;
  std::array<std::string, kSessionTimeCount> time_texts;  // "NULL" for NULL
};

// An eligible visit and the patient whose address it takes.
struct LoadedVisit {
  rules::Visit visit;
  std::string patient_id;  // provider_patient_id; "" for NULL
};

struct ChosenAddress {
  rules::AddressCandidate candidate;
  std::optional<rules::Point> point;
  std::optional<std::string> zip;
  std::optional<std::string> county;
};

std::string yes_no(bool flag) { return flag ? "Y" : "N"; }

template <class T>
std::string or_null(const std::optional<T>& value) {
  return value ? fmt::format("{}", *value) : "NULL";
}

std::string hundredths_or_null(const std::optional<Hundredths>& value) {
  return value ? rules::format_hundredths(*value) : "NULL";
}

// "rules 4, 7".
std::string fired_rules(const PairResult& pair) {
  std::string list;
  for (std::size_t i = 0; i < rules::kFlagCount; ++i)
    if (pair.flags[i]) list += (list.empty() ? "" : ", ") + std::to_string(i + 1);
  return list.empty() ? "no rule" : (list.size() == 1 ? "rule " : "rules ") + list;
}

// ---------------------------------------------------------------- the checker

class Checker {
 public:
  Checker(db::Session& session, const db::Schemas& schemas, Date today, const CheckOptions& options)
      : session_(session), schemas_(schemas), options_(options) {
    report_.window = window_for(today);
  }

  Result<CheckReport> run() {
    if (auto current = db::require_current_schema(session_, schemas_); !current)
      return current.error();
    auto loaded = db::in_transaction(session_, [&]() -> Result<void> {
      for (const char* setting : {"SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY",
                                  "SET LOCAL DateStyle = 'ISO, YMD'"})
        if (auto set = session_.query(setting); !set) return set.error();
      using Step = Result<void> (Checker::*)();
      const std::pair<std::string_view, Step> steps[] = {
          {"reading the settings", &Checker::load_settings},
          {"reading the exclusions", &Checker::load_exclusions},
          {"reading the agencies and payers", &Checker::load_providers},
          {"reading the map rows", &Checker::load_map_rows},
          {"reading the deleted visits", &Checker::load_deleted},
          {"reading the in-service and PTO sessions", &Checker::load_sessions},
          {"reading the visits", &Checker::load_visits},
          {"grouping the visits", &Checker::form_groups},
          {"reading the addresses", &Checker::load_addresses}};
      for (const auto& [name, step] : steps) {
        if (options_.steps) options_.steps->started(name);
        if (auto done = (this->*step)(); !done) return done;
        if (options_.steps) options_.steps->finished(name, "");
      }
      return {};
    });
    if (!loaded) return loaded.error();
    const std::pair<std::string_view, void (Checker::*)()> checks[] = {
        {"evaluating the rules", &Checker::evaluate_groups},
        {"checking the meetings", &Checker::check_meetings},
        {"checking the open rows", &Checker::check_open_rows}};
    for (const auto& [name, check] : checks) {
      if (options_.steps) options_.steps->started(name);
      (this->*check)();
      if (options_.steps) options_.steps->finished(name, "");
    }
    finish_list();
    return std::move(report_);
  }

 private:
  std::string sql(std::string_view text) const { return db::render(text, schemas_); }

  db::Params window_params() const {
    return {format_date(report_.window.first), format_date(report_.window.last)};
  }

  // -------------------------------------------------------------- loading

  Result<void> load_settings() {
    auto rows = session_.query(sql("SELECT extra_distance_per FROM {conflict}.settings"));
    if (!rows) return rows.error();
    if (rows->size() != 1)
      return Error{std::string(kCheckDataInvalid),
                   fmt::format("{}.settings must hold exactly one row; it holds {}",
                               schemas_.conflict, rows->size())};
    Cells cells(*rows, 0, "settings");
    auto extra = cells.number(0);
    if (auto ok = cells.status(); !ok) return ok;
    settings_.extra_distance_per = extra.value_or(0);

    auto bands = session_.query(sql("SELECT from_miles, avg_mph FROM {conflict}.mph"));
    if (!bands) return bands.error();
    for (std::size_t i = 0; i < bands->size(); ++i) {
      Cells band(*bands, i, "mph");
      auto from = band.integer(0), mph = band.integer(1);
      if (auto ok = band.status(); !ok) return ok;
      if (from && mph) settings_.bands.push_back({static_cast<int>(*from), static_cast<int>(*mph)});
    }
    return {};
  }

  Result<void> load_exclusions() {
    auto ssns = session_.query(sql("SELECT ssn FROM {conflict}.excluded_ssn"));
    if (!ssns) return ssns.error();
    for (std::size_t i = 0; i < ssns->size(); ++i)
      if (const auto& ssn = ssns->at(i, 0))
        exclusions_.ssns.insert(std::string(rules::trim_spaces(*ssn)));
    auto agencies =
        session_.query(sql("SELECT provider_id, app_provider_id FROM {conflict}.excluded_agency"));
    if (!agencies) return agencies.error();
    for (std::size_t i = 0; i < agencies->size(); ++i) {
      if (const auto& id = agencies->at(i, 0)) exclusions_.provider_ids.insert(*id);
      if (const auto& app_id = agencies->at(i, 1)) exclusions_.app_provider_ids.insert(*app_id);
    }
    return {};
  }

  Result<void> load_providers() {
    auto rows = session_.query(
        sql("SELECT provider_id, app_provider_id, is_active, is_demo FROM {analytics}.provider"));
    if (!rows) return rows.error();
    for (std::size_t i = 0; i < rows->size(); ++i) {
      Cells cells(*rows, i, "provider");
      rules::Provider provider{cells.text(1), cells.boolean(2), cells.boolean(3)};
      if (auto ok = cells.status(); !ok) return ok;
      providers_.emplace(cells.text(0), std::move(provider));
    }
    return {};
  }

  Result<void> load_map_rows() {
    const std::string select =
        sql("SELECT visit_id, con_visit_id, status_flag, same_sch_time_flag, same_visit_time_flag, "
            "sch_and_visit_time_same_flag, sch_over_another_sch_time_flag, "
            "visit_time_over_another_visit_time_flag, sch_time_over_visit_time_flag, "
            "distance_flag, minute_diff, distance_miles, avg_mph, eta_minutes, in_service_flag, "
            "pto_flag, inservice_start, inservice_end, pto_start, pto_end, con_inservice_start, "
            "con_inservice_end, con_pto_start, con_pto_end, visit_date, provider_id, "
            "con_provider_id "
            "FROM {conflict}.conflictvisitmaps WHERE visit_date BETWEEN $1 AND $2");
    auto streamed =
        stream(session_, "check_map_rows", select, window_params(),
               [this](const db::Rows& rows, std::size_t i) { return read_map_row(rows, i); });
    if (!streamed) return streamed;
    // Index the rows (views into map_rows_ and session_rows_, which no longer change) and
    // remember every visit an open row names: whether they are missed is needed.
    index_rows(map_rows_, row_index_, [](const MapRow& row) -> const MapRow& { return row; });
    index_rows(session_rows_, session_index_,
               [](const SessionRow& row) -> const MapRow& { return row.pair; });
    return {};
  }

  template <class Row, class Pair>
  void index_rows(const std::vector<Row>& rows, RowIndex& index, Pair pair_of) {
    index.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const MapRow& row = pair_of(rows[i]);
      if (row.con_visit_id)
        index.emplace(
            std::pair{std::string_view(row.visit_id), std::string_view(*row.con_visit_id)}, i);
      if (row.status == 'U') {
        open_row_visits_.insert(row.visit_id);
        if (row.con_visit_id) open_row_visits_.insert(*row.con_visit_id);
      }
    }
  }

  Result<void> read_map_row(const db::Rows& rows, std::size_t i) {
    Cells cells(rows, i, "conflictvisitmaps");
    ++report_.counts.rows_checked;
    bool session_row = cells.text(14) == "Y" || cells.text(15) == "Y";
    for (std::size_t c = 16; c < 16 + kSessionTimeCount; ++c)
      session_row = session_row || !cells.null(c);
    MapRow row = read_pair_columns(cells);
    if (row.status == 'U') ++report_.counts.open_rows;
    if (session_row) {
      ++report_.counts.session_rows;
      SessionRow session;
      session.pair = std::move(row);
      session.in_service_flag = cells.text(14).empty() ? '?' : cells.text(14)[0];
      session.pto_flag = cells.text(15).empty() ? '?' : cells.text(15)[0];
      for (std::size_t k = 0; k < kSessionTimeCount; ++k) {
        session.times[k] = cells.timestamp(16 + k);
        session.time_texts[k] = cells.optional_text(16 + k).value_or("NULL");
      }
      session.visit_date = cells.date(24).value_or(Date{});
      session.provider_id = cells.optional_text(25);
      session.con_provider_id = cells.optional_text(26);
      if (auto ok = cells.status(); !ok) return ok;
      session_rows_.push_back(std::move(session));
    } else {
      if (auto ok = cells.status(); !ok) return ok;
      map_rows_.push_back(std::move(row));
    }
    return {};
  }

  // The columns every row is compared on.
  static MapRow read_pair_columns(Cells& cells) {
    MapRow row;
    row.visit_id = cells.text(0);
    row.con_visit_id = cells.optional_text(1);
    row.status = cells.text(2).empty() ? '?' : cells.text(2)[0];
    for (std::size_t k = 0; k < rules::kFlagCount; ++k) {
      std::string flag = cells.text(3 + k);
      row.flags[k] = flag.empty() ? '?' : flag[0];
    }
    row.minute_diff = cells.integer(10);
    row.distance_miles = cells.hundredths(11);
    row.avg_mph = cells.integer(12);
    row.eta_minutes = cells.hundredths(13);
    return row;
  }

  Result<void> load_deleted() {
    return stream(session_, "check_deleted", sql("SELECT visit_id FROM {analytics}.deleted_visit"),
                  {}, [&](const db::Rows& rows, std::size_t i) -> Result<void> {
                    if (const auto& id = rows.at(i, 0)) deleted_.insert(*id);
                    return {};
                  });
  }

  // Both session tables, whole, with each session's caregiver SSN; indexed for the meetings.
  Result<void> load_sessions() {
    for (auto [kind, table, id_column] :
         {std::tuple{SessionKind::kInService, "inservice", "inservice_id"},
          std::tuple{SessionKind::kPto, "absence", "vacation_id"}}) {
      const std::string select =
          sql(fmt::format("SELECT s.{}, s.environment, s.caregiver_id, s.provider_id, s.start_ts, "
                          "s.end_ts, c.ssn FROM {{analytics}}.{} s "
                          "LEFT JOIN {{analytics}}.caregiver c ON c.caregiver_id = s.caregiver_id",
                          id_column, table));
      auto streamed = stream(session_, std::string("check_") + table, select, {},
                             [&, kind = kind, table = table](const db::Rows& rows, std::size_t i) {
                               return read_session(rows, i, kind, table);
                             });
      if (!streamed) return streamed;
    }
    return {};
  }

  Result<void> read_session(const db::Rows& rows, std::size_t i, SessionKind kind,
                            std::string_view table) {
    Cells cells(rows, i, table);
    Session s;
    s.kind = kind;
    const std::string environment = cells.text(1);
    s.id = std::string(kind == SessionKind::kInService ? "inservice:" : "pto:") + cells.text(0) +
           (environment.empty() ? "" : "@" + environment);
    s.caregiver_id = cells.text(2);
    s.provider_id = cells.text(3);
    auto start = cells.timestamp(4), end = cells.timestamp(5);
    std::optional<std::string> ssn = cells.optional_text(6);
    if (auto ok = cells.status(); !ok) return ok;
    s.start = start.value_or(Instant{});  // both NOT NULL
    s.end = end.value_or(Instant{});
    s.start_text = cells.text(4);
    s.end_text = cells.text(5);

    const auto index = static_cast<std::uint32_t>(sessions_.size());
    sessions_by_caregiver_[s.caregiver_id].push_back(index);
    // Eligible sessions: the visits' SSN and provider tests, no window.
    if (ssn) {
      std::string trimmed(rules::trim_spaces(*ssn));
      auto provider = providers_.find(s.provider_id);
      if (rules::usable_ssn(trimmed, exclusions_) &&
          rules::eligible_provider(s.provider_id,
                                   provider == providers_.end() ? nullptr : &provider->second,
                                   exclusions_))
        sessions_by_ssn_[trimmed].push_back(index);
    }
    sessions_.push_back(std::move(s));
    return {};
  }

  Result<void> load_visits() {
    const std::string select =
        sql("SELECT v.visit_id, v.visit_date, v.provider_id, c.ssn, v.provider_patient_id, "
            "v.sch_start, v.sch_end, v.visit_start, v.visit_end, v.gps_in, v.gps_out, v.is_missed, "
            "v.caregiver_id "
            "FROM {analytics}.visit v "
            "LEFT JOIN {analytics}.caregiver c ON c.caregiver_id = v.caregiver_id "
            "WHERE v.visit_date BETWEEN $1 AND $2");
    return stream(session_, "check_visits", select, window_params(),
                  [this](const db::Rows& rows, std::size_t i) { return read_visit(rows, i); });
  }

  Result<void> read_visit(const db::Rows& rows, std::size_t i) {
    Cells cells(rows, i, "visit");
    ++report_.counts.visits;
    LoadedVisit loaded;
    rules::Visit& v = loaded.visit;
    v.visit_id = cells.text(0);
    v.visit_date = cells.date(1).value_or(Date{});
    v.provider_id = cells.text(2);
    std::optional<std::string> ssn = cells.optional_text(3);
    loaded.patient_id = cells.text(4);
    v.sch_start = cells.timestamp(5);
    v.sch_end = cells.timestamp(6);
    v.visit_start = cells.timestamp(7);
    v.visit_end = cells.timestamp(8);
    v.gps_in = cells.text(9);
    v.gps_out = cells.text(10);
    v.is_missed = cells.boolean(11);
    if (auto ok = cells.status(); !ok) return ok;

    if (v.is_missed) {
      auto named = open_row_visits_.find(v.visit_id);
      if (named != open_row_visits_.end()) missed_.insert(*named);
    }
    // Eligible visits (docs/conflict-rules.md, "Eligible visits"); missed ones stay for the
    // update rules.
    if (!ssn) return {};
    v.ssn = std::string(rules::trim_spaces(*ssn));
    auto provider = providers_.find(v.provider_id);
    if (!rules::usable_ssn(v.ssn, exclusions_) ||
        !rules::eligible_provider(v.provider_id,
                                  provider == providers_.end() ? nullptr : &provider->second,
                                  exclusions_) ||
        !rules::in_window(v.visit_date, report_.window))
      return {};
    ++report_.counts.eligible_visits;
    if (rules::eligible_in_mode(v, Mode::kInsert) && rules::has_actuals(v))
      find_meetings(v, cells.text(12));
    visits_.push_back(std::move(loaded));
    return {};
  }

  // The sessions that `visit` (eligible for the insert rules, with actuals) meets.
  void find_meetings(const rules::Visit& visit, const std::string& caregiver_id) {
    auto same_ssn = sessions_by_ssn_.find(visit.ssn);
    if (same_ssn == sessions_by_ssn_.end()) return;
    // A kind is skipped when the visit meets a session of that kind of its own caregiver
    // record (any provider, eligible or not).
    std::array<bool, kSessionKindCount> own{};
    if (auto mine = sessions_by_caregiver_.find(caregiver_id); mine != sessions_by_caregiver_.end())
      for (std::uint32_t k : mine->second)
        if (meets(visit, sessions_[k])) own[static_cast<std::size_t>(sessions_[k].kind)] = true;
    for (std::uint32_t k : same_ssn->second) {
      const Session& s = sessions_[k];
      if (own[static_cast<std::size_t>(s.kind)] || s.provider_id == visit.provider_id ||
          !meets(visit, s))
        continue;
      meetings_.push_back({visit.visit_id, visit.provider_id, visit.visit_date, k});
      ++report_.counts.session_meetings;
    }
  }

  // Groups the eligible visits by (SSN, visit_date); keeps the groups with two agencies or more
  // (only they have candidate pairs) and notes the patients whose address they need.
  Result<void> form_groups() {
    std::vector<std::uint32_t> order(visits_.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    auto key = [&](std::uint32_t i) {
      const rules::Visit& v = visits_[i].visit;
      return std::tie(v.ssn, v.visit_date, v.visit_id);
    };
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
    for (std::size_t begin = 0; begin < order.size();) {
      const rules::Visit& first = visits_[order[begin]].visit;
      std::size_t end = begin + 1;
      bool several_agencies = false;
      while (end < order.size() && visits_[order[end]].visit.ssn == first.ssn &&
             visits_[order[end]].visit.visit_date == first.visit_date) {
        several_agencies =
            several_agencies || visits_[order[end]].visit.provider_id != first.provider_id;
        ++end;
      }
      if (several_agencies) {
        groups_.emplace_back(order.begin() + begin, order.begin() + end);
        for (std::size_t i = begin; i < end; ++i)
          if (!visits_[order[i]].patient_id.empty())
            needed_patients_.insert(visits_[order[i]].patient_id);
      }
      begin = end;
    }
    return {};
  }

  Result<void> load_addresses() {
    std::unordered_map<std::string, ChosenAddress> chosen;
    const std::string select =
        sql("SELECT address_id, patient_id, lat, lon, zip, county, is_primary, address_type, "
            "created_at FROM {analytics}.patient_address");
    auto streamed =
        stream(session_, "check_addresses", select, {},
               [&](const db::Rows& rows, std::size_t i) { return read_address(rows, i, chosen); });
    if (!streamed) return streamed;
    for (const auto& group : groups_) {
      for (std::uint32_t i : group) {
        auto found = chosen.find(visits_[i].patient_id);
        if (found == chosen.end()) continue;
        rules::Visit& v = visits_[i].visit;
        v.address_point = found->second.point;
        v.zip = found->second.zip;
        v.county = found->second.county;
      }
    }
    return {};
  }

  // Keeps the row in `chosen` when it is the best address so far of a patient we need.
  Result<void> read_address(const db::Rows& rows, std::size_t i,
                            std::unordered_map<std::string, ChosenAddress>& chosen) {
    Cells cells(rows, i, "patient_address");
    std::string patient = cells.text(1);
    if (!needed_patients_.contains(patient)) return {};
    ChosenAddress address;
    address.candidate.address_id = cells.text(0);
    address.candidate.is_primary = cells.boolean(6);
    address.candidate.address_type = cells.text(7);
    address.candidate.created_at = cells.timestamp(8).value_or(Instant{});
    auto lat = cells.number(2), lon = cells.number(3);
    if (auto ok = cells.status(); !ok) return ok;
    if (!rules::qualifies_as_address(address.candidate)) return {};
    if (lat && lon) address.point = rules::Point{*lat, *lon};
    std::string zip(rules::trim_spaces(cells.text(4)));
    if (!zip.empty()) address.zip = zip;
    address.county = cells.optional_text(5);
    auto [best, inserted] = chosen.try_emplace(patient, address);
    if (!inserted && rules::better_address(address.candidate, best->second.candidate))
      best->second = std::move(address);
    return {};
  }

  // -------------------------------------------------------------- comparing

  void evaluate_groups() {
    for (const auto& group : groups_) {
      for (std::size_t i = 0; i < group.size(); ++i) {
        for (std::size_t j = i + 1; j < group.size(); ++j) {
          const rules::Visit& a = visits_[group[i]].visit;
          const rules::Visit& b = visits_[group[j]].visit;
          if (!rules::is_candidate(a, b)) continue;
          ++report_.counts.candidate_pairs;
          const Date today = report_.window.today;
          const PairResult update = rules::evaluate_pair(a, b, settings_, Mode::kUpdate, today);
          std::optional<PairResult> insert;
          if (rules::eligible_in_mode(a, Mode::kInsert) &&
              rules::eligible_in_mode(b, Mode::kInsert)) {
            insert = rules::evaluate_pair(a, b, settings_, Mode::kInsert, today);
            if (!insert->is_conflict()) insert.reset();
          }
          if (update.is_conflict()) ++report_.counts.update_conflicts;
          if (insert) ++report_.counts.insert_conflicts;
          // minute_diff takes the row's own gap12 first: the one field that can depend on the
          // orientation (when a visit ends before it starts, both gaps can be positive).
          check_orientation(a.visit_id, b.visit_id, update, update.minute_diff, insert);
          check_orientation(b.visit_id, a.visit_id, update,
                            rules::minute_diff(rules::minute_gaps(b, a)), insert);
        }
      }
    }
  }

  // The row (v1, v2) against the pair's evaluation; `insert` is set when the insert rules
  // raise a conflict.
  void check_orientation(const std::string& v1, const std::string& v2, const PairResult& update,
                         std::int64_t minute_diff, const std::optional<PairResult>& insert) {
    auto found = row_index_.find(std::pair{std::string_view(v1), std::string_view(v2)});
    MapRow* row = found == row_index_.end() ? nullptr : &map_rows_[found->second];
    if (row != nullptr) {
      row->matched = true;
      if (row->status == 'U' && !has_missed_or_deleted_side(*row)) {
        if (!update.is_conflict())
          add({v1, v2, DifferenceKind::kUnexpectedOpenRow, "", "no open row", "U",
               "the pair raises no flag under the update rules"});
        else
          compare_fields(*row, update, minute_diff);
      }
    }
    // A deleted side waives the requirement: its rows must not be open (check_open_rows).
    if (!insert || deleted_.contains(v1) || deleted_.contains(v2)) return;
    if (row == nullptr) {
      add({v1, v2, DifferenceKind::kMissingRow, "", "a row", "none",
           "the insert rules raise " + fired_rules(*insert)});
    } else if (row->status == 'R' || row->status == 'D') {
      add({v1, v2, DifferenceKind::kMissingRow, "status_flag", "U, N, W or I",
           std::string(1, row->status),
           "the insert rules raise " + fired_rules(*insert) + " but the row is closed"});
    }
  }

  void compare_fields(const MapRow& row, const PairResult& expected, std::int64_t minute_diff) {
    const std::string& v1 = row.visit_id;
    const std::string& v2 = *row.con_visit_id;
    auto mismatch = [&](std::string_view field, std::string want, std::string found) {
      add({v1, v2, DifferenceKind::kFieldMismatch, std::string(field), std::move(want),
           std::move(found), "the update rules raise " + fired_rules(expected)});
    };
    for (std::size_t k = 0; k < rules::kFlagCount; ++k)
      if (row.flags[k] != yes_no(expected.flags[k])[0])
        mismatch(rules::kFlagColumns[k], yes_no(expected.flags[k]), std::string(1, row.flags[k]));
    if (row.minute_diff != minute_diff)
      mismatch("minute_diff", std::to_string(minute_diff), or_null(row.minute_diff));
    if (!within_tolerance(expected.distance_miles, row.distance_miles))
      mismatch("distance_miles", hundredths_or_null(expected.distance_miles),
               hundredths_or_null(row.distance_miles));
    const std::optional<std::int64_t> avg_mph =
        expected.avg_mph ? std::optional<std::int64_t>(*expected.avg_mph) : std::nullopt;
    if (row.avg_mph != avg_mph) mismatch("avg_mph", or_null(avg_mph), or_null(row.avg_mph));
    if (!within_tolerance(expected.eta_minutes, row.eta_minutes))
      mismatch("eta_minutes", hundredths_or_null(expected.eta_minutes),
               hundredths_or_null(row.eta_minutes));
  }

  bool within_tolerance(const std::optional<Hundredths>& expected,
                        const std::optional<Hundredths>& actual) const {
    if (!expected || !actual) return expected.has_value() == actual.has_value();
    return std::llabs(*expected - *actual) <= options_.decimal_tolerance;
  }

  // Each meeting against its two session rows.
  void check_meetings() {
    for (const Meeting& meeting : meetings_) {
      check_session_orientation(meeting, true);
      check_session_orientation(meeting, false);
    }
  }

  // The row (visit, session) when `visit_first`, else (session, visit).
  void check_session_orientation(const Meeting& meeting, bool visit_first) {
    const Session& s = sessions_[meeting.session];
    const std::string& v1 = visit_first ? meeting.visit_id : s.id;
    const std::string& v2 = visit_first ? s.id : meeting.visit_id;
    const Date date = visit_first ? meeting.visit_date : Date{day_of(s.start)};
    auto found = session_index_.find(std::pair{std::string_view(v1), std::string_view(v2)});
    SessionRow* row = found == session_index_.end() ? nullptr : &session_rows_[found->second];
    if (row != nullptr) {
      row->pair.matched = true;
      if (row->pair.status == 'U' && !has_missed_or_deleted_side(row->pair))
        compare_session_fields(*row, meeting, visit_first, date);
    }
    // The session-first row is due only when the session's start date is in the window; a
    // side listed as deleted (the visit, or the session's id) wants its rows closed
    // (check_open_rows), as for seven-rule pairs.
    if (!rules::in_window(date, report_.window) || deleted_.contains(meeting.visit_id) ||
        deleted_.contains(s.id))
      return;
    const std::string why = fmt::format("the visit meets the {} session", kind_words(s.kind));
    if (row == nullptr) {
      add({v1, v2, DifferenceKind::kMissingRow, "", "a row", "none", why});
    } else if (row->pair.status == 'R' || row->pair.status == 'D') {
      add({v1, v2, DifferenceKind::kMissingRow, "status_flag", "U, N, W or I",
           std::string(1, row->pair.status), why + " but the row is closed"});
    }
  }

  void compare_session_fields(const SessionRow& row, const Meeting& meeting, bool visit_first,
                              Date date) {
    const Session& s = sessions_[meeting.session];
    auto mismatch = [&](std::string_view field, std::string want, std::string found) {
      add({row.pair.visit_id, *row.pair.con_visit_id, DifferenceKind::kFieldMismatch,
           std::string(field), std::move(want), std::move(found),
           fmt::format("the visit meets the {} session", kind_words(s.kind))});
    };
    const bool in_service = s.kind == SessionKind::kInService;
    if (row.in_service_flag != yes_no(in_service)[0])
      mismatch("in_service_flag", yes_no(in_service), std::string(1, row.in_service_flag));
    if (row.pto_flag != yes_no(!in_service)[0])
      mismatch("pto_flag", yes_no(!in_service), std::string(1, row.pto_flag));
    for (std::size_t k = 0; k < rules::kFlagCount; ++k)
      if (row.pair.flags[k] != 'N')
        mismatch(rules::kFlagColumns[k], "N", std::string(1, row.pair.flags[k]));
    if (row.visit_date != date)
      mismatch("visit_date", format_date(date), format_date(row.visit_date));
    const auto& session_provider = visit_first ? row.con_provider_id : row.provider_id;
    const auto& visit_provider = visit_first ? row.provider_id : row.con_provider_id;
    if (session_provider != s.provider_id)
      mismatch(visit_first ? "con_provider_id" : "provider_id", s.provider_id,
               session_provider.value_or("NULL"));
    if (visit_provider != meeting.provider_id)
      mismatch(visit_first ? "provider_id" : "con_provider_id", meeting.provider_id,
               visit_provider.value_or("NULL"));
    // The session side's four time columns: its kind's hold start_ts/end_ts, the others NULL.
    const std::size_t side = visit_first ? 4 : 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const bool own_kind = (k < 2) == in_service;
      const bool start = k % 2 == 0;
      const std::optional<Instant> want =
          own_kind ? std::optional<Instant>(start ? s.start : s.end) : std::nullopt;
      if (row.times[side + k] != want)
        mismatch(kSessionTimeColumns[side + k],
                 own_kind ? (start ? s.start_text : s.end_text) : "NULL", row.time_texts[side + k]);
    }
  }

  bool has_missed_or_deleted_side(const MapRow& row) const {
    auto lost = [&](const std::string& id) {
      return missed_.contains(id) || deleted_.contains(id);
    };
    return lost(row.visit_id) || (row.con_visit_id && lost(*row.con_visit_id));
  }

  // Open rows that no candidate pair or meeting matched, and open rows with a missed or
  // deleted side.
  void check_open_rows() {
    for (const MapRow& row : map_rows_)
      check_open_row(row,
                     "not a candidate pair: a side is not an eligible visit of the window, or the "
                     "two visits are not of one SSN and date at two agencies");
    for (const SessionRow& row : session_rows_)
      check_open_row(row.pair,
                     "not an in-service or PTO meeting: the visit (eligible, not missed, with "
                     "actuals) and an eligible session of its SSN at another agency do not meet, "
                     "or the visit meets its own caregiver record's session of that kind");
  }

  void check_open_row(const MapRow& row, std::string_view unmatched) {
    if (row.status != 'U') return;
    const std::string con = row.con_visit_id.value_or("");
    if (has_missed_or_deleted_side(row)) {
      std::vector<std::string> reasons;
      bool deleted = false;
      for (auto [column, id] :
           {std::pair{"visit_id", &row.visit_id}, std::pair{"con_visit_id", &con}}) {
        if (deleted_.contains(*id)) {
          reasons.push_back(fmt::format("{} {} is in analytics.deleted_visit", column, *id));
          deleted = true;
        } else if (missed_.contains(*id)) {
          reasons.push_back(fmt::format("{} {} is a missed visit", column, *id));
        }
      }
      add({row.visit_id, con, DifferenceKind::kOpenWithMissedOrDeletedSide, "status_flag",
           deleted ? "D" : "R", "U", fmt::format("{}", fmt::join(reasons, "; "))});
    } else if (!row.matched) {
      add({row.visit_id, con, DifferenceKind::kUnexpectedOpenRow, "", "no open row", "U",
           std::string(unmatched)});
    }
  }

  // -------------------------------------------------------------- the list

  void add(Difference difference) {
    ++report_.difference_count;
    ++report_.by_kind[static_cast<std::size_t>(difference.kind)];
    if (options_.max_listed == 0) return;
    listed_.push_back(std::move(difference));
    if (listed_.size() >= 2 * options_.max_listed) keep_first(options_.max_listed);
  }

  void keep_first(std::size_t n) {
    if (listed_.size() <= n) return;
    std::nth_element(listed_.begin(), listed_.begin() + static_cast<std::ptrdiff_t>(n),
                     listed_.end());
    listed_.resize(n);
  }

  void finish_list() {
    keep_first(options_.max_listed);
    std::sort(listed_.begin(), listed_.end());
    report_.differences = std::move(listed_);
  }

  db::Session& session_;
  const db::Schemas& schemas_;
  const CheckOptions& options_;
  CheckReport report_;

  rules::Settings settings_;
  rules::Exclusions exclusions_;
  std::unordered_map<std::string, rules::Provider> providers_;

  std::vector<MapRow> map_rows_;  // seven-rule rows
  RowIndex row_index_;
  std::vector<SessionRow> session_rows_;
  RowIndex session_index_;
  std::unordered_set<std::string> open_row_visits_;  // ids named by a U row
  std::unordered_set<std::string_view> missed_;      // of them: missed now
  std::unordered_set<std::string> deleted_;          // analytics.deleted_visit

  std::vector<LoadedVisit> visits_;                 // eligible visits of the window
  std::vector<std::vector<std::uint32_t>> groups_;  // (SSN, date) groups, ≥ 2 agencies
  std::unordered_set<std::string> needed_patients_;

  std::vector<Session> sessions_;  // both tables, whole
  std::unordered_map<std::string, std::vector<std::uint32_t>> sessions_by_ssn_;        // eligible
  std::unordered_map<std::string, std::vector<std::uint32_t>> sessions_by_caregiver_;  // all
  std::vector<Meeting> meetings_;

  std::vector<Difference> listed_;
};

}  // namespace

Result<CheckReport> check_conflicts(db::Session& session, const db::Schemas& schemas, Date today,
                                    const CheckOptions& options) {
  return Checker(session, schemas, today, options).run();
}

}  // namespace conflictctl::conflict

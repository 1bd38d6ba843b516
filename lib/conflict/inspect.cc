#include "conflict/inspect.h"

#include <fmt/format.h>

#include "core/number_text.h"
#include "db/schema.h"

namespace conflictctl::conflict {

namespace {

// One finding: `select` returns one text column, "example", one row per thing counted;
// `windowed` selects take the window's first and last day as $1 and $2.
struct Finding {
  std::string_view name;
  std::string_view what;
  std::string_view effect;
  bool windowed;
  std::string_view select;
};

// The visits of the window, as every task reads them.
#define IN_WINDOW "FROM {analytics}.visit v WHERE v.visit_date BETWEEN $1::date AND $2::date "
// A GPS text the pair search reads as a point (tasks/pair_search/pair_search.sql, "leg").
#define GPS_PARSES(text)                                                            \
  "(length(" text ") <= 300 AND replace(" text ", '\"', '') ~ "                      \
  R"('^[ \t\n\v\f\r]*[+-]?(?:0*(?:[0-8]?[0-9](?:[.][0-9]*)?|90(?:[.]0*)?)|[.][0-9]+))" \
  R"([ \t\n\v\f\r]*,[ \t\n\v\f\r]*[+-]?)" \
  R"((?:0*(?:(?:1[0-7][0-9]|[0-9]?[0-9])(?:[.][0-9]*)?|180(?:[.]0*)?)|[.][0-9]+))" \
  R"([ \t\n\v\f\r]*$')" ")"
// Blank: nothing but quotes, spaces and the comma ("," is how the source writes no point).
#define GPS_BLANK(text) "(btrim(replace(" text ", '\"', ''), ' ,') = '')"
// Each patient's address the pair search uses: the newest primary one whose type contains
// "GPS", case-sensitively (ties: the greatest address_id, C order).
#define NEWEST_ADDRESS                                                                      \
  "(SELECT DISTINCT ON (patient_id) patient_id, lat, lon, zip "                             \
  "FROM {analytics}.patient_address WHERE is_primary AND address_type LIKE '%GPS%' "        \
  "ORDER BY patient_id, created_at DESC, address_id COLLATE \"C\" DESC)"
#define SESSIONS                                                                            \
  "(SELECT 'inservice:' || inservice_id || CASE WHEN environment <> '' THEN '@' || "        \
  "environment ELSE '' END AS id, caregiver_id, provider_id, start_ts, end_ts "             \
  "FROM {analytics}.inservice UNION ALL "                                                   \
  "SELECT 'pto:' || vacation_id || CASE WHEN environment <> '' THEN '@' || environment "    \
  "ELSE '' END, caregiver_id, provider_id, start_ts, end_ts FROM {analytics}.absence)"

constexpr Finding kFindings[] = {
    {"outside_window", "visits outside the window", "read by no task", true,
     "SELECT v.visit_id AS example FROM {analytics}.visit v "
     "WHERE v.visit_date NOT BETWEEN $1::date AND $2::date"},
    {"caregiver_missing", "visits whose caregiver_id has no caregiver row",
     "never paired (no SSN)", true,
     "SELECT v.visit_id || ' (caregiver ' || v.caregiver_id || ')' AS example " IN_WINDOW
     "AND NOT EXISTS (SELECT 1 FROM {analytics}.caregiver c "
     "WHERE c.caregiver_id = v.caregiver_id)"},
    {"unusable_ssn", "visits whose caregiver's SSN is NULL or blank",
     "never paired, no in-service/PTO meeting", true,
     "SELECT v.visit_id || ' (caregiver ' || c.caregiver_id || ')' AS example "
     "FROM {analytics}.visit v JOIN {analytics}.caregiver c ON c.caregiver_id = v.caregiver_id "
     "WHERE v.visit_date BETWEEN $1::date AND $2::date AND COALESCE(btrim(c.ssn, ' '), '') = ''"},
    {"excluded_ssn", "visits whose caregiver's SSN is in excluded_ssn",
     "never paired, no in-service/PTO meeting", true,
     "SELECT v.visit_id || ' (caregiver ' || c.caregiver_id || ')' AS example "
     "FROM {analytics}.visit v JOIN {analytics}.caregiver c ON c.caregiver_id = v.caregiver_id "
     "WHERE v.visit_date BETWEEN $1::date AND $2::date AND btrim(c.ssn, ' ') <> '' "
     "AND EXISTS (SELECT 1 FROM {conflict}.excluded_ssn x "
     "WHERE btrim(x.ssn, ' ') = btrim(c.ssn, ' '))"},
    {"provider_missing", "visits whose provider_id has no provider row", "never paired", true,
     "SELECT v.visit_id || ' (provider ' || v.provider_id || ')' AS example " IN_WINDOW
     "AND NOT EXISTS (SELECT 1 FROM {analytics}.provider p WHERE p.provider_id = v.provider_id)"},
    {"provider_inactive", "visits of a provider not active", "never paired", true,
     "SELECT v.visit_id || ' (provider ' || p.provider_id || ')' AS example "
     "FROM {analytics}.visit v JOIN {analytics}.provider p ON p.provider_id = v.provider_id "
     "WHERE v.visit_date BETWEEN $1::date AND $2::date AND NOT p.is_active"},
    {"provider_demo", "visits of a provider marked demo", "never paired", true,
     "SELECT v.visit_id || ' (provider ' || p.provider_id || ')' AS example "
     "FROM {analytics}.visit v JOIN {analytics}.provider p ON p.provider_id = v.provider_id "
     "WHERE v.visit_date BETWEEN $1::date AND $2::date AND p.is_demo"},
    {"provider_excluded", "visits of a provider in excluded_agency (by either id)",
     "never paired", true,
     "SELECT v.visit_id || ' (provider ' || p.provider_id || ')' AS example "
     "FROM {analytics}.visit v JOIN {analytics}.provider p ON p.provider_id = v.provider_id "
     "WHERE v.visit_date BETWEEN $1::date AND $2::date "
     "AND EXISTS (SELECT 1 FROM {conflict}.excluded_agency x "
     "WHERE x.provider_id = p.provider_id OR x.app_provider_id = p.app_provider_id)"},
    {"missed", "missed visits (is_missed)",
     "in no new pair nor in-service/PTO meeting; an open pair turns R", true,
     "SELECT v.visit_id AS example " IN_WINDOW "AND v.is_missed"},
    {"half_actuals", "visits with visit_start or visit_end but not both",
     "in no conflict: the rules need both actual times or neither", true,
     "SELECT v.visit_id AS example " IN_WINDOW
     "AND (v.visit_start IS NULL) <> (v.visit_end IS NULL)"},
    {"no_times", "visits without actual times and without a whole schedule",
     "in no conflict: nothing to compare", true,
     "SELECT v.visit_id AS example " IN_WINDOW
     "AND v.visit_start IS NULL AND v.visit_end IS NULL "
     "AND (v.sch_start IS NULL OR v.sch_end IS NULL)"},
    {"visit_end_before_start", "visits whose visit_end is before visit_start",
     "compared as given, never swapped", true,
     "SELECT v.visit_id AS example " IN_WINDOW "AND v.visit_end < v.visit_start"},
    {"sch_end_before_start", "visits whose sch_end is before sch_start",
     "compared as given, never swapped", true,
     "SELECT v.visit_id AS example " IN_WINDOW "AND v.sch_end < v.sch_start"},
    {"gps_in_unparsed", "visits whose gps_in is not blank and not a \"lat,lon\" point",
     "rule 7's leg uses gps_out, else the patient's address", true,
     "SELECT v.visit_id || ' (' || left(v.gps_in, 40) || ')' AS example " IN_WINDOW
     "AND v.gps_in IS NOT NULL AND NOT " GPS_BLANK("v.gps_in") " AND NOT "
     GPS_PARSES("v.gps_in")},
    {"gps_out_unparsed", "visits whose gps_out is not blank and not a \"lat,lon\" point",
     "rule 7's leg uses gps_in, else the patient's address", true,
     "SELECT v.visit_id || ' (' || left(v.gps_out, 40) || ')' AS example " IN_WINDOW
     "AND v.gps_out IS NOT NULL AND NOT " GPS_BLANK("v.gps_out") " AND NOT "
     GPS_PARSES("v.gps_out")},
    {"no_address", "visits whose patient has no primary address of a type containing \"GPS\"",
     "no fallback point; rule 7 takes the zip codes as different", true,
     "SELECT v.visit_id AS example " IN_WINDOW
     "AND NOT EXISTS (SELECT 1 FROM {analytics}.patient_address a "
     "WHERE a.patient_id = v.provider_patient_id AND a.is_primary "
     "AND a.address_type LIKE '%GPS%')"},
    {"address_no_zip", "visits whose patient's address has no zip code",
     "rule 7 takes the zip codes as different", true,
     "SELECT v.visit_id || ' (patient ' || a.patient_id || ')' AS example "
     "FROM {analytics}.visit v JOIN " NEWEST_ADDRESS " a ON a.patient_id = v.provider_patient_id "
     "WHERE v.visit_date BETWEEN $1::date AND $2::date "
     "AND NULLIF(btrim(a.zip, ' '), '') IS NULL"},
    {"address_no_point", "visits whose patient's address has no lat or lon",
     "no fallback point when GPS is missing", true,
     "SELECT v.visit_id || ' (patient ' || a.patient_id || ')' AS example "
     "FROM {analytics}.visit v JOIN " NEWEST_ADDRESS " a ON a.patient_id = v.provider_patient_id "
     "WHERE v.visit_date BETWEEN $1::date AND $2::date AND (a.lat IS NULL OR a.lon IS NULL)"},
    {"lowercase_gps_address", "primary addresses whose type has \"gps\" only in another case",
     "ignored: the type must contain \"GPS\" (case-sensitive)", false,
     "SELECT a.address_id || ' (' || a.address_type || ')' AS example "
     "FROM {analytics}.patient_address a WHERE a.is_primary "
     "AND a.address_type ILIKE '%gps%' AND a.address_type NOT LIKE '%GPS%'"},
    {"session_end_before_start", "in-service and PTO sessions that end before they start",
     "meet no visit", false,
     "SELECT s.id AS example FROM " SESSIONS " s WHERE s.end_ts < s.start_ts"},
    {"session_ineligible",
     "in-service and PTO sessions of a caregiver or provider that cannot be paired",
     "meet no visit", false,
     "SELECT s.id AS example FROM " SESSIONS " s "
     "WHERE NOT EXISTS (SELECT 1 FROM {conflict}.eligible_caregiver c "
     "WHERE c.caregiver_id = s.caregiver_id) "
     "OR NOT EXISTS (SELECT 1 FROM {conflict}.eligible_provider p "
     "WHERE p.provider_id = s.provider_id)"},
};

#undef IN_WINDOW
#undef GPS_PARSES
#undef GPS_BLANK
#undef NEWEST_ADDRESS
#undef SESSIONS

std::int64_t number(const db::Rows& rows) { return std::stoll(rows.at(0, 0).value_or("0")); }

}  // namespace

Result<InspectReport> inspect_source(db::Session& session, const db::Schemas& schemas,
                                     Date today, std::size_t examples, StepObserver* steps) {
  if (auto current = db::require_current_schema(session, schemas); !current)
    return current.error();
  InspectReport report;
  report.window = window_for(today);
  const std::string first = format_date(report.window.first);
  const std::string last = format_date(report.window.last);
  auto done = db::in_transaction(session, [&]() -> Result<void> {
    auto set = session.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    if (!set) return set.error();
    auto visits = session.query(db::render(
        "SELECT count(*), count(*) FILTER (WHERE visit_date BETWEEN $1::date AND $2::date) "
        "FROM {analytics}.visit", schemas), {first, last});
    if (!visits) return visits.error();
    report.visits = number(*visits);
    report.window_visits = std::stoll(visits->at(0, 1).value_or("0"));
    for (const Finding& finding : kFindings) {
      if (steps) steps->started(finding.what);
      const std::string select = db::render(finding.select, schemas);
      db::Params params;
      if (finding.windowed) params = {first, last};
      auto counted = session.query(fmt::format("SELECT count(*) FROM ({}) s", select), params);
      if (!counted) return counted.error();
      InspectFinding found{finding.name, finding.what, finding.effect, number(*counted), {}};
      if (found.count > 0 && examples > 0) {
        params.push_back(std::to_string(examples));
        auto listed = session.query(
            fmt::format("SELECT example FROM ({}) s ORDER BY example COLLATE \"C\" "
                        "LIMIT ${}::bigint",
                        select, params.size()),
            params);
        if (!listed) return listed.error();
        for (std::size_t r = 0; r < listed->size(); ++r)
          found.examples.push_back(listed->at(r, 0).value_or(""));
      }
      if (steps) steps->finished(finding.what, group_thousands(static_cast<double>(found.count)));
      report.findings.push_back(std::move(found));
    }
    return {};
  });
  if (!done) return done.error();
  return report;
}

}  // namespace conflictctl::conflict

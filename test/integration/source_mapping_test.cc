// A source mapping end to end against the real PostgreSQL that test/run.sh starts: the seeded
// data set copied into a differently-shaped source schema (other table and column names, GPS
// as "lon lat" text and as two numbers, timestamps and dates as text, SSNs with dashes,
// flags as Y/N and 1/0), mapped back with a YAML file, and the daily pipeline run over it in
// both modes: `db check` finds nothing, and the pairs are those of the native schema.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "conflict/check.h"
#include "conflict/seed.h"
#include "conflict/window.h"
#include "core/clock.h"
#include "db/schema.h"
#include "db/sql_template.h"
#include "db/test_database.h"
#include "mapping/install.h"
#include "mapping/source_mapping.h"
#include "pipeline/run.h"

namespace conflictctl {
namespace {

constexpr int kVisits = 12000;

#define REQUIRE_OK(expr)                       \
  do {                                         \
    auto&& require_ok_result = (expr);         \
    if (!require_ok_result) {                  \
      std::ostringstream out;                  \
      out << require_ok_result.error();        \
      FAIL(out.str());                         \
    }                                          \
  } while (false)

void exec(db::Session& session, const std::string& sql, const db::Schemas& schemas) {
  REQUIRE_OK(session.query(db::render(sql, schemas)));
}

// Migrated schemas holding the seeded data set (the same for the same options).
void seed(const db::ConnectionSettings& settings) {
  auto session = db::testing::connected(settings);
  REQUIRE_OK(db::migrate(*session, settings.schemas, SystemClock().now()));
  conflict::SeedOptions options;
  options.visits = kVisits;
  options.seed = 11;
  options.today = conflict::utc_date(SystemClock().now());
  REQUIRE_OK(conflict::seed_database(*session, settings.schemas, options));
}

// The legacy system's tables, made from the seeded analytics tables of `from`, in the
// schema `legacy`; `with_rows` false makes them empty (same shape).
void make_legacy_tables(db::Session& session, const db::Schemas& from, const std::string& legacy,
                        bool with_rows) {
  const std::string l = db::quote_identifier(legacy);
  const std::string limit = with_rows ? "" : " LIMIT 0";
  const std::string ts = "'DD.MM.YYYY HH24:MI:SS'";
  auto text_ts = [&](const char* column) {
    return fmt::format("to_char({0}, {1}) AS \"{0}Text\"", column, ts);
  };
  REQUIRE_OK(session.query("CREATE SCHEMA IF NOT EXISTS " + l));
  exec(session, "CREATE TABLE " + l + ".\"Agencies\" AS SELECT provider_id AS \"Id\", "
                "app_provider_id AS \"AppId\", name AS \"Name\", "
                "CASE WHEN is_active THEN 'Y' ELSE 'N' END AS \"Active\", "
                "CASE WHEN is_demo THEN 'yes' ELSE 'no' END AS \"Demo\" "
                "FROM {analytics}.provider" + limit, from);
  exec(session, "CREATE TABLE " + l + ".\"Workers\" AS SELECT caregiver_id AS \"Id\", "
                "app_caregiver_id AS \"AppId\", provider_id AS \"Agency\", "
                "CASE WHEN btrim(ssn) ~ '^[0-9]{9}$' THEN substr(btrim(ssn), 1, 3) || '-' || "
                "substr(btrim(ssn), 4, 2) || '-' || substr(btrim(ssn), 6) ELSE ssn END "
                "AS \"TaxId\", code, first_name, last_name, status, 'field' AS \"Kind\" "
                "FROM {analytics}.caregiver" + limit, from);
  // Rows the mapping's query leaves out: office workers never on a visit.
  if (with_rows)
    REQUIRE_OK(session.query("INSERT INTO " + l + ".\"Workers\" VALUES ('office-1', 'o1', "
                             "NULL, '999-99-9999', NULL, NULL, NULL, NULL, 'office')"));
  exec(session, "CREATE TABLE " + l + ".\"Addresses\" AS SELECT address_id AS \"Id\", "
                "patient_id AS \"Patient\", lat, lon, zip AS \"Zip\", county, "
                "is_primary::int AS \"Primary\", address_type AS \"Type\", " +
                    fmt::format("to_char(created_at, {}) AS \"Created\"", ts) +
                    " FROM {analytics}.patient_address" + limit, from);
  exec(session, "CREATE TABLE " + l + ".\"Leave\" AS SELECT vacation_id AS \"Id\", environment, "
                "caregiver_id AS \"Worker\", provider_id AS \"Agency\", office_id, " +
                    text_ts("start_ts") + ", " + text_ts("end_ts") + " FROM {analytics}.absence" +
                    limit, from);
  exec(session,
       "CREATE TABLE " + l + ".\"Shifts\" AS SELECT visit_id AS \"ShiftKey\", app_visit_id, "
       "to_char(visit_date, 'YYYYMMDD') AS \"Day\", provider_id AS \"Agency\", "
       "app_provider_id, caregiver_id AS \"Worker\", app_caregiver_id, office_id, "
       "app_office_id, payer_id, app_payer_id, contract_id, app_contract_id, patient_id, "
       "provider_patient_id, app_provider_patient_id, payer_patient_id, app_payer_patient_id, "
       "service_code_id, " + text_ts("sch_start") + ", " + text_ts("sch_end") + ", " +
           text_ts("visit_start") + ", " + text_ts("visit_end") + ", " + text_ts("evv_start") +
           ", " + text_ts("evv_end") + ", "
       // GPS in: "lon lat" text ('' where the native text was ","); out: two numbers.
       "CASE WHEN gps_in IS NULL THEN NULL WHEN gps_in = ',' THEN '' ELSE "
       "split_part(btrim(gps_in, '\"'), ',', 2) || ' ' || split_part(btrim(gps_in, '\"'), ',', 1)"
       " END AS \"GpsIn\", "
       "CASE WHEN gps_out IS NULL OR gps_out = ',' THEN NULL ELSE "
       "split_part(btrim(gps_out, '\"'), ',', 1)::float8 END AS \"OutLat\", "
       "CASE WHEN gps_out IS NULL OR gps_out = ',' THEN NULL ELSE "
       "split_part(btrim(gps_out, '\"'), ',', 2)::float8 END AS \"OutLon\", "
       "CASE WHEN is_missed THEN 'Y' ELSE 'N' END AS \"Missed\", billed, bill_type, "
       "billed_hours::text AS \"Hours\", billed_rate, bill_rate_non_billed, " +
           text_ts("invoice_date") + " FROM {analytics}.visit" + limit, from);
}

std::string mapping_yaml(const std::string& legacy, const std::string& mode) {
  auto text_ts = [&](const char* column) {
    return fmt::format("{{column: {}Text, format: 'DD.MM.YYYY HH24:MI:SS'}}", column);
  };
  std::string yaml = fmt::format(R"(mode: {0}
tables:
  provider:
    table: {1}.Agencies
    columns:
      provider_id: Id
      app_provider_id: AppId
      name: Name
      is_active: {{column: Active, true_values: [Y]}}
      is_demo: {{column: Demo, true_values: ['yes']}}
  caregiver:
    query: |
      SELECT * FROM "{1}"."Workers" WHERE "Kind" = 'field'
    columns:
      caregiver_id: Id
      app_caregiver_id: AppId
      provider_id: Agency
      ssn: {{column: TaxId, ssn: digits}}
      code: code
      first_name: first_name
      last_name: last_name
      status: status
  patient_address:
    table: {1}.Addresses
    columns:
      address_id: Id
      patient_id: Patient
      lat: lat
      lon: lon
      zip: Zip
      county: county
      is_primary: {{column: Primary, true_values: ['1']}}
      address_type: Type
      created_at: {{column: Created, format: 'DD.MM.YYYY HH24:MI:SS'}}
  absence:
    table: {1}.Leave
    columns:
      vacation_id: Id
      environment: environment
      caregiver_id: Worker
      provider_id: Agency
      office_id: office_id
      start_ts: {2}
      end_ts: {3}
  visit:
    table: {1}.Shifts
    columns:
      visit_id: ShiftKey
      visit_date: {{column: Day, format: YYYYMMDD}}
      provider_id: Agency
      caregiver_id: Worker
      gps_in: {{column: GpsIn, separator: ' ', order: lon_lat}}
      gps_out: {{latitude: OutLat, longitude: OutLon}}
      is_missed: {{column: Missed, true_values: [Y]}}
      billed_hours: Hours
)",
                                 mode, legacy, text_ts("start_ts"), text_ts("end_ts"));
  for (const char* same :
       {"app_visit_id", "app_provider_id", "app_caregiver_id", "office_id", "app_office_id",
        "payer_id", "app_payer_id", "contract_id", "app_contract_id", "patient_id",
        "provider_patient_id", "app_provider_patient_id", "payer_patient_id",
        "app_payer_patient_id", "service_code_id", "billed", "bill_type", "billed_rate",
        "bill_rate_non_billed"})
    yaml += fmt::format("      {0}: {0}\n", same);
  for (const char* column :
       {"sch_start", "sch_end", "visit_start", "visit_end", "evv_start", "evv_end",
        "invoice_date"})
    yaml += fmt::format("      {}: {}\n", column, text_ts(column));
  return yaml;
}

mapping::SourceMapping parse(const std::string& yaml) {
  mapping::MappingRead read = mapping::parse_source_mapping(yaml, "legacy.yaml");
  for (const Diagnostic& d : read.diagnostics) UNSCOPED_INFO(d.to_string());
  REQUIRE(read.mapping);
  return *read.mapping;
}

void run_daily(const db::ConnectionSettings& settings) {
  pipeline::RunRequest request;
  request.pipeline = "conflict_report_daily";
  request.mode = tasks::TaskMode::kDatabase;
  request.database = settings;
  request.virtual_clock = false;
  NullLogger log;
  auto outcome = pipeline::run(request, log);
  REQUIRE(outcome.diagnostics.empty());
  REQUIRE(outcome.result);
  INFO(outcome.result->history.to_json().dump(1));
  REQUIRE(outcome.result->status == engine::ExecutionStatus::kSucceeded);
}

std::size_t differences(const db::ConnectionSettings& settings) {
  auto session = db::testing::connected(settings);
  auto report = conflict::check_conflicts(*session, settings.schemas,
                                          conflict::utc_date(SystemClock().now()), {});
  REQUIRE_OK(report);
  for (const conflict::Difference& d : report->differences)
    UNSCOPED_INFO(d.visit_id << " / " << d.con_visit_id << ": " << conflict::kind_name(d.kind)
                             << ": " << d.field << ": expected " << d.expected << ", found "
                             << d.actual);
  return report->differences.size();
}

// The conflict side's rows, without the surrogate ids and the times the run wrote.
std::map<std::string, std::string> results(const db::ConnectionSettings& settings) {
  const std::string row =
      "(to_jsonb(t) - 'id' - 'created_at' - 'updated_at' - 'resolve_date' - 'created_date' - "
      "'recorded_at' - 'last_load_date')::text";
  auto session = db::testing::connected(settings);
  std::map<std::string, std::string> out;
  for (std::string table : {"conflictvisitmaps", "conflicts"}) {
    auto rows = session->query(db::render("SELECT count(*) || ' ' || md5(coalesce(string_agg(" +
                                              row + ", '|' ORDER BY " + row + "), '')) FROM "
                                              "{conflict}." + table + " t",
                                          settings.schemas));
    REQUIRE_OK(rows);
    out[table] = rows->at(0, 0).value_or("");
  }
  return out;
}

// The seeded data set, moved into the legacy tables and read back through a mapping.
std::map<std::string, std::string> run_mapped(const db::ConnectionSettings& base,
                                              const std::string& mode) {
  db::testing::ScratchSchemas scratch(base, "map_" + mode);
  db::testing::ScratchSchemas legacy_scratch(base, "legacy_" + mode);
  const std::string legacy = legacy_scratch.schemas().analytics;
  const auto& settings = scratch.settings();
  seed(settings);
  auto session = db::testing::connected(settings);
  const bool copy = mode == "copy";
  // Copy mode: the mapping is installed over empty legacy tables, which are filled only
  // afterwards, so the pairs can only come from task_01's refresh.
  make_legacy_tables(*session, settings.schemas, legacy, true);
  if (copy) {
    for (const char* table : {"Agencies", "Workers", "Addresses", "Leave", "Shifts"})
      REQUIRE_OK(session->query("ALTER TABLE " + db::quote_identifier(legacy) + "." +
                                db::quote_identifier(table) + " RENAME TO " +
                                db::quote_identifier(std::string(table) + "Seeded")));
    make_legacy_tables(*session, settings.schemas, legacy, false);
  }
  exec(*session, "TRUNCATE {analytics}.provider, {analytics}.caregiver, "
                 "{analytics}.patient_address, {analytics}.absence, {analytics}.visit",
       settings.schemas);
  auto installed =
      mapping::install_source_mapping(*session, settings.schemas, parse(mapping_yaml(legacy, mode)));
  REQUIRE_OK(installed);
  CHECK(installed->tables ==
        std::vector<std::string>{"provider", "caregiver", "patient_address", "absence", "visit"});
  CHECK(installed->views_recreated.size() == 2);  // eligible_provider, eligible_caregiver
  if (copy) {
    for (const char* table : {"Agencies", "Workers", "Addresses", "Leave", "Shifts"})
      REQUIRE_OK(session->query("INSERT INTO " + db::quote_identifier(legacy) + "." +
                                db::quote_identifier(table) + " SELECT * FROM " +
                                db::quote_identifier(legacy) + "." +
                                db::quote_identifier(std::string(table) + "Seeded")));
    auto empty = session->query(db::render("SELECT count(*) FROM {analytics}.visit",
                                           settings.schemas));
    REQUIRE_OK(empty);
    CHECK(empty->at(0, 0) == "0");  // not refreshed yet
  }
  run_daily(settings);
  CHECK(differences(settings) == 0);
  auto out = results(settings);
  // A second run over unchanged data changes nothing.
  run_daily(settings);
  CHECK(differences(settings) == 0);
  return out;
}

TEST_CASE("the daily pipeline over a source mapping finds the native schema's pairs, as views "
          "and as a copy",
          "[integration]") {
  REQUIRE_TEST_DATABASE(base);
  std::map<std::string, std::string> native;
  {
    db::testing::ScratchSchemas scratch(*base, "map_native");
    seed(scratch.settings());
    run_daily(scratch.settings());
    CHECK(differences(scratch.settings()) == 0);
    native = results(scratch.settings());
  }
  INFO(native["conflictvisitmaps"]);
  CHECK(std::stoi(native["conflictvisitmaps"]) > 100);
  CHECK(run_mapped(*base, "views") == native);
  CHECK(run_mapped(*base, "copy") == native);
}

}  // namespace
}  // namespace conflictctl

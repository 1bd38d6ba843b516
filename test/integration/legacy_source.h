#pragma once
// A "legacy" source schema for the source-mapping tests and bench: the seeded analytics tables
// copied into tables of other names and shapes, and the mapping that reads them back.
//   Agencies   provider:        Id, AppId, Name, Active 'Y'/'N', Demo 'yes'/'no'
//   Workers    caregiver:       TaxId '123-45-6789' (read with ssn: digits), plus rows of
//              Kind 'office' that the mapping's query leaves out
//   Addresses  patient_address: Primary 1/0, Created as 'DD.MM.YYYY HH24:MI:SS' text
//   Leave      absence:         start/end as text
//   Shifts     visit:           Day 'YYYYMMDD', times as text, GpsIn "lon lat" text ('' where
//              the native text was ","), OutLat/OutLon float8, Missed 'Y'/'N', Hours text
// The other tables of the model stay native. No index is made: a user's tables may have none.
// Header-only, without Catch2, so that bench/mapping_bench.cc can use it too.
#include <fmt/format.h>

#include <string>
#include <vector>

#include "db/sql_template.h"

namespace conflictctl::legacy {

// The legacy tables, in `legacy`, from the analytics tables of `from`; empty (same columns)
// unless `with_rows`. Statements, in order.
inline std::vector<std::string> tables_sql(const db::Schemas& from, const std::string& legacy,
                                           bool with_rows) {
  const std::string l = db::quote_identifier(legacy);
  const std::string limit = with_rows ? "" : " LIMIT 0";
  auto text_ts = [](const char* column) {
    return fmt::format("to_char({0}, 'DD.MM.YYYY HH24:MI:SS') AS \"{0}Text\"", column);
  };
  std::vector<std::string> out;
  out.push_back("CREATE SCHEMA IF NOT EXISTS " + l);
  out.push_back("CREATE TABLE " + l + ".\"Agencies\" AS SELECT provider_id AS \"Id\", "
                "app_provider_id AS \"AppId\", name AS \"Name\", "
                "CASE WHEN is_active THEN 'Y' ELSE 'N' END AS \"Active\", "
                "CASE WHEN is_demo THEN 'yes' ELSE 'no' END AS \"Demo\" "
                "FROM {analytics}.provider" + limit);
  out.push_back("CREATE TABLE " + l + ".\"Workers\" AS SELECT caregiver_id AS \"Id\", "
                "app_caregiver_id AS \"AppId\", provider_id AS \"Agency\", "
                "CASE WHEN btrim(ssn) ~ '^[0-9]{9}$' THEN substr(btrim(ssn), 1, 3) || '-' || "
                "substr(btrim(ssn), 4, 2) || '-' || substr(btrim(ssn), 6) ELSE ssn END "
                "AS \"TaxId\", code, first_name, last_name, status, 'field' AS \"Kind\" "
                "FROM {analytics}.caregiver" + limit);
  if (with_rows)
    out.push_back("INSERT INTO " + l + ".\"Workers\" VALUES ('office-1', 'o1', NULL, "
                  "'999-99-9999', NULL, NULL, NULL, NULL, 'office')");
  out.push_back("CREATE TABLE " + l + ".\"Addresses\" AS SELECT address_id AS \"Id\", "
                "patient_id AS \"Patient\", lat, lon, zip AS \"Zip\", county, "
                "is_primary::int AS \"Primary\", address_type AS \"Type\", "
                "to_char(created_at, 'DD.MM.YYYY HH24:MI:SS') AS \"Created\" "
                "FROM {analytics}.patient_address" + limit);
  out.push_back("CREATE TABLE " + l + ".\"Leave\" AS SELECT vacation_id AS \"Id\", environment, "
                "caregiver_id AS \"Worker\", provider_id AS \"Agency\", office_id, " +
                text_ts("start_ts") + ", " + text_ts("end_ts") + " FROM {analytics}.absence" +
                limit);
  out.push_back(
      "CREATE TABLE " + l + ".\"Shifts\" AS SELECT visit_id AS \"ShiftKey\", app_visit_id, "
      "to_char(visit_date, 'YYYYMMDD') AS \"Day\", provider_id AS \"Agency\", "
      "app_provider_id, caregiver_id AS \"Worker\", app_caregiver_id, office_id, "
      "app_office_id, payer_id, app_payer_id, contract_id, app_contract_id, patient_id, "
      "provider_patient_id, app_provider_patient_id, payer_patient_id, app_payer_patient_id, "
      "service_code_id, " + text_ts("sch_start") + ", " + text_ts("sch_end") + ", " +
      text_ts("visit_start") + ", " + text_ts("visit_end") + ", " + text_ts("evv_start") +
      ", " + text_ts("evv_end") + ", "
      "CASE WHEN gps_in IS NULL THEN NULL WHEN gps_in = ',' THEN '' ELSE "
      "split_part(btrim(gps_in, '\"'), ',', 2) || ' ' || split_part(btrim(gps_in, '\"'), ',', 1)"
      " END AS \"GpsIn\", "
      "CASE WHEN gps_out IS NULL OR gps_out = ',' THEN NULL ELSE "
      "split_part(btrim(gps_out, '\"'), ',', 1)::float8 END AS \"OutLat\", "
      "CASE WHEN gps_out IS NULL OR gps_out = ',' THEN NULL ELSE "
      "split_part(btrim(gps_out, '\"'), ',', 2)::float8 END AS \"OutLon\", "
      "CASE WHEN is_missed THEN 'Y' ELSE 'N' END AS \"Missed\", billed, bill_type, "
      "billed_hours::text AS \"Hours\", billed_rate, bill_rate_non_billed, " +
      text_ts("invoice_date") + " FROM {analytics}.visit" + limit);
  for (std::string& sql : out) sql = db::render(sql, from);
  return out;
}

// The legacy tables' names, in the order the mapping lists them.
inline const std::vector<std::string>& table_names() {
  static const std::vector<std::string> names = {"Agencies", "Workers", "Addresses", "Leave",
                                                 "Shifts"};
  return names;
}

// The analytics tables the mapping replaces, in the mapping's order.
inline const std::vector<std::string>& mapped_tables() {
  static const std::vector<std::string> names = {"provider", "caregiver", "patient_address",
                                                 "absence", "visit"};
  return names;
}

// The source mapping of the legacy tables in `legacy`, in `mode` (views or copy).
inline std::string mapping_yaml(const std::string& legacy, const std::string& mode) {
  auto text_ts = [](const char* column) {
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

}  // namespace conflictctl::legacy

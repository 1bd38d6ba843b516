#include "mapping/source_model.h"

namespace conflictctl::mapping {

namespace {

constexpr ColumnKind kText = ColumnKind::kText;
constexpr ColumnKind kBool = ColumnKind::kBoolean;
constexpr ColumnKind kTime = ColumnKind::kTimestamp;
constexpr ColumnKind kNum = ColumnKind::kNumeric;

ModelColumn text(std::string_view name, bool required = false) {
  return {name, "text", kText, required, ""};
}
ModelColumn flag(std::string_view name, std::string_view default_sql) {
  return {name, "boolean", kBool, false, default_sql};
}
ModelColumn timestamp(std::string_view name, bool required = false) {
  return {name, "timestamp", kTime, required, ""};
}
ModelColumn number(std::string_view name, std::string_view sql_type) {
  return {name, sql_type, kNum, false, ""};
}

std::vector<ModelTable> build() {
  std::vector<ModelTable> tables;
  tables.push_back({"provider",
                    {text("provider_id", true), text("app_provider_id", true),
                     text("name", true), text("federal_tax_number"), text("phone"),
                     flag("is_active", "true"), flag("is_demo", "false")},
                    {"provider_id"},
                    {}});
  tables.push_back({"caregiver",
                    {text("caregiver_id", true), text("app_caregiver_id", true),
                     text("provider_id"), {"ssn", "text", ColumnKind::kSsn, false, ""},
                     text("code"), text("first_name"), text("last_name"), text("status")},
                    {"caregiver_id"},
                    {{"ssn"}}});
  tables.push_back({"payer",
                    {text("payer_id", true), text("app_payer_id", true), text("name", true),
                     text("state"), flag("is_active", "true"), flag("is_demo", "false")},
                    {"payer_id"},
                    {}});
  tables.push_back({"contract",
                    {text("contract_id", true), text("app_contract_id"), text("name", true),
                     flag("is_active", "true")},
                    {"contract_id"},
                    {}});
  tables.push_back({"office",
                    {text("office_id", true), text("app_office_id"), text("name"),
                     flag("is_active", "true")},
                    {"office_id"},
                    {}});
  tables.push_back({"patient_address",
                    {text("address_id", true), text("patient_id", true),
                     number("lat", "numeric(12,8)"), number("lon", "numeric(12,8)"),
                     text("zip"), text("county"), flag("is_primary", "false"),
                     text("address_type"), timestamp("created_at", true)},
                    {"address_id"},
                    {{"patient_id"}}});
  tables.push_back({"service_code",
                    {text("service_code_id", true), text("app_service_code_id"), text("code")},
                    {"service_code_id"},
                    {}});
  tables.push_back({"payer_provider",
                    {text("payer_id", true), text("provider_id", true), text("app_payer_id"),
                     text("app_provider_id")},
                    {"payer_id", "provider_id"},
                    {}});
  tables.push_back({"deleted_visit", {text("visit_id", true)}, {"visit_id"}, {}});
  for (std::string_view name : {"inservice", "absence"}) {
    tables.push_back({name,
                      {text(name == "inservice" ? "inservice_id" : "vacation_id", true),
                       {"environment", "text", kText, false, "''"},
                       text("caregiver_id", true), text("provider_id", true),
                       text("office_id"), timestamp("start_ts", true),
                       timestamp("end_ts", true)},
                      {name == "inservice" ? "inservice_id" : "vacation_id", "environment"},
                      {}});
  }
  tables.push_back(
      {"visit",
       {text("visit_id", true), text("app_visit_id", true),
        {"visit_date", "date", ColumnKind::kDate, true, ""}, text("provider_id", true),
        text("app_provider_id", true), text("caregiver_id", true),
        text("app_caregiver_id", true), text("office_id"), text("app_office_id"),
        text("payer_id"), text("app_payer_id"), text("contract_id"), text("app_contract_id"),
        text("patient_id"), text("provider_patient_id"), text("app_provider_patient_id"),
        text("payer_patient_id"), text("app_payer_patient_id"), text("service_code_id"),
        timestamp("sch_start"), timestamp("sch_end"), timestamp("visit_start"),
        timestamp("visit_end"), timestamp("evv_start"), timestamp("evv_end"),
        {"gps_in", "text", ColumnKind::kGps, false, ""},
        {"gps_out", "text", ColumnKind::kGps, false, ""}, flag("is_missed", "false"),
        text("billed"), text("bill_type"), number("billed_hours", "numeric(10,2)"),
        number("billed_rate", "numeric(12,2)"), number("bill_rate_non_billed", "numeric(12,2)"),
        timestamp("invoice_date")},
       {"visit_id"},
       {{"caregiver_id", "visit_date"}, {"visit_date"}}});
  return tables;
}

}  // namespace

const ModelColumn* ModelTable::column(std::string_view wanted) const {
  for (const ModelColumn& c : columns)
    if (c.name == wanted) return &c;
  return nullptr;
}

const std::vector<ModelTable>& source_model() {
  static const std::vector<ModelTable> tables = build();
  return tables;
}

const ModelTable* find_model_table(std::string_view name) {
  for (const ModelTable& table : source_model())
    if (table.name == name) return &table;
  return nullptr;
}

}  // namespace conflictctl::mapping

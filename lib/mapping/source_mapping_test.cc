#include "mapping/source_mapping.h"

#include <catch2/catch.hpp>

namespace conflictctl::mapping {
namespace {

std::string problems(const std::string& text) {
  MappingRead read = parse_source_mapping(text, "map.yaml");
  std::string out;
  for (const Diagnostic& d : read.diagnostics) out += d.to_string() + "\n";
  CHECK(read.mapping.has_value() == out.empty());
  return out;
}

const char* kVisitRequired = R"(
      visit_id: id
      app_visit_id: {value: '0'}
      visit_date: {column: day, format: YYYYMMDD}
      provider_id: agency
      app_provider_id: agency
      caregiver_id: worker
      app_caregiver_id: worker
)";

TEST_CASE("a source mapping is read with its conversions", "[mapping]") {
  const std::string text = std::string(R"(mode: copy
tables:
  visit:
    table: legacy.Shifts
    columns:)") + kVisitRequired + R"(
      sch_start: {column: begins, format: 'DD.MM.YYYY HH24:MI'}
      gps_in: {column: gps_begin, separator: ' ', order: lon_lat}
      gps_out: {latitude: out_lat, longitude: out_lon}
      is_missed: {column: missed, true_values: [Y, y]}
      billed: {value: null}
  caregiver:
    query: SELECT * FROM legacy.workers WHERE kind = 'field'
    columns:
      caregiver_id: id
      app_caregiver_id: id
      ssn: {column: tax_id, ssn: number}
)";
  MappingRead read = parse_source_mapping(text, "map.yaml");
  REQUIRE(read.diagnostics.empty());
  const SourceMapping& mapping = *read.mapping;
  CHECK(mapping.mode == MappingMode::kCopy);
  REQUIRE(mapping.tables.size() == 2);
  const TableMapping& visit = mapping.tables[0];
  CHECK(visit.target == "visit");
  CHECK(*visit.schema == "legacy");
  CHECK(*visit.table == "Shifts");
  CHECK(visit.source_name() == "\"legacy\".\"Shifts\"");
  REQUIRE(visit.columns.size() == 12);
  CHECK(visit.columns[1].constant);
  CHECK(*visit.columns[1].value == "0");
  CHECK(*visit.columns[2].format == "YYYYMMDD");
  CHECK(visit.columns[2].where.line == 8);
  CHECK(*visit.columns[8].separator == " ");
  CHECK(visit.columns[8].order == GpsOrder::kLonLat);
  CHECK(*visit.columns[9].latitude == "out_lat");
  CHECK(visit.columns[10].true_values == std::vector<std::string>{"Y", "y"});
  CHECK(visit.columns[11].constant);
  CHECK_FALSE(visit.columns[11].value);
  const TableMapping* caregiver = mapping.table("caregiver");
  REQUIRE(caregiver);
  CHECK(caregiver->query == "SELECT * FROM legacy.workers WHERE kind = 'field'");
  CHECK(caregiver->source_name() == "the query");
  CHECK(caregiver->columns[2].ssn == SsnFormat::kNumber);
}

TEST_CASE("mode defaults to views", "[mapping]") {
  MappingRead read = parse_source_mapping(
      "tables:\n  deleted_visit:\n    table: s.gone\n    columns:\n      visit_id: id\n", "m");
  REQUIRE(read.mapping);
  CHECK(read.mapping->mode == MappingMode::kViews);
}

TEST_CASE("every problem of a source mapping names its line", "[mapping]") {
  CHECK(problems("mode: fast\ntables:\n  visits:\n    table: a.b\n") ==
        "map.yaml:1:7: 'mode' must be views or copy\n"
        "map.yaml:3:3: 'visits' is not a table of the source model (expected provider, "
        "caregiver, payer, contract, office, patient_address, service_code, payer_provider, "
        "deleted_visit, inservice, absence or visit)\n");
  CHECK(problems("tables:\n  deleted_visit:\n    table: gone\n    columns:\n"
                 "      visit_id: id\n") ==
        "map.yaml:3:12: table deleted_visit: 'gone' must be schema.table\n");
  CHECK(problems("tables:\n  deleted_visit:\n    table: s.gone\n    query: SELECT 1\n"
                 "    columns:\n      visit_id: id\n") ==
        "map.yaml:2:3: table deleted_visit: give 'table' or 'query', not both\n");
  CHECK(problems("tables:\n  deleted_visit:\n    columns:\n      visit_id: id\n") ==
        "map.yaml:2:3: table deleted_visit: missing 'table' (schema.table) or 'query'\n");
  CHECK(problems("tables:\n  deleted_visit:\n    table: s.gone\n    columns:\n      id: id\n") ==
        "map.yaml:5:7: table deleted_visit has no column 'id' (its columns: visit_id)\n"
        "map.yaml:2:3: table deleted_visit: column visit_id must be mapped (NOT NULL in the "
        "source model)\n");
  CHECK(problems("tables:\n  provider:\n    table: s.p\n    columns:\n"
                 "      provider_id: {column: id, format: YYYY}\n"
                 "      app_provider_id: {column: id, true_values: yes}\n"
                 "      name: {value: null}\n"
                 "      is_active: {column: active, true_values: []}\n"
                 "      is_demo: {column: demo, ssn: digits}\n"
                 "      phone: {column: a, value: b}\n") ==
        "map.yaml:5:33: provider.provider_id: 'format' applies only to date and timestamp "
        "columns (this column is a text)\n"
        "map.yaml:6:37: provider.app_provider_id: 'true_values' applies only to boolean "
        "columns (this column is a text)\n"
        "map.yaml:7:7: provider.name: cannot be null (NOT NULL in the source model)\n"
        "map.yaml:8:48: provider.is_active: 'true_values' must be a list of the texts that "
        "mean true, such as [Y, yes]\n"
        "map.yaml:9:31: provider.is_demo: 'ssn' applies only to caregiver.ssn (this column "
        "is a boolean)\n"
        "map.yaml:10:7: provider.phone: give exactly one of 'column', 'value' and 'latitude' "
        "with 'longitude'\n");
  CHECK(problems("tables:\n  visit:\n    table: s.v\n    columns:\n      gps_in: {latitude: a}\n"
                 "      gps_out: {separator: ';'}\n      sch_end: [a]\n") ==
        "map.yaml:5:7: visit.gps_in: 'latitude' and 'longitude' go together\n"
        "map.yaml:6:7: visit.gps_out: give exactly one of 'column', 'value' and 'latitude' "
        "with 'longitude'\n"
        "map.yaml:7:16: visit.sch_end: expected a column name or a mapping such as "
        "{column: NAME, format: FORMAT}\n"
        "map.yaml:2:3: table visit: column visit_id must be mapped (NOT NULL in the source "
        "model)\n"
        "map.yaml:2:3: table visit: column app_visit_id must be mapped (NOT NULL in the "
        "source model)\n"
        "map.yaml:2:3: table visit: column visit_date must be mapped (NOT NULL in the "
        "source model)\n"
        "map.yaml:2:3: table visit: column provider_id must be mapped (NOT NULL in the "
        "source model)\n"
        "map.yaml:2:3: table visit: column app_provider_id must be mapped (NOT NULL in the "
        "source model)\n"
        "map.yaml:2:3: table visit: column caregiver_id must be mapped (NOT NULL in the "
        "source model)\n"
        "map.yaml:2:3: table visit: column app_caregiver_id must be mapped (NOT NULL in the "
        "source model)\n");
  CHECK(problems("tables: [a]\nextra: 1\n") ==
        "map.yaml:2:1: unknown key 'extra' (expected mode or tables)\n"
        "map.yaml:1:9: 'tables' must map tables of the source model to yours\n");
  CHECK(problems("mode: views\n") == "map.yaml:1:1: missing 'tables'\n");
  CHECK(problems("tables: {a: [}\n") == "map.yaml:1:14: illegal flow end\n");
}

TEST_CASE("a mapping file that cannot be read is one problem", "[mapping]") {
  MappingRead read = read_source_mapping("/nonexistent/map.yaml");
  REQUIRE(read.diagnostics.size() == 1);
  CHECK(read.diagnostics[0].to_string() == "/nonexistent/map.yaml: cannot read the file");
}

}  // namespace
}  // namespace conflictctl::mapping

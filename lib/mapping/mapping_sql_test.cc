#include "mapping/mapping_sql.h"

#include <catch2/catch.hpp>

namespace conflictctl::mapping {
namespace {

SourceMapping parse(const std::string& text) {
  MappingRead read = parse_source_mapping(text, "map.yaml");
  for (const Diagnostic& d : read.diagnostics) UNSCOPED_INFO(d.to_string());
  REQUIRE(read.mapping);
  return *read.mapping;
}

TEST_CASE("a mapped table becomes a SELECT of the model's columns, values as %L", "[mapping]") {
  SourceMapping mapping = parse(R"(tables:
  absence:
    table: hr.Leave%s
    columns:
      vacation_id: {column: Id}
      caregiver_id: worker
      provider_id: {value: P1}
      start_ts: {column: from, format: 'YYYY-MM-DD"T"HH24:MI'}
      end_ts: {column: to, format: 'YYYY-MM-DD"T"HH24:MI'}
)");
  ComposedSql sql = select_sql(mapping.tables[0], *find_model_table("absence"));
  CHECK(sql.text ==
        "SELECT (src.\"Id\")::text AS \"vacation_id\",\n"
        "       ''::text AS \"environment\",\n"
        "       (src.\"worker\")::text AS \"caregiver_id\",\n"
        "       %L::text AS \"provider_id\",\n"
        "       NULL::text AS \"office_id\",\n"
        "       to_timestamp(src.\"from\"::text, %L)::timestamp AS \"start_ts\",\n"
        "       to_timestamp(src.\"to\"::text, %L)::timestamp AS \"end_ts\"\n"
        "FROM \"hr\".\"Leave%%s\" AS src");
  CHECK(sql.literals == std::vector<std::string>{"P1", "YYYY-MM-DD\"T\"HH24:MI",
                                                 "YYYY-MM-DD\"T\"HH24:MI"});
}

TEST_CASE("GPS, SSN and boolean conversions", "[mapping]") {
  SourceMapping mapping = parse(R"(tables:
  caregiver:
    query: SELECT * FROM t WHERE code LIKE 'A%'
    columns:
      caregiver_id: id
      app_caregiver_id: id
      ssn: {column: tax, ssn: digits}
  patient_address:
    table: s.addr
    columns:
      address_id: id
      patient_id: pid
      is_primary: {column: prim, true_values: ['1', yes]}
      created_at: made
)");
  ComposedSql caregiver = select_sql(mapping.tables[0], *find_model_table("caregiver"));
  CHECK(caregiver.text.find("regexp_replace(src.\"tax\"::text, '[^0-9]', '', 'g') AS \"ssn\"") !=
        std::string::npos);
  CHECK(caregiver.text.substr(caregiver.text.find("FROM")) ==
        "FROM (SELECT * FROM t WHERE code LIKE 'A%%'\n) AS src");
  ComposedSql address = select_sql(mapping.tables[1], *find_model_table("patient_address"));
  CHECK(address.text.find("coalesce(btrim(src.\"prim\"::text) = ANY (ARRAY[%L, %L]::text[]), "
                          "false) AS \"is_primary\"") != std::string::npos);
  CHECK(address.text.find("(src.\"made\")::timestamp AS \"created_at\"") != std::string::npos);
  CHECK(address.literals == std::vector<std::string>{"1", "yes"});

  SourceMapping gps = parse(R"(tables:
  visit:
    table: s.v
    columns:
      visit_id: id
      app_visit_id: id
      visit_date: day
      provider_id: p
      app_provider_id: p
      caregiver_id: c
      app_caregiver_id: c
      gps_in: {column: gin, separator: ';', order: lon_lat}
      gps_out: {latitude: la, longitude: lo}
      billed_hours: {column: hours}
)");
  ComposedSql visit = select_sql(gps.tables[0], *find_model_table("visit"));
  CHECK(visit.text.find(
            "CASE WHEN nullif(btrim(src.\"gin\"::text), '') IS NULL THEN NULL ELSE "
            "btrim(split_part(btrim(src.\"gin\"::text), %L, 2)) || ',' || "
            "btrim(split_part(btrim(src.\"gin\"::text), %L, 1)) END AS \"gps_in\"") !=
        std::string::npos);
  CHECK(visit.text.find("CASE WHEN src.\"la\" IS NULL OR src.\"lo\" IS NULL THEN NULL ELSE "
                        "src.\"la\"::numeric::text || ',' || src.\"lo\"::numeric::text END AS "
                        "\"gps_out\"") != std::string::npos);
  CHECK(visit.text.find("(src.\"hours\")::numeric(10,2) AS \"billed_hours\"") !=
        std::string::npos);
  CHECK(visit.text.find("false::boolean AS \"is_missed\"") != std::string::npos);
  CHECK(visit.literals == std::vector<std::string>{";", ";"});
}

TEST_CASE("mode copy makes a materialized view with the model's key and indexes", "[mapping]") {
  SourceMapping mapping = parse(R"(mode: copy
tables:
  visit:
    table: s.v
    columns:
      visit_id: id
      app_visit_id: id
      visit_date: day
      provider_id: p
      app_provider_id: p
      caregiver_id: c
      app_caregiver_id: c
)");
  db::Schemas schemas{"conflict", "my%analytics"};
  auto statements = create_statements(mapping.tables[0], mapping.mode, schemas);
  REQUIRE(statements.size() == 4);
  CHECK(statements[0].text.rfind("CREATE MATERIALIZED VIEW \"my%%analytics\".\"visit\" AS\n"
                                 "SELECT (src.\"id\")::text AS \"visit_id\",", 0) == 0);
  CHECK(statements[1].text == "CREATE UNIQUE INDEX ON \"my%%analytics\".\"visit\" (\"visit_id\")");
  CHECK(statements[2].text ==
        "CREATE INDEX ON \"my%%analytics\".\"visit\" (\"caregiver_id\", \"visit_date\")");
  CHECK(statements[3].text == "CREATE INDEX ON \"my%%analytics\".\"visit\" (\"visit_date\")");
  mapping.mode = MappingMode::kViews;
  auto views = create_statements(mapping.tables[0], mapping.mode, schemas);
  REQUIRE(views.size() == 1);
  CHECK(views[0].text.rfind("CREATE VIEW \"my%%analytics\".\"visit\" AS\n", 0) == 0);
}

}  // namespace
}  // namespace conflictctl::mapping

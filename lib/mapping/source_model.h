#pragma once
// The source model: the tables of the analytics schema that the Conflict Report tasks read
// (sql/migrations/0001_init.sql, docs/database.md), described column by column so that a
// source mapping (mapping/source_mapping.h) can be checked against it and turned into SQL
// (mapping/mapping_sql.h). A test keeps this description equal to the migration's tables.
#include <string_view>
#include <vector>

namespace conflictctl::mapping {

// What a column holds, as far as a mapping's conversions care.
enum class ColumnKind {
  kText,
  kBoolean,
  kDate,
  kTimestamp,  // timestamp without time zone holding UTC wall time
  kNumeric,
  kGps,        // text "lat,lon" (gps_in, gps_out; docs/conflict-rules.md)
  kSsn,        // text, nine digits (caregiver.ssn)
};

struct ModelColumn {
  std::string_view name;
  std::string_view sql_type;  // as the migration declares it: "text", "numeric(12,8)", …
  ColumnKind kind = ColumnKind::kText;
  // NOT NULL without a default: a mapping must give it.
  bool required = false;
  // The SQL literal the migration's DEFAULT gives ("true", "''"); "" for none (NULL).
  std::string_view default_sql;
};

struct ModelTable {
  std::string_view name;
  std::vector<ModelColumn> columns;
  std::vector<std::string_view> key;                   // the primary key's columns
  std::vector<std::vector<std::string_view>> indexes;  // the other indexes, each its columns

  const ModelColumn* column(std::string_view name) const;
};

// The twelve tables, in the migration's order.
const std::vector<ModelTable>& source_model();

// The table named `name`, or nullptr.
const ModelTable* find_model_table(std::string_view name);

}  // namespace conflictctl::mapping

#pragma once
// A source mapping: how the tables of the source model (mapping/source_model.h,
// docs/database.md) are read from a database whose tables have other names, other columns and
// other formats. `conflictctl db init --source-mapping F` (or POSTGRES_SOURCE_MAPPING) reads
// one and builds the analytics schema from it (mapping/install.h).
//
// The file (YAML):
//
//   mode: views                 # views (default) or copy
//   tables:
//     visit:                    # a table of the source model
//       table: legacy.shifts    # the user's table, schema-qualified; or, instead:
//       # query: SELECT … FROM …   (any SELECT; its output columns are the source's columns)
//       columns:                # model column: how to read it
//         visit_id: shift_key                 # a column, cast to the model's type
//         visit_date: {column: day, format: YYYYMMDD}          # text date/timestamp and its
//         sch_start: {column: begins, format: 'DD.MM.YYYY HH24:MI'}   # to_timestamp format
//         is_missed: {column: missed, true_values: [Y, y]}     # boolean from text
//         gps_in: {column: gps_begin, separator: ' ', order: lon_lat}   # GPS text
//         gps_out: {latitude: out_lat, longitude: out_lon}    # GPS as two numbers
//         app_visit_id: {value: '0'}                          # a constant (null: NULL)
//     caregiver:
//       table: legacy.workers
//       columns:
//         ssn: {column: tax_id, ssn: digits}    # digits: keep the digits ("123-45-6789");
//                                               # number: a numeric column, zero-padded to 9
//
// Rules, each checked with a message naming the file and line (yaml-cpp's marks):
// - `mode` is views or copy. views: each mapped table becomes a view over the user's table,
//   read live by every task; copy: a materialized view with the model's key and indexes,
//   refreshed by task_01 at the start of each run (docs/database.md, "Your own tables").
// - Every key under `tables` is a table of the source model; each has exactly one of `table`
//   and `query`. A table left out stays the plain table `db init` made.
// - Every key under `columns` is a column of that table. A column left out is NULL, or the
//   model's default (is_active true, is_demo false, environment ''); a column the model
//   declares NOT NULL without a default must be mapped.
// - A column is read from exactly one of `column`, `value` and `latitude` + `longitude`.
//   `format` only for date and timestamp columns, `true_values` only for boolean ones, `ssn`
//   only for caregiver.ssn, `separator`/`order` and `latitude`/`longitude` only for gps_in and
//   gps_out.
// Names are used exactly as written (quoted identifiers: `Shifts` is not `shifts`). Whether
// the user's table and columns exist is checked when the mapping is installed.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"

namespace conflictctl::mapping {

enum class MappingMode { kViews, kCopy };

// Where in the file an item was written (1-based).
struct Location {
  int line = 0;
  int column = 0;
};

enum class SsnFormat { kAsIs, kDigits, kNumber };
enum class GpsOrder { kLatLon, kLonLat };

// How one column of the model is read.
struct ColumnMapping {
  std::string target;                // the model's column
  std::optional<std::string> column;  // the source column
  bool constant = false;              // `value` was given
  std::optional<std::string> value;   // its text; nullopt = NULL
  std::optional<std::string> format;  // to_date/to_timestamp format
  std::vector<std::string> true_values;
  SsnFormat ssn = SsnFormat::kAsIs;
  std::optional<std::string> separator;  // GPS text: between the two numbers
  GpsOrder order = GpsOrder::kLatLon;
  std::optional<std::string> latitude;   // GPS as two columns
  std::optional<std::string> longitude;
  Location where;
};

// How one table of the model is read.
struct TableMapping {
  std::string target;  // the model's table
  std::optional<std::string> schema, table;  // `table: schema.name`
  std::optional<std::string> query;          // or `query`
  std::vector<ColumnMapping> columns;        // in the file's order
  Location where;

  // "legacy"."shifts" style text for messages, or "the query".
  std::string source_name() const;
};

struct SourceMapping {
  std::string file;  // as the user named it
  MappingMode mode = MappingMode::kViews;  // Default: views
  std::vector<TableMapping> tables;        // in the file's order

  const TableMapping* table(std::string_view target) const;
};

// "views" / "copy".
std::string_view mode_name(MappingMode mode);

// A mapping read from a file: the mapping when the file holds no problem, and every problem
// found (each a Diagnostic with the file, line and column).
struct MappingRead {
  std::optional<SourceMapping> mapping;  // set exactly when diagnostics is empty
  Diagnostics diagnostics;
};

// Parses and checks `text`, the content of `file`.
MappingRead parse_source_mapping(const std::string& text, const std::string& file);

// Reads `file` and parses it; a file that cannot be read is one Diagnostic.
MappingRead read_source_mapping(const std::string& file);

}  // namespace conflictctl::mapping

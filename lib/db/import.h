#pragma once
// `db import`: an extract (db/extract.h) loaded into one existing table, the good records
// kept and the bad ones listed instead of failing the load.
//
// How, all in ONE transaction (a failure of the whole import leaves the table as it was):
//   1. the table's columns, types, NOT NULL marks and primary key are read from the catalog;
//      each field of the extract is matched to a column: through `field_map` when it names the
//      field (an empty column there skips the field), else by name, without regard to case
//      (Snowflake writes headers in upper case); a field that matches no column, or two fields
//      one column, is an Error (`Import.BadMapping`) before anything is written, and so is a
//      field of `field_map` that the extract does not have (for JSON Lines, that no line has:
//      known once every line is read);
//   2. the records are COPYed into a temporary table of text columns (cx_import), each with its
//      line; records the reader could not read are rejected there;
//   3. every value is checked against its column as PostgreSQL itself reads it: a column whose
//      values all convert costs one set-based cast; only a column with a bad value is tried
//      value by value (a temporary function catching the conversion error), so each reason is
//      PostgreSQL's own message ("invalid input syntax for type date: "2026-13-01"");
//      a NULL in a NOT NULL column, and a primary key repeated in the file or already in the
//      table, are rejected too;
//   4. the other records are inserted (INSERT … SELECT, in line order). The fields the extract
//      has are written; the table's other columns get their defaults. For JSON Lines, a field
//      is a key some line has; a line without it gives that column its default (NULL when it
//      has none), while an explicit null is NULL.
// A record can be rejected for several reasons: each is listed. With `max_rejects` set and more
// records rejected than that, step 4 is skipped: nothing is inserted (ImportReport::refused). Any other failure (a CHECK or
// foreign key the table adds, a lost connection) fails the whole import with nothing written.
//
// Progress: the steps "reading <file>", "checking rows", "inserting into <table>" go to the
// StepObserver (core/steps.h), when one is given.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/steps.h"
#include "db/database.h"
#include "db/extract.h"

namespace conflictctl::db {

namespace error_names {
inline constexpr std::string_view kUnknownTable = "Import.UnknownTable";
inline constexpr std::string_view kBadMapping = "Import.BadMapping";
}  // namespace error_names

struct ImportTarget {
  std::string schema;  // e.g. "analytics"
  std::string table;   // e.g. "visit"
};

struct Rejection {
  std::int64_t line = 0;
  std::string column;  // the column (or, for an unreadable record, the field); "" for the record
  std::string reason;
  friend bool operator==(const Rejection&, const Rejection&) = default;
};

struct ImportOptions {
  std::map<std::string, std::string> field_map;  // extract field → column ("" = skip it)
  std::optional<std::int64_t> max_rejects;       // Default: none (any number is accepted)
};

struct ImportReport {
  std::vector<std::string> columns;  // the columns written, in the table's order
  std::int64_t records = 0;          // records read (header and blank lines not counted)
  std::int64_t imported = 0;         // rows inserted
  std::int64_t rejected_records = 0; // records not inserted
  std::vector<Rejection> rejections; // by line, then column in the table's order
  bool refused = false;              // more rejected than max_rejects: nothing inserted
};

// Loads `reader`'s records into `target` on `session` (not inside a transaction: this opens
// its own).
// Errors: Import.UnknownTable (the message lists the tables of the schema), Import.BadMapping,
// Import.BadFile (from the reader), and the database's (db/database.h).
Result<ImportReport> import_extract(Session& session, const ImportTarget& target,
                                    ExtractReader& reader, const ImportOptions& options,
                                    StepObserver* steps = nullptr);

}  // namespace conflictctl::db

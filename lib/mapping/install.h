#pragma once
// Installs a source mapping (mapping/source_mapping.h) in the analytics schema:
// `conflictctl db init --source-mapping F` calls it after the migrations. The copies of mode
// `copy` are refreshed by task_01 (conflict/task_01.h; docs/database.md, "Your own tables").
//
// install_source_mapping, in one transaction (all or nothing):
//  1. checks each mapped source: a `table` must exist and hold every column the mapping
//     names; a `query` must run (it is planned with LIMIT 0) and return them. A problem is
//     Error{"Configuration.Invalid", "FILE:LINE:COLUMN: …"} naming the mapping's line;
//  2. refuses (Error{kNotEmpty, …}) to replace a plain table of the analytics schema that
//     holds rows: the data `db seed` or a load put there would be lost;
//  3. drops the views that read the relations it replaces (the eligibility views of
//     migration 2, or any other) and remembers their definitions;
//  4. replaces each mapped table of the analytics schema — whether a table, a view or a
//     materialized view from an earlier install — with a view (mode views) or a
//     materialized view with the model's key and indexes (mode copy; filled now);
//  5. recreates the dropped views from their definitions.
// Running it again with the same file gives the same schema; a table left out of the mapping
// keeps whatever it is (a plain table, or what an earlier mapping made of it).
//
// Every statement that carries a value of the mapping is composed by the server's format()
// from bind parameters (mapping/mapping_sql.h). Not thread-safe: one session.
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "db/database.h"
#include "db/sql_template.h"
#include "mapping/mapping_sql.h"
#include "mapping/source_mapping.h"

namespace conflictctl::mapping {

inline constexpr std::string_view kNotEmpty = "Mapping.NotEmpty";

struct InstallReport {
  std::vector<std::string> tables;          // the model's tables now read from the mapping
  std::vector<std::string> views_recreated;  // dependent views dropped and made again
};

Result<InstallReport> install_source_mapping(db::Session& session, const db::Schemas& schemas,
                                             const SourceMapping& mapping);

// The statement `composed` stands for, quoted by the server (SELECT format(…)).
Result<std::string> compose(db::Session& session, const ComposedSql& composed);

}  // namespace conflictctl::mapping

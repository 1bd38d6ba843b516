#pragma once
// The database schema's version and its migrations.
//
// Migrations are the files sql/migrations/NNNN_description.sql, compiled into the binary
// (db/sql_files.h); NNNN is the version a database is at once the file has been applied.
// {conflict}.schema_version records each applied one (version, description, applied_at).
// A database without that table is at version 0 (not initialised).
#include <string>
#include <vector>

#include "core/error.h"
#include "core/timestamp.h"
#include "db/database.h"
#include "db/sql_template.h"

namespace conflictctl::db {

// The version this binary's code expects: the highest NNNN in sql/migrations (a unit test
// keeps the two equal).
inline constexpr int kSchemaVersion = 2;

struct Migration {
  int version;              // NNNN
  std::string description;  // the file name's part after NNNN_, without .sql ("init")
  std::string_view sql;     // with {conflict}/{analytics} placeholders
};

// The embedded migrations, by ascending version.
std::vector<Migration> migrations();

struct MigrationReport {
  int from_version = 0;
  int to_version = 0;
  std::vector<Migration> applied;  // empty when the schema was current already
};

// Brings the schemas up to kSchemaVersion: in one transaction, holding a transaction-level
// advisory lock per conflict schema name (so concurrent `db init`s wait for each other), reads
// the version and applies each missing migration, rendered for `schemas`, recording it with
// applied_at = `now`. Idempotent: at kSchemaVersion it changes nothing. Errors:
// Database.SchemaMismatch when the database is at a version newer than kSchemaVersion;
// otherwise the failing statement's error, with nothing applied.
Result<MigrationReport> migrate(Session& session, const Schemas& schemas, Timestamp now);

// The version recorded in {conflict}.schema_version; 0 when the table does not exist.
Result<int> schema_version(Session& session, const Schemas& schemas);

// Database.SchemaMismatch unless the schema is at kSchemaVersion; the cause says what to do,
// e.g. schema "conflict" is at version 0, this conflictctl needs 1: run `conflictctl db init`.
Result<void> require_current_schema(Session& session, const Schemas& schemas);

// The SchemaMismatch error for a database at `found` (≠ kSchemaVersion).
Error schema_mismatch(const Schemas& schemas, int found);

}  // namespace conflictctl::db

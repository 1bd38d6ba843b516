#pragma once
// What `conflictctl db status` shows: the server, the schema version and how many rows each
// table of both schemas holds (exact counts, so it reads every table: seconds on a big
// database).
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "db/database.h"
#include "db/sql_template.h"

namespace conflictctl::db {

struct TableRows {
  std::string table;
  std::int64_t rows = 0;
};

struct SchemaStatus {
  std::string role;  // "analytics" or "conflict"
  std::string name;  // the configured schema name
  bool exists = false;
  std::vector<TableRows> tables;  // ordinary and partitioned tables, by name
};

struct DatabaseStatus {
  std::string server_version;   // e.g. "15.8 (Debian 15.8-0+deb12u1)"
  std::string database;         // current_database()
  std::int64_t size_bytes = 0;  // pg_database_size
  int schema_version = 0;       // 0 = not initialised
  int expected_schema_version = 0;  // kSchemaVersion
  std::vector<SchemaStatus> schemas;  // analytics, then conflict

  bool schema_current() const { return schema_version == expected_schema_version; }
};

Result<DatabaseStatus> database_status(Session& session, const Schemas& schemas);

}  // namespace conflictctl::db

#include "db/status.h"

#include <charconv>

#include "db/schema.h"

namespace conflictctl::db {
namespace {

std::int64_t to_int64(const Param& cell) {
  std::int64_t value = 0;
  if (cell) std::from_chars(cell->data(), cell->data() + cell->size(), value);
  return value;
}

Result<SchemaStatus> schema_status(Session& session, std::string role, const std::string& name) {
  SchemaStatus status{std::move(role), name, false, {}};
  auto exists = session.query(
      "SELECT count(*) AS n FROM pg_catalog.pg_namespace WHERE nspname = $1", {name});
  if (!exists) return exists.error();
  status.exists = to_int64(exists->at(0, 0)) > 0;
  if (!status.exists) return status;
  auto tables = session.query(
      "SELECT c.relname FROM pg_catalog.pg_class c "
      "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
      "WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition "
      "ORDER BY c.relname",
      {name});
  if (!tables) return tables.error();
  for (std::size_t i = 0; i < tables->size(); ++i) {
    const std::string table = tables->at(i, 0).value_or("");
    auto count = session.query("SELECT count(*) AS n FROM " + quote_identifier(name) + "." +
                               quote_identifier(table));
    if (!count) return count.error();
    status.tables.push_back(TableRows{table, to_int64(count->at(0, 0))});
  }
  return status;
}

}  // namespace

Result<DatabaseStatus> database_status(Session& session, const Schemas& schemas) {
  DatabaseStatus status;
  status.expected_schema_version = kSchemaVersion;
  auto server = session.query(
      "SELECT current_setting('server_version') AS server_version, "
      "current_database() AS database, pg_database_size(current_database()) AS size");
  if (!server) return server.error();
  status.server_version = server->at(0, "server_version").value_or("");
  status.database = server->at(0, "database").value_or("");
  status.size_bytes = to_int64(server->at(0, "size"));
  auto version = schema_version(session, schemas);
  if (!version) return version.error();
  status.schema_version = *version;
  for (auto [role, name] : {std::pair{"analytics", schemas.analytics},
                            std::pair{"conflict", schemas.conflict}}) {
    auto schema = schema_status(session, role, name);
    if (!schema) return schema.error();
    status.schemas.push_back(std::move(schema.value()));
  }
  return status;
}

}  // namespace conflictctl::db

#include "db/schema.h"

#include <fmt/format.h>

#include <charconv>

#include "db/sql_files.h"

namespace conflictctl::db {
namespace {

constexpr std::string_view kFolder = "migrations";

int parse_version(const Param& cell) {
  int value = 0;
  if (cell) std::from_chars(cell->data(), cell->data() + cell->size(), value);
  return value;
}

}  // namespace

std::vector<Migration> migrations() {
  std::vector<Migration> found;
  for (const SqlFile& file : sql_files_under(kFolder)) {
    std::string_view name = file.path.substr(kFolder.size() + 1);  // "0001_init.sql"
    int version = 0;
    auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), version);
    if (error != std::errc() || end == name.data()) continue;  // not a migration
    std::string_view description = name.substr(static_cast<std::size_t>(end - name.data()));
    if (description.starts_with("_")) description.remove_prefix(1);
    if (description.ends_with(".sql")) description.remove_suffix(4);
    found.push_back(Migration{version, std::string(description), file.text});
  }
  return found;  // sorted by path, and NNNN is zero-padded
}

Error schema_mismatch(const Schemas& schemas, int found) {
  if (found > kSchemaVersion)
    return Error{std::string(error_names::kSchemaMismatch),
                 fmt::format("schema \"{}\" is at version {}, newer than this conflictctl knows "
                             "({}): use a newer conflictctl",
                             schemas.conflict, found, kSchemaVersion)};
  return Error{std::string(error_names::kSchemaMismatch),
               fmt::format("schema \"{}\" is at version {}, this conflictctl needs {}: run "
                           "`conflictctl db init`",
                           schemas.conflict, found, kSchemaVersion)};
}

Result<int> schema_version(Session& session, const Schemas& schemas) {
  auto exists = session.query("SELECT to_regclass($1) IS NOT NULL AS present",
                              {quote_identifier(schemas.conflict) + ".schema_version"});
  if (!exists) return exists.error();
  if (exists->at(0, 0) != Param("t")) return 0;
  auto version = session.query(
      render("SELECT coalesce(max(version), 0) AS version FROM {conflict}.schema_version",
             schemas));
  if (!version) return version.error();
  return parse_version(version->at(0, 0));
}

Result<void> require_current_schema(Session& session, const Schemas& schemas) {
  auto version = schema_version(session, schemas);
  if (!version) return version.error();
  if (*version != kSchemaVersion) return schema_mismatch(schemas, *version);
  return {};
}

Result<MigrationReport> migrate(Session& session, const Schemas& schemas, Timestamp now) {
  MigrationReport report;
  auto done = in_transaction(session, [&]() -> Result<void> {
    auto locked = session.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
                                {"conflictctl schema " + schemas.conflict});
    if (!locked) return locked.error();
    auto version = schema_version(session, schemas);
    if (!version) return version.error();
    report.from_version = report.to_version = *version;
    if (*version > kSchemaVersion) return schema_mismatch(schemas, *version);
    for (Migration& migration : migrations()) {
      if (migration.version <= report.to_version) continue;
      if (auto applied = session.execute_script(render(migration.sql, schemas)); !applied)
        return Error{applied.error().name,
                     fmt::format("migration {:04}_{}: {}", migration.version,
                                 migration.description, applied.error().cause)};
      auto recorded = session.query(
          render("INSERT INTO {conflict}.schema_version (version, description, applied_at) "
                 "VALUES ($1, $2, $3)",
                 schemas),
          {std::to_string(migration.version), migration.description, format_timestamp(now)});
      if (!recorded) return recorded.error();
      report.to_version = migration.version;
      report.applied.push_back(std::move(migration));
    }
    if (report.to_version != kSchemaVersion)
      return Error{std::string(error_names::kSchemaMismatch),
                   fmt::format("this conflictctl embeds migrations up to version {} but needs {}",
                               report.to_version, kSchemaVersion)};
    return {};
  });
  if (!done) return done.error();
  return report;
}

}  // namespace conflictctl::db

// conflictctl db status — connectivity, schema version and row counts.
#include <fmt/format.h>

#include <algorithm>

#include "commands.h"
#include "core/json.h"
#include "database_settings.h"
#include "db/schema.h"
#include "db/status.h"
#include "exit_codes.h"

namespace conflictctl::app {

namespace {

struct StatusOptions {
  DatabaseOptions database;
  std::string output = "text";
};

std::string human_size(std::int64_t bytes) {
  const char* units[] = {"B", "kB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (value >= 1024 && unit + 1 < std::size(units)) {
    value /= 1024;
    ++unit;
  }
  return unit == 0 ? fmt::format("{} B", bytes) : fmt::format("{:.1f} {}", value, units[unit]);
}

std::string schema_line(const db::DatabaseStatus& status, const db::Schemas& schemas) {
  if (status.schema_current())
    return fmt::format("version {} (current)", status.schema_version);
  return db::schema_mismatch(schemas, status.schema_version).cause;
}

Json to_json(const db::DatabaseStatus& status, const db::ConnectionSettings& settings) {
  Json schemas = Json::array();
  for (const auto& schema : status.schemas) {
    Json tables = Json::array();
    for (const auto& table : schema.tables)
      tables.push_back({{"table", table.table}, {"rows", table.rows}});
    schemas.push_back({{"role", schema.role},
                       {"name", schema.name},
                       {"exists", schema.exists},
                       {"tables", std::move(tables)}});
  }
  return Json{{"connection", settings.describe()},
              {"server_version", status.server_version},
              {"database", status.database},
              {"size_bytes", status.size_bytes},
              {"schema_version", status.schema_version},
              {"expected_schema_version", status.expected_schema_version},
              {"schema_current", status.schema_current()},
              {"schemas", std::move(schemas)}};
}

void print_text(const db::DatabaseStatus& status, const db::ConnectionSettings& settings) {
  fmt::print("database: {} (PostgreSQL {}), {}\n", settings.describe(), status.server_version,
             human_size(status.size_bytes));
  fmt::print("schema:   {}\n", schema_line(status, settings.schemas));
  std::size_t width = 0;
  for (const auto& schema : status.schemas)
    for (const auto& table : schema.tables)
      width = std::max(width, schema.name.size() + 1 + table.table.size());
  for (const auto& schema : status.schemas) {
    if (!schema.exists) {
      fmt::print("{} schema \"{}\": does not exist\n", schema.role, schema.name);
      continue;
    }
    fmt::print("{} schema \"{}\": {} tables\n", schema.role, schema.name, schema.tables.size());
    for (const auto& table : schema.tables)
      fmt::print("  {:<{}}  {:>12}\n", schema.name + "." + table.table, width, table.rows);
  }
}

CommandResult status(const StatusOptions& options) {
  auto connected = connect_database(options.database);
  if (!connected) return connected.error();
  auto& [settings, session] = *connected;
  auto status = db::database_status(*session, settings.schemas);
  if (!status) return database_error(status.error());
  if (options.output == "json")
    fmt::print("{}\n", to_json(*status, settings).dump(2, ' ', false, Json::error_handler_t::replace));
  else
    print_text(*status, settings);
  return status->schema_current() ? kOk : kDatabase;
}

}  // namespace

void set_db_status_command(CLI::App& db, CommandResult& result) {
  auto options = std::make_shared<StatusOptions>();
  auto* command = db.add_subcommand(
      "status", "Show the connection, the schema version and the row count of every table. "
                "Exit 4 when the database is unreachable or not at this version.");
  add_database_options(*command, options->database);
  command->add_option("--output", options->output, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->callback([options, &result] { result = status(*options); });
}

}  // namespace conflictctl::app

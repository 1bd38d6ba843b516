// conflictctl db init — creates the schemas, or brings them up to this binary's version; with a
// source mapping, builds the analytics side from the user's own tables (mapping/install.h).
#include <fmt/format.h>

#include "commands.h"
#include "core/clock.h"
#include "database_settings.h"
#include "db/schema.h"
#include "exit_codes.h"
#include "mapping/install.h"
#include "mapping/source_mapping.h"

namespace conflictctl::app {

namespace {

struct InitOptions {
  DatabaseOptions database;
  std::string source_mapping;  // --source-mapping; else POSTGRES_SOURCE_MAPPING; else none
};

// The mapping file's name: the option, else the setting; "" for none.
CliResult<std::string> mapping_file(const InitOptions& options) {
  if (!options.source_mapping.empty()) return options.source_mapping;
  auto settings = load_settings(options.database);
  if (!settings) return settings.error();
  return settings->get("POSTGRES_SOURCE_MAPPING").value_or("");
}

CommandResult install(db::Session& session, const db::Schemas& schemas,
                      const mapping::SourceMapping& mapping) {
  auto installed = mapping::install_source_mapping(session, schemas, mapping);
  if (!installed) {
    const Error& error = installed.error();
    if (error.name == mapping::kNotEmpty) return command_error(kRefused, error.cause);
    if (error.name == "Configuration.Invalid")
      return CommandError{kInvalidInput, {{CommandError::Line::Kind::kText, error.cause}}};
    return database_error(error);
  }
  std::string tables;
  for (const std::string& table : installed->tables)
    tables += (tables.empty() ? "" : ", ") + table;
  fmt::print("source mapping {} ({}): {} of schema {} read from your tables\n", mapping.file,
             mapping::mode_name(mapping.mode), tables, schemas.analytics);
  return kOk;
}

CommandResult init(const InitOptions& options) {
  auto file = mapping_file(options);
  if (!file) return file.error();
  std::optional<mapping::SourceMapping> mapping;
  if (!file->empty()) {
    mapping::MappingRead read = mapping::read_source_mapping(*file);
    if (!read.mapping) return invalid_input(read.diagnostics);
    mapping = std::move(read.mapping);
  }
  auto connected = connect_database(options.database);
  if (!connected) return connected.error();
  auto& [settings, session] = *connected;
  const db::Schemas& schemas = settings.schemas;
  announce_target(settings);
  auto report = db::migrate(*session, schemas, SystemClock().now());
  if (!report) return database_error(report.error());
  const std::string which = fmt::format("schema {}/{}", schemas.conflict, schemas.analytics);
  if (report->applied.empty()) {
    fmt::print("{}: already at version {}\n", which, report->to_version);
  } else {
    std::string applied;
    for (const auto& migration : report->applied)
      applied += fmt::format("{}{:04}_{}", applied.empty() ? "" : ", ", migration.version,
                             migration.description);
    fmt::print("{}: version {} → {} (applied {})\n", which, report->from_version,
               report->to_version, applied);
  }
  if (mapping) return install(*session, schemas, *mapping);
  return kOk;
}

}  // namespace

void set_db_init_command(CLI::App& db, CommandResult& result) {
  auto options = std::make_shared<InitOptions>();
  auto* command = db.add_subcommand(
      "init", "Create the conflict and analytics schemas, or migrate them to this version "
              "(idempotent); with a source mapping, read the analytics tables from your own. "
              "Exit 3 for a bad mapping, 4 when the database is unreachable or newer, 8 when "
              "the mapping would replace a table holding data.");
  add_database_options(*command, options->database);
  command->add_option("--source-mapping", options->source_mapping,
                      "YAML file mapping the source model's tables to yours "
                      "(docs/database.md#your-own-tables); default: POSTGRES_SOURCE_MAPPING");
  command->callback([options, &result] { result = init(*options); });
}

}  // namespace conflictctl::app

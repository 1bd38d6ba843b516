// conflictctl db init — creates the schemas, or brings them up to this binary's version.
#include <fmt/format.h>

#include "commands.h"
#include "core/clock.h"
#include "database_settings.h"
#include "db/schema.h"
#include "exit_codes.h"

namespace conflictctl::app {

namespace {

CommandResult init(const DatabaseOptions& options) {
  auto connected = connect_database(options);
  if (!connected) return connected.error();
  auto& [settings, session] = *connected;
  const db::Schemas& schemas = settings.schemas;
  announce_target(settings);
  auto report = db::migrate(*session, schemas, SystemClock().now());
  if (!report) return database_error(report.error());
  const std::string which = fmt::format("schema {}/{}", schemas.conflict, schemas.analytics);
  if (report->applied.empty()) {
    fmt::print("{}: already at version {}\n", which, report->to_version);
    return kOk;
  }
  std::string applied;
  for (const auto& migration : report->applied)
    applied += fmt::format("{}{:04}_{}", applied.empty() ? "" : ", ", migration.version,
                           migration.description);
  fmt::print("{}: version {} → {} (applied {})\n", which, report->from_version,
             report->to_version, applied);
  return kOk;
}

}  // namespace

void set_db_init_command(CLI::App& db, CommandResult& result) {
  auto options = std::make_shared<DatabaseOptions>();
  auto* command = db.add_subcommand(
      "init", "Create the conflict and analytics schemas, or migrate them to this version "
              "(idempotent). Exit 4 when the database is unreachable or newer.");
  add_database_options(*command, *options);
  command->callback([options, &result] { result = init(*options); });
}

}  // namespace conflictctl::app

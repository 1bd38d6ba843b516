// `conflictctl db`: the database commands (init, status, seed, check, import, inspect), one file each.
#include "commands.h"

namespace conflictctl::app {

void set_db_command(CLI::App& app, CommandResult& result) {
  CLI::App& db = *app.add_subcommand(
      "db", "Manage the PostgreSQL database: schema, synthetic data, status, checks, imports.\n"
            "Connection settings: POSTGRES_* in the environment or in .env (.env.example).");
  db.require_subcommand(1);
  set_db_init_command(db, result);
  set_db_status_command(db, result);
  set_db_seed_command(db, result);
  set_db_check_command(db, result);
  set_db_import_command(db, result);
  set_db_inspect_command(db, result);
}

}  // namespace conflictctl::app

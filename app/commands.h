#pragma once
// The subcommands. Each set_<name>_command adds one subcommand to `app` (one file each,
// cmd_<name>.cc); when it runs, it stores its exit code (app/exit_codes.h) in `exit_code`.
#include <CLI/CLI.hpp>

namespace conflictctl::app {

void set_validate_command(CLI::App& app, int& exit_code);
void set_execute_command(CLI::App& app, int& exit_code);
void set_simulate_command(CLI::App& app, int& exit_code);
void set_run_command(CLI::App& app, int& exit_code);
void set_graph_command(CLI::App& app, int& exit_code);
void set_history_command(CLI::App& app, int& exit_code);
void set_budget_command(CLI::App& app, int& exit_code);
void set_package_command(CLI::App& app, int& exit_code);
void set_lambda_runtime_command(CLI::App& app, int& exit_code);
// `conflictctl db …`: cmd_db.cc adds the parent; each of its subcommands has its own file.
void set_db_command(CLI::App& app, int& exit_code);
void set_db_init_command(CLI::App& db, int& exit_code);
void set_db_status_command(CLI::App& db, int& exit_code);
void set_db_seed_command(CLI::App& db, int& exit_code);
void set_db_check_command(CLI::App& db, int& exit_code);

}  // namespace conflictctl::app

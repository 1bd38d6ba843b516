#pragma once
// The subcommands. Each set_<name>_command adds one subcommand to `app` (one file each,
// cmd_<name>.cc); when it runs, it stores its outcome in `result`: its exit code when it
// completed (kOk, or kFailed when what it ran did not succeed), or the CommandError it failed
// with (app/command_error.h). main() prints the error and exits with the code.
#include <CLI/CLI.hpp>

#include "command_error.h"

namespace conflictctl::app {

using CommandResult = CliResult<int>;

void set_validate_command(CLI::App& app, CommandResult& result);
void set_execute_command(CLI::App& app, CommandResult& result);
void set_test_state_command(CLI::App& app, CommandResult& result);
void set_simulate_command(CLI::App& app, CommandResult& result);
void set_redrive_command(CLI::App& app, CommandResult& result);
void set_run_command(CLI::App& app, CommandResult& result);
void set_explore_command(CLI::App& app, CommandResult& result);
void set_graph_command(CLI::App& app, CommandResult& result);
void set_history_command(CLI::App& app, CommandResult& result);
void set_budget_command(CLI::App& app, CommandResult& result);
void set_package_command(CLI::App& app, CommandResult& result);
void set_deploy_command(CLI::App& app, CommandResult& result);
void set_start_command(CLI::App& app, CommandResult& result);
void set_lambda_runtime_command(CLI::App& app, CommandResult& result);
void set_config_command(CLI::App& app, CommandResult& result);
// `conflictctl db …`: cmd_db.cc adds the parent; each of its subcommands has its own file.
void set_db_command(CLI::App& app, CommandResult& result);
void set_db_init_command(CLI::App& db, CommandResult& result);
void set_db_status_command(CLI::App& db, CommandResult& result);
void set_db_seed_command(CLI::App& db, CommandResult& result);
void set_db_check_command(CLI::App& db, CommandResult& result);
void set_db_import_command(CLI::App& db, CommandResult& result);
void set_db_inspect_command(CLI::App& db, CommandResult& result);

}  // namespace conflictctl::app

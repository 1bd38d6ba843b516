#pragma once
// The subcommands. Each set_<name>_command adds one subcommand to `app` (one file each,
// cmd_<name>.cc); when it runs, it stores its exit code (app/exit_codes.h) in `exit_code`.
#include <CLI/CLI.hpp>

namespace conflictctl::app {

void set_validate_command(CLI::App& app, int& exit_code);
void set_execute_command(CLI::App& app, int& exit_code);
void set_simulate_command(CLI::App& app, int& exit_code);
void set_run_command(CLI::App& app, int& exit_code);

}  // namespace conflictctl::app

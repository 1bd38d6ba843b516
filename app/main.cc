// conflictctl: run Amazon States Language pipelines locally with AWS Step Functions
// semantics. main() owns the command line's errors and the exit codes, listed once in
// app/exit_codes.h.
#include <fmt/format.h>

#include <exception>

#include "commands.h"
#include "exit_codes.h"

int main(int argc, char** argv) {
  using namespace conflictctl::app;
  CLI::App app{"conflictctl — run AWS Step Functions pipelines locally, with AWS semantics.\n" +
                   exit_codes_help(),
               "conflictctl"};
  app.set_version_flag("--version", std::string("conflictctl ") + CONFLICTCTL_VERSION);
  app.require_subcommand(1);
  int exit_code = kOk;
  set_validate_command(app, exit_code);
  set_execute_command(app, exit_code);
  set_simulate_command(app, exit_code);
  set_run_command(app, exit_code);
  set_graph_command(app, exit_code);
  set_history_command(app, exit_code);
  set_budget_command(app, exit_code);
  set_package_command(app, exit_code);
  set_lambda_runtime_command(app, exit_code);
  set_db_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error);
    return code == 0 ? kOk : kUsage;
  } catch (const std::exception& error) {
    fmt::print(stderr, "internal error: {}\n", error.what());
    return kInternal;
  }
  return exit_code;
}

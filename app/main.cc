// conflictctl: run Amazon States Language pipelines locally with AWS Step Functions
// semantics. main() owns the command line's failures and the exit codes: a command returns
// its exit code or a CommandError (app/command_error.h), and only main() prints an error and
// exits. The codes are listed once, in app/exit_codes.h.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "exit_codes.h"
#include "settings.h"

namespace {

// `conflictctl bogus`: CLI11 says only "A subcommand is required".
std::optional<std::string> unknown_command(CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return std::nullopt;
  std::vector<std::string> names;
  for (const CLI::App* command : app.get_subcommands([](CLI::App*) { return true; }))
    names.push_back(command->get_name());
  if (std::find(names.begin(), names.end(), argv[1]) != names.end()) return std::nullopt;
  return fmt::format("Unknown command '{}'; the commands are {}.", argv[1], fmt::join(names, ", "));
}

}  // namespace

int main(int argc, char** argv) {
  using namespace conflictctl::app;
  CLI::App app{"conflictctl — run AWS Step Functions pipelines locally, with AWS semantics.\n" +
                   exit_codes_help(),
               "conflictctl"};
  app.set_version_flag("--version", std::string("conflictctl ") + CONFLICTCTL_VERSION);
  app.require_subcommand(1);
  CommandResult result = kOk;
  set_validate_command(app, result);
  set_execute_command(app, result);
  set_test_state_command(app, result);
  set_simulate_command(app, result);
  set_redrive_command(app, result);
  set_run_command(app, result);
  set_explore_command(app, result);
  set_graph_command(app, result);
  set_history_command(app, result);
  set_budget_command(app, result);
  set_package_command(app, result);
  set_deploy_command(app, result);
  set_start_command(app, result);
  set_lambda_runtime_command(app, result);
  set_db_command(app, result);
  set_config_command(app, result);
  preload_settings(argc, argv);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    if (auto unknown = unknown_command(app, argc, argv)) {
      fmt::print(stderr, "{}\nRun with --help for more information.\n", *unknown);
      return kUsage;
    }
    int code = app.exit(error);  // prints the usage error or the help CLI11 was asked for
    return code == 0 ? kOk : kUsage;
  } catch (const std::exception& error) {
    fmt::print(stderr, "internal error: {}\n", error.what());
    return kInternal;
  }
  if (result) return *result;
  for (const CommandError::Line& line : result.error().lines)
    fmt::print(stderr, "{}\n", to_string(line));
  return result.error().exit_code;
}

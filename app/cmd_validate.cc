// conflictctl validate FILE... — checks ASL definitions without running them.
#include <fmt/format.h>

#include "asl/parser.h"
#include "asl/workflow_rules.h"
#include "commands.h"
#include "console.h"
#include "core/number_text.h"
#include "exit_codes.h"
#include "workflow_type_option.h"

namespace conflictctl::app {

namespace {

struct ValidateOptions {
  std::vector<std::string> files;
  bool quiet = false;
  std::string type;  // --type: also check what that workflow type forbids
};

// The problems of a file, one a line on stderr, as they are found: validate's report, between
// the "valid" lines of the other files. Its exit code says whether there were any.
void print_problems(const Diagnostics& problems) {
  for (const auto& problem : problems) note(problem.to_string());
}

// kOk when every file is valid, else kInvalidInput: a completed report, not a failure.
CommandResult validate(const ValidateOptions& options) {
  int code = kOk;
  for (const auto& file : options.files) {
    auto loaded = asl::load_definition(file);
    if (!loaded.machine) {
      print_problems(loaded.diagnostics);
      code = kInvalidInput;
      continue;
    }
    if (auto type = parse_workflow_type(options.type)) {
      auto problems = asl::check_workflow_type(*loaded.machine, *type, file);
      if (!problems.empty()) {
        print_problems(problems);
        code = kInvalidInput;
        continue;
      }
    }
    if (!options.quiet)
      fmt::print("{}: valid ({} at the top level)\n", file,
                 count_text(static_cast<std::int64_t>(loaded.machine->states.size()), "state"));
  }
  return code;
}

}  // namespace

void set_validate_command(CLI::App& app, CommandResult& result) {
  auto options = std::make_shared<ValidateOptions>();
  auto* command = app.add_subcommand(
      "validate", "Check ASL definitions: JSON syntax, fields, transitions, paths, intrinsic "
                  "calls. Exit 0 when all are valid, 3 otherwise.");
  command->add_option("files", options->files, "ASL definition files (JSON)")->required();
  command->add_flag("-q,--quiet", options->quiet, "Print only problems");
  add_type_option(*command, options->type);
  command->callback([options, &result] { result = validate(*options); });
}

}  // namespace conflictctl::app

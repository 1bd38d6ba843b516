#include "workflow_type_option.h"

namespace conflictctl::app {

void add_type_option(CLI::App& command, std::string& type) {
  command.add_option("--type", type,
                     "Workflow type, STANDARD or EXPRESS (default: the pipeline's 'type:', else "
                     "STANDARD)")
      ->check(CLI::IsMember({"STANDARD", "EXPRESS"}));
}

}  // namespace conflictctl::app

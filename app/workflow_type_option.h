#pragma once
// --type STANDARD|EXPRESS: the workflow type a command checks or runs a definition as
// (validate, execute, simulate, run; core/workflow_type.h).
#include <CLI/CLI.hpp>

#include <string>

namespace conflictctl::app {

// Adds --type to `command`, stored in `type`: "STANDARD", "EXPRESS", or "" when not given
// (the bindings' `type:`, else STANDARD). Any other value is a usage error.
void add_type_option(CLI::App& command, std::string& type);

}  // namespace conflictctl::app

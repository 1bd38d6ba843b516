#pragma once
// The budget gates' options, shared by `simulate` and `budget` (budget/gate.h):
//   --fail-on warning|over    fail when an invocation is in that zone (or beyond);
//   --max-worst-case SECONDS  fail when the worst case from the definition exceeds it.
// A gate that finds something is a CommandError of kGate, one `error:` line per finding.
#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

#include "budget/gate.h"
#include "command_error.h"

namespace conflictctl::app {

struct GateCliOptions {
  std::string fail_on;  // "" = no zone gate
  std::optional<double> max_worst_case;
  budget::GateOptions gate() const;
  bool any() const { return !fail_on.empty() || max_worst_case.has_value(); }
};

void add_gate_options(CLI::App& command, GateCliOptions& options);

// kOk when `findings` is empty, else the kGate error listing them.
CliResult<int> gate_outcome(std::vector<std::string> findings);

}  // namespace conflictctl::app

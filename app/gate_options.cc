#include "gate_options.h"

#include "exit_codes.h"
#include "number_options.h"

namespace conflictctl::app {

budget::GateOptions GateCliOptions::gate() const {
  return budget::GateOptions{budget::parse_gate_zone(fail_on), max_worst_case};
}

void add_gate_options(CLI::App& command, GateCliOptions& options) {
  command.add_option("--fail-on", options.fail_on,
                     "Exit 5 when a task invocation is in this zone or beyond: warning (80 % of "
                     "its limit) or over")
      ->check(CLI::IsMember({"warning", "over"}));
  command.add_option("--max-worst-case", options.max_worst_case,
                     "Exit 5 when the worst case from the definition exceeds these seconds (or "
                     "is unbounded)")
      ->check(positive_number());
}

CliResult<int> gate_outcome(std::vector<std::string> findings) {
  if (findings.empty()) return kOk;
  CommandError gate{kGate, {}};
  for (std::string& line : findings)
    gate.lines.push_back({CommandError::Line::Kind::kError, "budget gate: " + std::move(line)});
  return gate;
}

}  // namespace conflictctl::app

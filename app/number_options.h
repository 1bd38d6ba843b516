#pragma once
// Checks for numeric options, with messages a person reads. CLI11's own range checks print
// the largest double in 309 digits; these say what was wrong in the option's terms:
//
//   conflictctl budget --scale -1     --scale: -1 is not a number greater than 0
//   conflictctl history --limit -1    --limit: -1 is not a whole number of 0 or more
//
// (CLI11 puts the option's name in front; the exit code is the usage error's, app/exit_codes.h.)
// Text that is not a number, NaN and infinities are refused by each of them.
#include <CLI/CLI.hpp>

namespace conflictctl::app {

CLI::Validator positive_number();       // > 0: --scale, --timeout
CLI::Validator non_negative_number();   // ≥ 0: --deadline-margin
CLI::Validator positive_integer();      // 1, 2, …: --runs, --max-invocations
CLI::Validator non_negative_integer();  // 0, 1, …: --limit, --items

}  // namespace conflictctl::app

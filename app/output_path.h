#pragma once
// The check of every option that names a file to write (--history, --out): the file must be
// writable before the command does anything, so that a run never does its work — changing a
// database — and then fails to write what it was asked for (core/private_file.h,
// check_writable). A path that cannot be written is a usage error:
//
//   conflictctl simulate --mock --history /nonexistent/h.json
//   --history: /nonexistent/h.json: cannot write file: No such file or directory
//
// (CLI11 puts the option's name in front; the exit code is the usage error's, app/exit_codes.h.)
#include <CLI/CLI.hpp>

namespace conflictctl::app {

CLI::Validator writable_file();

}  // namespace conflictctl::app

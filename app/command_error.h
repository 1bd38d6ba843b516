#pragma once
// How a command fails, as a value: the exit code conflictctl ends with and the lines it prints
// on stderr. Commands and the helpers they share return `CliResult<T>` — a value, or a
// CommandError passed up with an early return — and only main() prints a CommandError and
// exits with its code (app/main.cc). Nothing is printed where the failure is found.
//
// main() prints each line of a CommandError on stderr in order (to_string):
//   kError    "error: <text>"     error: --payload must be a JSON object
//   kWarning  "warning: <text>"   warning: init error not posted: 127.0.0.1:1: …
//   kText     "<text>"            pipelines/x.asl.json: /States/A/Next: no state named 'B'
// Most failures are one kError line (command_error) or the problems found in a file, one
// kText line each (invalid_input). A command adds lines when it has more to say after its
// failure, in the order it happened: `run` ends with the note of where the failed run was
// recorded, `lambda-runtime` with the init error it posted to Lambda.
//
// A command that completes returns its exit code (kOk; kFailed when the execution it ran
// failed, which its output reports). Its output, notes and warnings are printed by the command
// as it goes (app/console.h); they are not failures.
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/diagnostic.h"
#include "exit_codes.h"

namespace conflictctl::app {

struct CommandError {
  struct Line {
    enum class Kind { kError, kWarning, kText };
    Kind kind = Kind::kError;
    std::string text;
  };

  int exit_code = kInternal;  // an exit code of kExitCodes, never kOk
  std::vector<Line> lines;    // printed by main() in this order
};

// "error: <message>", exit `exit_code`.
CommandError command_error(int exit_code, std::string message);

// The problems, one line each as Diagnostic::to_string gives it, exit kInvalidInput.
CommandError invalid_input(const Diagnostics& problems);

// The line main() prints for `line`, without the newline: its prefix and its text.
std::string to_string(const CommandError::Line& line);

// A value, or the CommandError of a command that cannot go on. Check with `if (result)`
// before `*result`; the shape of Result<T> (core/error.h), with an exit code in the error.
template <class T>
class [[nodiscard]] CliResult {
 public:
  CliResult(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  CliResult(CommandError error) : v_(std::in_place_index<1>, std::move(error)) {}

  explicit operator bool() const { return v_.index() == 0; }
  T& operator*() { return std::get<0>(v_); }
  const T& operator*() const { return std::get<0>(v_); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  const CommandError& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, CommandError> v_;
};

}  // namespace conflictctl::app

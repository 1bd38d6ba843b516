#include "command_error.h"

namespace conflictctl::app {

CommandError command_error(int exit_code, std::string message) {
  return CommandError{exit_code, {{CommandError::Line::Kind::kError, std::move(message)}}};
}

CommandError invalid_input(const Diagnostics& problems) {
  CommandError error{kInvalidInput, {}};
  for (const Diagnostic& problem : problems)
    error.lines.push_back({CommandError::Line::Kind::kText, problem.to_string()});
  return error;
}

std::string to_string(const CommandError::Line& line) {
  switch (line.kind) {
    case CommandError::Line::Kind::kError: return "error: " + line.text;
    case CommandError::Line::Kind::kWarning: return "warning: " + line.text;
    case CommandError::Line::Kind::kText: break;
  }
  return line.text;
}

}  // namespace conflictctl::app

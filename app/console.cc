#include "console.h"

#include <fmt/format.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "command_error.h"

namespace conflictctl::app {

void note(std::string_view line) { fmt::print(stderr, "{}\n", line); }

void warning(std::string_view message) {
  note(to_string({CommandError::Line::Kind::kWarning, std::string(message)}));
}

StderrLogger& command_logger() {
  const char* level = std::getenv("LOG_LEVEL");
  static StderrLogger logger(level ? parse_log_level(level) : LogLevel::kWarning);
  return logger;
}

std::unique_ptr<progress::Terminal> progress_terminal(bool quiet) {
  const char* term = std::getenv("TERM");
  if (quiet || !isatty(STDERR_FILENO) || (term && std::string_view(term) == "dumb"))
    return nullptr;
  const char* no_color = std::getenv("NO_COLOR");
  return std::make_unique<progress::StderrTerminal>(!no_color || !*no_color);
}

}  // namespace conflictctl::app

#include "console.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <string>

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

}  // namespace conflictctl::app

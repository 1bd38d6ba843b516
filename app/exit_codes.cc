#include "exit_codes.h"

#include <fmt/format.h>

#include <sstream>
#include <vector>

namespace conflictctl::app {

std::string exit_codes_help(std::size_t width) {
  std::vector<std::string> entries;
  for (const ExitCode& entry : kExitCodes)
    entries.push_back(fmt::format("{} {}", entry.code, entry.summary));
  std::istringstream words(fmt::format("Exit codes: {}.", fmt::join(entries, ", ")));
  std::string text, line, word;
  while (words >> word) {
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      text += line + '\n';
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  return text + line;
}

}  // namespace conflictctl::app

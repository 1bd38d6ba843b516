#include "json_argument.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/json_text.h"
#include "exit_codes.h"

namespace conflictctl::app {

CliResult<Json> parse_json_argument(const std::string& value, const std::string& option) {
  std::string text = value, source = option;
  if (value.starts_with("@")) {
    source = value.substr(1);
    errno = 0;
    std::ifstream in(source, std::ios::binary);
    if (!in)  // the reason from the open that failed: "No such file or directory", …
      return command_error(kInvalidInput,
                           fmt::format("{} {}: cannot read file: {}", option, value,
                                       std::strerror(errno != 0 ? errno : EIO)));
    std::stringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
  }
  auto parsed = parse_json_text(text, source);
  if (!parsed) return command_error(kInvalidInput, parsed.error().cause);
  return std::move(*parsed);
}

}  // namespace conflictctl::app

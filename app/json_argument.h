#pragma once
// A JSON value given on the command line (--input, --payload): JSON text, or "@path" to read
// it from a file. Parsed depth-checked (core/json_text.h): JSON nested more than 512 levels
// deep is refused like a syntax error.
#include <string>

#include "command_error.h"
#include "core/json.h"

namespace conflictctl::app {

// The value, or kInvalidInput with one line naming where it went wrong: "--input:1:2: not
// valid JSON: …" for text (`option` names it); for @PATH "PATH:…" or "--input @PATH: cannot
// read file: No such file or directory" (the system's reason).
CliResult<Json> parse_json_argument(const std::string& value, const std::string& option);

}  // namespace conflictctl::app

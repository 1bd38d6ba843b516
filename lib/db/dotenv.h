#pragma once
// A `.env` file: the fallback for settings not in the environment (db/settings.h).
//
// One `KEY=VALUE` per line. Blank lines and lines starting with `#` are skipped; a line may
// start with `export `. KEY is a shell-style name ([A-Za-z_][A-Za-z0-9_]*); spaces around `=`
// are allowed. VALUE is
//   'single quoted'   taken literally;
//   "double quoted"   with the escapes \n, \t, \r, \" and \\ (any other backslash is kept);
//   unquoted          up to the end of the line or a ` #` comment, surrounding spaces removed.
// After a quoted value only spaces and a `# comment` may follow. A later line for the same
// key wins. Any other line is an error whose cause reads "path:LINE: what is wrong".
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace conflictctl::db {

using DotenvValues = std::map<std::string, std::string, std::less<>>;
// The line (from 1) each key's value was read from: the last line for a key set twice.
using DotenvLines = std::map<std::string, int, std::less<>>;

// Parses the text of a .env file; `path` only names it in errors. `lines`, when given, gets
// each key's line.
Result<DotenvValues> parse_dotenv(std::string_view text, std::string_view path,
                                  DotenvLines* lines = nullptr);

// Reads and parses the file at `path`; nullopt when there is no such file.
Result<std::optional<DotenvValues>> read_dotenv(const std::string& path,
                                                DotenvLines* lines = nullptr);

}  // namespace conflictctl::db

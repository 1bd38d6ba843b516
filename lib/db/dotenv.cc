#include "db/dotenv.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace conflictctl::db {
namespace {

constexpr std::string_view kSpaces = " \t";

// A malformed line is never quoted back, not even in part: it may be a password written
// without its KEY= (issue 14). The messages say what was expected; the name is added only
// once it is known to be a valid variable name.
constexpr const char* kNoEquals =
    "expected KEY=VALUE, found no '=' (the line is not shown: it may hold a secret)";
constexpr const char* kBadName =
    "expected a variable name before '=' (letters, digits and _, not starting with a digit)";

bool is_name_start(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

std::string_view skip_spaces(std::string_view s) {
  std::size_t at = s.find_first_not_of(kSpaces);
  return at == std::string_view::npos ? std::string_view{} : s.substr(at);
}

std::string_view trim_right(std::string_view s) {
  std::size_t at = s.find_last_not_of(kSpaces);
  return at == std::string_view::npos ? std::string_view{} : s.substr(0, at + 1);
}

// What may follow a closing quote: nothing, spaces, or a comment. Returns the problem or "".
std::string check_after_quote(std::string_view rest) {
  rest = skip_spaces(rest);
  if (rest.empty() || rest.front() == '#') return "";
  return "unexpected text after the closing quote (only a # comment may follow)";
}

// Parses VALUE (everything after `=`); the error is what is wrong with the line.
Result<std::string> parse_value(std::string_view raw) {
  const std::string_view value = skip_spaces(raw);
  const bool spaced = value.size() != raw.size();
  if (value.empty()) return std::string();
  if (value.front() == '\'') {
    std::size_t end = value.find('\'', 1);
    if (end == std::string_view::npos) return Error{"", "unterminated single-quoted value"};
    if (auto problem = check_after_quote(value.substr(end + 1)); !problem.empty())
      return Error{"", problem};
    return std::string(value.substr(1, end - 1));
  }
  if (value.front() == '"') {
    std::string out;
    for (std::size_t i = 1; i < value.size(); ++i) {
      char c = value[i];
      if (c == '"') {
        if (auto problem = check_after_quote(value.substr(i + 1)); !problem.empty())
          return Error{"", problem};
        return out;
      }
      if (c == '\\' && i + 1 < value.size()) {
        char next = value[++i];
        switch (next) {
          case 'n': out += '\n'; break;
          case 't': out += '\t'; break;
          case 'r': out += '\r'; break;
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          default: out += '\\'; out += next; break;
        }
        continue;
      }
      out += c;
    }
    return Error{"", "unterminated double-quoted value"};
  }
  // Unquoted: a `#` preceded by a space (or right after `= `) starts a comment.
  if (value.front() == '#' && spaced) return std::string();
  std::string_view text = value;
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (text[i] == '#' && (text[i - 1] == ' ' || text[i - 1] == '\t')) {
      text = text.substr(0, i);
      break;
    }
  }
  return std::string(trim_right(text));
}

}  // namespace

Result<DotenvValues> parse_dotenv(std::string_view text, std::string_view path,
                                  DotenvLines* lines) {
  DotenvValues values;
  std::size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

    auto fail = [&](const std::string& what) {
      return Error{"Configuration.Invalid", fmt::format("{}:{}: {}", path, line_number, what)};
    };
    line = skip_spaces(line);
    if (line.empty() || line.front() == '#') continue;
    if (line.substr(0, 7) == "export " || line.substr(0, 7) == "export\t")
      line = skip_spaces(line.substr(7));

    std::size_t name_end = 0;
    while (name_end < line.size() && is_name_char(line[name_end])) ++name_end;
    const std::string_view name = line.substr(0, name_end);
    std::string_view rest = skip_spaces(line.substr(name_end));
    if (name.empty() || rest.empty() || rest.front() != '=') {
      if (line.find('=') == std::string_view::npos) return fail(kNoEquals);
      return fail(kBadName);
    }
    if (!is_name_start(name.front())) return fail(kBadName);
    auto value = parse_value(rest.substr(1));
    if (!value) return fail(fmt::format("{}: {}", name, value.error().cause));
    values.insert_or_assign(std::string(name), std::move(value.value()));
    if (lines) lines->insert_or_assign(std::string(name), static_cast<int>(line_number));
  }
  return values;
}

Result<std::optional<DotenvValues>> read_dotenv(const std::string& path, DotenvLines* lines) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (status.type() == std::filesystem::file_type::not_found) return std::optional<DotenvValues>();
  if (status.type() == std::filesystem::file_type::directory)
    return Error{"Configuration.Invalid", fmt::format("{}: is a directory, not a .env file", path)};
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Error{"Configuration.Invalid",
                 fmt::format("{}: cannot read: {}", path, std::strerror(errno))};
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad())
    return Error{"Configuration.Invalid", fmt::format("{}: cannot read", path)};
  auto parsed = parse_dotenv(text.str(), path, lines);
  if (!parsed) return parsed.error();
  return std::optional<DotenvValues>(std::move(parsed.value()));
}

}  // namespace conflictctl::db

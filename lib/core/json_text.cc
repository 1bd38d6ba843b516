#include "core/json_text.h"

#include <fmt/format.h>

#include <string>
#include <utility>
#include <variant>

#include "core/diagnostic.h"

namespace conflictctl {

std::size_t find_excess_nesting(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character cannot end the string
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) return i;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::string_view::npos;
}

std::string syntax_error_text(const std::string& what) {
  const auto column = what.find("column ");
  const auto colon = column == std::string::npos ? std::string::npos : what.find(": ", column);
  std::string message = colon == std::string::npos ? what : what.substr(colon + 2);
  if (message.starts_with("[json.exception.")) {
    const auto bracket = message.find("] ");
    if (bracket != std::string::npos) message.erase(0, bracket + 2);
  }
  const auto last_read = message.find("; last read: '");
  if (last_read == std::string::npos) return message;
  const auto expected = message.rfind("; expected ");
  const std::string tail = expected != std::string::npos && expected > last_read
                               ? message.substr(expected)
                               : std::string();
  return message.substr(0, last_read) + tail;
}

std::variant<Json, JsonTextProblem> read_json_text(std::string_view text) {
  const std::string copy(text);  // line_column and nlohmann's error offsets want the text
  if (const std::size_t excess = find_excess_nesting(text); excess != std::string_view::npos) {
    auto [line, column] = line_column(copy, excess);
    return JsonTextProblem{true, line, column,
                           fmt::format("JSON nested more than {} levels deep", kMaxJsonDepth)};
  }
  try {
    return Json::parse(copy);
  } catch (const Json::parse_error& error) {
    auto [line, column] = line_column(copy, error.byte == 0 ? 0 : error.byte - 1);
    return JsonTextProblem{false, line, column, syntax_error_text(error.what())};
  } catch (const Json::exception& error) {
    // Not a parse_error, so no position: out_of_range for a number such as 1e400 (found by
    // json_text_fuzz; it used to end the program).
    return JsonTextProblem{false, 0, 0, syntax_error_text(error.what())};
  }
}

Result<Json> parse_json_text(std::string_view text, std::string_view source) {
  std::variant<Json, JsonTextProblem> read = read_json_text(text);
  if (Json* value = std::get_if<Json>(&read)) return std::move(*value);
  const JsonTextProblem& problem = std::get<JsonTextProblem>(read);
  const std::string where = problem.line == 0
                                ? std::string(source)
                                : fmt::format("{}:{}:{}", source, problem.line, problem.column);
  if (problem.too_deep) return Error{"", fmt::format("{}: {}", where, problem.what)};
  return Error{"", fmt::format("{}: not valid JSON: {}", where, problem.what)};
}

}  // namespace conflictctl

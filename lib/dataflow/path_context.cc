#include "dataflow/path_context.h"

#include <cctype>

namespace conflictctl::dataflow {

bool is_variable_name_char(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte >= 0x80 || std::isalnum(byte) || c == '_';
}

bool starts_with_variable(std::string_view text) {
  if (text.size() < 2 || text[0] != '$') return false;
  const auto first = static_cast<unsigned char>(text[1]);
  return first >= 0x80 || std::isalpha(first) || text[1] == '_';
}

std::string_view variable_name(std::string_view text) {
  if (!starts_with_variable(text)) return {};
  std::size_t end = 1;
  while (end < text.size() && is_variable_name_char(text[end])) ++end;
  return text.substr(1, end - 1);
}

}  // namespace conflictctl::dataflow

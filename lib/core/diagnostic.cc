#include "core/diagnostic.h"

#include <fmt/format.h>

namespace conflictctl {

std::string Diagnostic::to_string() const {
  std::string where = file.empty() ? "<input>" : file;
  if (line > 0) return fmt::format("{}:{}:{}: {}", where, line, column, message);
  if (pointer.empty()) return fmt::format("{}: {}", where, message);  // the whole document
  return fmt::format("{}: {}: {}", where, pointer, message);
}

std::string pointer_append(const std::string& pointer, const std::string& token) {
  std::string out = pointer + "/";
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string pointer_append(const std::string& pointer, std::size_t index) {
  return pointer + "/" + std::to_string(index);
}

std::pair<int, int> line_column(const std::string& text, std::size_t offset) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {line, column};
}

}  // namespace conflictctl

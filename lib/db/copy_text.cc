#include "db/copy_text.h"

namespace conflictctl::db {

void append_copy_value(std::string& out, const Param& value) {
  if (!value) {
    out += "\\N";
    return;
  }
  const std::string& text = *value;
  std::size_t plain_from = 0;  // copies runs of ordinary bytes in one append
  for (std::size_t i = 0; i < text.size(); ++i) {
    char escaped;
    switch (text[i]) {
      case '\\': escaped = '\\'; break;
      case '\t': escaped = 't'; break;
      case '\n': escaped = 'n'; break;
      case '\r': escaped = 'r'; break;
      default: continue;
    }
    out.append(text, plain_from, i - plain_from);
    out += '\\';
    out += escaped;
    plain_from = i + 1;
  }
  out.append(text, plain_from, std::string::npos);
}

void append_copy_row(std::string& out, const std::vector<Param>& row) {
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out += '\t';
    append_copy_value(out, row[i]);
  }
  out += '\n';
}

}  // namespace conflictctl::db

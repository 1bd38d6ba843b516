#include "progress/terminal.h"

#include <cstdio>

namespace conflictctl::progress {

void StderrTerminal::write(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

void StatusLine::show(std::string_view text) { draw(text, false); }

void StatusLine::settle(std::string_view text) { draw(text, true); }

void StatusLine::draw(std::string_view text, bool end) {
  std::string line;
  if (open_) line = "\r\033[K";
  line += text;
  if (end) line += '\n';
  open_ = !end;
  terminal_.write(line);
}

std::string StatusLine::marked(std::string_view mark, Color color, std::string_view text) const {
  const char* code = color == Color::kGreen   ? "\033[32m"
                     : color == Color::kRed    ? "\033[31m"
                     : color == Color::kYellow ? "\033[33m"
                                               : nullptr;
  std::string line;
  if (code && terminal_.colors()) {
    line = code;
    line += mark;
    line += "\033[0m";
  } else {
    line = mark;
  }
  line += ' ';
  line += text;
  return line;
}

}  // namespace conflictctl::progress

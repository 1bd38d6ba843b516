#pragma once
// Where live progress is drawn: a terminal, written to as work goes. Progress is for people
// watching; it is drawn only when a command's stderr is a terminal and --quiet was not given
// (app/console.h decides), so piped and redirected output never carries it.
//
// The text written may hold the two escapes a progress line needs: "\r\033[K" (back to the
// start of the line and clear it, to redraw the line in place) and, when colors() is true,
// SGR colors ("\033[32m" … "\033[0m"). Nothing else.
//
// Thread safety: none; a Terminal is written from one thread at a time.
#include <string>
#include <string_view>

namespace conflictctl::progress {

class Terminal {
 public:
  virtual ~Terminal() = default;
  // Writes `text` as it is and flushes it, so that it shows at once.
  virtual void write(std::string_view text) = 0;
  // Whether colors may be used: false when $NO_COLOR is set (https://no-color.org).
  virtual bool colors() const = 0;
};

// The process's stderr (a terminal: the caller has checked).
class StderrTerminal final : public Terminal {
 public:
  explicit StderrTerminal(bool colors) : colors_(colors) {}
  void write(std::string_view text) override;
  bool colors() const override { return colors_; }

 private:
  bool colors_;
};

// For tests: keeps everything written, escapes and all.
class FakeTerminal final : public Terminal {
 public:
  explicit FakeTerminal(bool colors = false) : colors_(colors) {}
  void write(std::string_view text) override { written_ += text; }
  bool colors() const override { return colors_; }
  const std::string& written() const { return written_; }

 private:
  bool colors_;
  std::string written_;
};

// A line on the terminal that can be redrawn in place until it is settled: a state that is
// running, then the line it ended with. Colors are SGR codes, used only when the terminal
// allows them.
class StatusLine {
 public:
  enum class Color { kNone, kGreen, kRed, kYellow };

  explicit StatusLine(Terminal& terminal) : terminal_(terminal) {}
  // Draws `text` in place of the open line (or on a new one), leaving it open.
  void show(std::string_view text);
  // Draws `text` in place of the open line (or on a new one) and ends the line: what comes
  // next goes below it.
  void settle(std::string_view text);
  // "<mark> <text>": `mark` (one character such as "✓") in `color` when colors are allowed.
  std::string marked(std::string_view mark, Color color, std::string_view text) const;
  bool open() const { return open_; }

 private:
  void draw(std::string_view text, bool end);

  Terminal& terminal_;
  bool open_ = false;
};

}  // namespace conflictctl::progress

#pragma once
// What a command says on stderr besides its failure, as it goes: notes ("recorded run …",
// "budget report written to …", `run`'s timing line, `validate`'s problems with each file),
// warnings ("warning: run not recorded: …") and the log its tasks write. None of them changes
// the exit code. A failure is never printed here: the command returns it (command_error.h)
// and main() prints it.
#include <memory>
#include <string_view>

#include "core/logger.h"
#include "progress/terminal.h"

namespace conflictctl::app {

// `line` on stderr as it is.
void note(std::string_view line);

// "warning: <message>" on stderr.
void warning(std::string_view message);

// The logger the commands hand to tasks: stderr, level from $LOG_LEVEL (default WARNING).
StderrLogger& command_logger();

// Where a command draws its live progress (progress/terminal.h): stderr when it is a terminal
// ($TERM not "dumb") and not `quiet`, with colors unless $NO_COLOR is set and not empty; else
// null, and nothing is drawn (piped or redirected output never has progress).
std::unique_ptr<progress::Terminal> progress_terminal(bool quiet);

}  // namespace conflictctl::app

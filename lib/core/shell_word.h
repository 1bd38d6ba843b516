#pragma once
// Text as one word of a command line a user can paste into a POSIX shell: the hints
// conflictctl prints ("conflictctl history ID --state-dir DIR"). Pure; thread-safe.
#include <string>

namespace conflictctl {

// `text` as one word a POSIX shell reads back unchanged: as it is when it holds only
// characters no shell treats specially, else in single quotes ("my runs" → "'my runs'").
std::string shell_word(const std::string& text);

}  // namespace conflictctl

#pragma once
// Writing a whole file that only its owner may read: what `--out` and `--history` write
// (reports and histories hold task outputs, possibly personal data; docs/budget.md).
//
// `write_private_file(path, text)`:
//   1. creates a new temporary file in `path`'s directory with mkstemp — a unique name
//      (".<name>.XXXXXX"), O_CREAT|O_EXCL, mode 0600 — so it never opens an existing file
//      and never follows a symbolic link planted there;
//   2. writes `text` and flushes it (fsync);
//   3. renames it to `path` in one step. A symbolic link at `path` is replaced, not followed.
// On every error the temporary file is removed: nothing is left behind, and `path` is
// unchanged. The result's cause names `path` and the system's reason; the name is empty (the
// caller chooses one).
//
// Thread safety: any number of threads and processes may write at once (names are unique);
// when two write the same `path`, one whole file wins.
#include <string>

#include "core/error.h"

namespace conflictctl {

// The permission bits of the files written here.
inline constexpr unsigned kPrivateFileMode = 0600;

Result<void> write_private_file(const std::string& path, const std::string& text);

// Whether write_private_file(path, …) can succeed, checked without writing anything, so that
// a command refuses an output path before it does any work: `path`'s directory must exist,
// be a directory this process may write in, and `path` must not be a directory. The cause is
// write_private_file's: "<path>: cannot write file: <the system's reason>". The file system
// may still change before the write; the write reports that itself.
Result<void> check_writable(const std::string& path);

}  // namespace conflictctl

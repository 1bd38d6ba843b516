#pragma once
// What goes into an AWS Lambda package besides the executable: the shared objects the running
// process has loaded, and the `bootstrap` script Lambda's custom runtime (provided.al2023)
// starts.
//
// The package runs conflictctl through the dynamic loader it bundles
// (`lib/ld-linux-x86-64.so.2 --library-path lib bin/conflictctl`), so the program uses the
// glibc it was built with and not the host's: Amazon Linux 2023 has glibc 2.34, a Debian 12
// build needs 2.36.
//
// Only objects loaded when loaded_shared_objects() is called are listed: call it from the
// program being packaged, after opening what it opens on first use (libpq and libcurl,
// core/shared_library.h: `conflictctl package` opens them before it lists).
//
// Thread safety: both functions may be called from any thread.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace conflictctl::deploy {

struct SharedObject {
  std::filesystem::path path;  // the real file (symbolic links resolved)
  std::string name;            // the name it was loaded under, its soname: "libpq.so.5"
  bool loader = false;         // the dynamic loader (PT_INTERP): "ld-linux-x86-64.so.2"
};

// The shared objects of the running process, in load order, without the main program and the
// kernel's vDSO (which has no file); the dynamic loader is among them. Error
// "Package.ReadFailed" when a loaded object's file cannot be resolved (deleted since).
Result<std::vector<SharedObject>> loaded_shared_objects();

// The text of the package's `bootstrap` file: a POSIX sh script that execs
// lib/<loader_name> --library-path lib bin/conflictctl lambda-runtime "$@", all under
// $LAMBDA_TASK_ROOT — or, outside Lambda, under the script's own folder.
std::string bootstrap_script(std::string_view loader_name);

}  // namespace conflictctl::deploy

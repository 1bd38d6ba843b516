#include "core/shared_library.h"

#include <dlfcn.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>

namespace conflictctl {

SharedLibrary::SharedLibrary(const char* soname, const char* package)
    : soname_(soname), package_(package) {}

Result<void> SharedLibrary::load() {
  std::call_once(once_, [this] {
    handle_ = dlopen(soname_, RTLD_NOW | RTLD_LOCAL);
    if (!handle_) {
      const char* reason = dlerror();
      error_ = fmt::format("{} could not be loaded ({}): install the Debian package {}", soname_,
                           reason ? reason : "no reason given", package_);
    }
  });
  if (!handle_) return Error{"Library.Unavailable", error_};
  return {};
}

void* SharedLibrary::symbol(const char* name) {
  Result<void> loaded = load();
  void* address = loaded ? dlsym(handle_, name) : nullptr;
  if (!address) {
    // No caller can go on without the function; say what is broken rather than crash.
    std::string message =
        loaded ? fmt::format("conflictctl: {} has no function {}: the installed library is "
                             "broken or too old\n",
                             soname_, name)
               : fmt::format("conflictctl: {}\n", loaded.error().cause);
    (void)!write(STDERR_FILENO, message.data(), message.size());
    std::_Exit(70);
  }
  return address;
}

}  // namespace conflictctl

#include "scratch_dir.h"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <system_error>

namespace conflictctl::test {

ScratchDir::ScratchDir(std::string_view label) {
  std::string pattern = (std::filesystem::temp_directory_path() /
                         ("conflictctl_" + std::string(label) + "_XXXXXX"))
                            .string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("cannot make a scratch folder " + pattern + ": " +
                             std::strerror(errno));
  }
  path_ = pattern;
}

ScratchDir::~ScratchDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace conflictctl::test

#include "source_tree.h"

namespace conflictctl::test {

const std::string& source_dir() {
  static const std::string dir = CONFLICTCTL_SOURCE_DIR;
  return dir;
}

std::string source_path(std::string_view relative) {
  std::string path = source_dir();
  path += '/';
  path += relative;
  return path;
}

}  // namespace conflictctl::test

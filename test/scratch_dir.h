// A fresh, empty folder of its own for one test, removed (with everything in it) when the
// test ends:
//
//   test::ScratchDir scratch("item_reader");
//   std::ofstream(scratch.path() / "items.json") << "[1, 2]";
//
// Each ScratchDir is made by mkdtemp, so its name is unique: tests that ctest runs at the same
// time (`ctest -j`) never share a folder, and one test's cleanup never removes another test's
// files. A fixed name under /tmp is the bug this replaces.
#pragma once

#include <filesystem>
#include <string_view>

namespace conflictctl::test {

class ScratchDir {
 public:
  // A new folder /tmp/conflictctl_<label>_XXXXXX; throws std::runtime_error when it cannot be
  // made (the test then fails with the reason).
  explicit ScratchDir(std::string_view label);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace conflictctl::test

#include "core/private_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using namespace conflictctl;
namespace fs = std::filesystem;

namespace {

// A fresh directory under the system's temporary folder, removed with everything in it.
struct Scratch {
  Scratch() {
    std::string pattern = (fs::temp_directory_path() / "private_file_test.XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~Scratch() {
    std::error_code ignored;
    fs::permissions(path, fs::perms::owner_all, ignored);
    fs::remove_all(path, ignored);
  }
  std::set<std::string> names() const {
    std::set<std::string> out;
    for (const auto& entry : fs::directory_iterator(path)) out.insert(entry.path().filename());
    return out;
  }
  fs::path path;
};

std::string contents(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

unsigned mode_of(const fs::path& path) {
  struct stat info {};
  REQUIRE(::lstat(path.c_str(), &info) == 0);
  return info.st_mode & 0777;
}

}  // namespace

// Regression (issue 14): --out and --history wrote through a fixed "<path>.tmp" (mode 0644,
// following a symbolic link planted under that name) and left it behind on error.
TEST_CASE("private file: written whole, mode 0600, no temporary file left") {
  Scratch dir;
  const fs::path out = dir.path / "report.html";
  REQUIRE(write_private_file(out.string(), "one").ok());
  REQUIRE(write_private_file(out.string(), "two").ok());
  CHECK(contents(out) == "two");
  CHECK(mode_of(out) == 0600);
  CHECK(dir.names() == std::set<std::string>{"report.html"});
}

TEST_CASE("private file: a symbolic link at <path>.tmp is never followed") {
  Scratch dir;
  const fs::path victim = dir.path / "victim";
  { std::ofstream(victim) << "keep"; }
  const fs::path out = dir.path / "history.json";
  fs::create_symlink(victim, dir.path / "history.json.tmp");
  REQUIRE(write_private_file(out.string(), "{}").ok());
  CHECK(contents(victim) == "keep");
  CHECK(contents(out) == "{}");
  CHECK(fs::is_symlink(dir.path / "history.json.tmp"));
}

TEST_CASE("private file: a symbolic link at the path is replaced, not written through") {
  Scratch dir;
  const fs::path victim = dir.path / "victim";
  { std::ofstream(victim) << "keep"; }
  const fs::path out = dir.path / "out.json";
  fs::create_symlink(victim, out);
  REQUIRE(write_private_file(out.string(), "new").ok());
  CHECK(contents(victim) == "keep");
  CHECK_FALSE(fs::is_symlink(out));
  CHECK(contents(out) == "new");
}

TEST_CASE("private file: a failed rename removes the temporary file and names the path") {
  Scratch dir;
  const fs::path out = dir.path / "taken";
  fs::create_directory(out);
  { std::ofstream(out / "inside") << "x"; }  // rename onto a non-empty directory fails
  auto written = write_private_file(out.string(), "text");
  REQUIRE_FALSE(written.ok());
  CHECK(written.error().cause.starts_with(out.string() + ": cannot write file: "));
  CHECK(dir.names() == std::set<std::string>{"taken"});
}

TEST_CASE("private file: a directory that cannot be written is an error naming the path") {
  if (::geteuid() == 0) return;  // root writes anywhere
  Scratch dir;
  fs::permissions(dir.path, fs::perms::owner_read | fs::perms::owner_exec);
  auto written = write_private_file((dir.path / "out").string(), "text");
  REQUIRE_FALSE(written.ok());
  CHECK(written.error().cause ==
        (dir.path / "out").string() + ": cannot write file: Permission denied");
}

#include "deploy/bundle.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

#include "budget/test_support.h"  // TempDir

namespace conflictctl::deploy {
namespace {

using budget::testing::TempDir;

const SharedObject* find(const std::vector<SharedObject>& objects, const std::string& name) {
  for (const auto& object : objects)
    if (object.name == name) return &object;
  return nullptr;
}

TEST_CASE("the loaded shared objects are listed by soname, with their real files", "[bundle]") {
  auto objects = loaded_shared_objects();
  REQUIRE(objects.ok());
  const SharedObject* libc = find(*objects, "libc.so.6");
  REQUIRE(libc != nullptr);
  CHECK(libc->path.is_absolute());
  CHECK(std::filesystem::is_regular_file(libc->path));
  CHECK_FALSE(std::filesystem::is_symlink(libc->path));
  CHECK_FALSE(libc->loader);
  // libstdc++.so.6 is a link to libstdc++.so.6.0.N: the name stays the one the loader used.
  const SharedObject* libstdcxx = find(*objects, "libstdc++.so.6");
  REQUIRE(libstdcxx != nullptr);
  CHECK(libstdcxx->path.filename() != "libstdc++.so.6");
  for (const auto& object : *objects) {
    CHECK(object.name.find(".so") != std::string::npos);
    CHECK(object.name != "linux-vdso.so.1");
  }
}

TEST_CASE("the dynamic loader is listed once, marked as the loader", "[bundle]") {
  auto objects = loaded_shared_objects();
  REQUIRE(objects.ok());
  std::vector<std::string> loaders;
  for (const auto& object : *objects)
    if (object.loader) loaders.push_back(object.name);
  CHECK(loaders == std::vector<std::string>{"ld-linux-x86-64.so.2"});
}

TEST_CASE("bootstrap runs conflictctl lambda-runtime through the bundled loader", "[bundle]") {
  std::string script = bootstrap_script("ld-linux-x86-64.so.2");
  CHECK(script.starts_with("#!/bin/sh\n"));
  CHECK(script.find("exec \"$root/lib/ld-linux-x86-64.so.2\" --library-path \"$root/lib\" "
                    "\"$root/bin/conflictctl\" lambda-runtime \"$@\"\n") != std::string::npos);
}

// Runs `command` with sh and returns what it printed.
std::string run(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buffer[512];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  REQUIRE(::pclose(pipe) == 0);
  return out;
}

TEST_CASE("bootstrap finds the package in LAMBDA_TASK_ROOT, else beside itself", "[bundle]") {
  TempDir dir;
  std::filesystem::create_directory(dir.path() + "/lib");
  std::ofstream(dir.path() + "/bootstrap") << bootstrap_script("ld-fake.so");
  std::ofstream(dir.path() + "/lib/ld-fake.so") << "#!/bin/sh\necho \"$@\"\n";
  std::filesystem::permissions(dir.path() + "/lib/ld-fake.so",
                               std::filesystem::perms::owner_all);
  std::string expected =
      "--library-path " + dir.path() + "/lib " + dir.path() + "/bin/conflictctl lambda-runtime";
  CHECK(run("env -u LAMBDA_TASK_ROOT sh " + dir.path() + "/bootstrap 'a b'") ==
        expected + " a b\n");
  CHECK(run("cd / && LAMBDA_TASK_ROOT=" + dir.path() + " sh /dev/stdin < " + dir.path() +
            "/bootstrap") == expected + "\n");
}

}  // namespace
}  // namespace conflictctl::deploy

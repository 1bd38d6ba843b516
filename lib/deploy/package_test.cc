#include "deploy/package.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "budget/test_support.h"  // TempDir

namespace conflictctl::deploy {
namespace {

using budget::testing::TempDir;

Timestamp jan1() { return *parse_timestamp("2024-01-01T00:00:00Z"); }

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A package folder with a fake executable, loader and library.
struct FakeProgram {
  TempDir dir;
  PackageRequest request;

  FakeProgram() {
    std::ofstream(dir.path() + "/conflictctl") << "an executable";
    std::ofstream(dir.path() + "/ld.so.2.36") << "a loader";
    std::ofstream(dir.path() + "/libx.so.1.2") << "a library";
    request.output = dir.path() + "/out.zip";
    request.executable = dir.path() + "/conflictctl";
    request.shared_objects = std::vector<SharedObject>{
        {dir.path() + "/libx.so.1.2", "libx.so.1", false},
        {dir.path() + "/ld.so.2.36", "ld-linux-x86-64.so.2", true}};
    request.modified = jan1();
  }
};

TEST_CASE("the package holds bootstrap, the executable and each shared object", "[package]") {
  FakeProgram program;
  auto summary = write_lambda_package(program.request);
  REQUIRE(summary.ok());
  CHECK(summary->output == program.request.output);
  CHECK(summary->entries == 4);
  CHECK(summary->loader == "ld-linux-x86-64.so.2");
  CHECK(summary->uncompressed_bytes ==
        bootstrap_script("ld-linux-x86-64.so.2").size() + 13 + 8 + 9);
  std::string bytes = read_bytes(program.request.output.string());
  CHECK(summary->compressed_bytes == bytes.size());
  CHECK(summary->warnings.empty());
  // Entries in order: bootstrap, bin/, then lib/ by name.
  auto at = [&](const std::string& name) { return bytes.rfind(name); };
  CHECK(at("bootstrap") < at("bin/conflictctl"));
  CHECK(at("bin/conflictctl") < at("lib/ld-linux-x86-64.so.2"));
  CHECK(at("lib/ld-linux-x86-64.so.2") < at("lib/libx.so.1"));
}

TEST_CASE("the same program and time give the same package", "[package]") {
  FakeProgram program;
  REQUIRE(write_lambda_package(program.request).ok());
  std::string first = read_bytes(program.request.output.string());
  REQUIRE(write_lambda_package(program.request).ok());
  CHECK(read_bytes(program.request.output.string()) == first);
}

TEST_CASE("over 250 MB unzipped the package is refused before writing", "[package]") {
  FakeProgram program;
  std::filesystem::resize_file(program.dir.path() + "/libx.so.1.2", 300 * kMegabyte);  // sparse
  auto summary = write_lambda_package(program.request);
  REQUIRE_FALSE(summary.ok());
  CHECK(summary.error() ==
        Error{"Package.TooLarge",
              program.request.output.string() +
                  ": 300.0 MB unzipped, over the 250 MB Lambda accepts"});
  CHECK_FALSE(std::filesystem::exists(program.request.output));
}

TEST_CASE("without a dynamic loader there is no package", "[package]") {
  FakeProgram program;
  program.request.shared_objects->pop_back();
  auto summary = write_lambda_package(program.request);
  REQUIRE_FALSE(summary.ok());
  CHECK(summary.error().name == "Package.NoLoader");
  CHECK_FALSE(std::filesystem::exists(program.request.output));
}

TEST_CASE("sizes print in Lambda's MB", "[package]") {
  CHECK(megabytes_text(kDirectUploadLimitBytes) == "50.0 MB");
  CHECK(megabytes_text(64'250'000) == "61.3 MB");
}

TEST_CASE("a missing input file is named in the error", "[package]") {
  FakeProgram program;
  program.request.executable = program.dir.path() + "/missing";
  auto summary = write_lambda_package(program.request);
  REQUIRE_FALSE(summary.ok());
  CHECK(summary.error() == Error{"Package.ReadFailed",
                                 program.dir.path() + "/missing: No such file or directory"});
}

}  // namespace
}  // namespace conflictctl::deploy

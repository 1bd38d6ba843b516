#include "engine/s3_listing.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "scratch_dir.h"

namespace conflictctl::engine {
namespace {

namespace fs = std::filesystem;

struct Folder {
  test::ScratchDir scratch{"s3_listing"};
  fs::path dir = scratch.path();
  void write(const std::string& name, const std::string& text) const {
    fs::create_directories((dir / name).parent_path());
    std::ofstream(dir / name, std::ios::binary) << text;
  }
};

std::vector<std::string> keys_of(S3Listing listing) {
  std::vector<std::string> keys;
  while (true) {
    auto object = listing.next();
    REQUIRE(object.ok());
    if (!*object) return keys;
    keys.push_back((*object)->key);
  }
}

TEST_CASE("a listing walks folders where their keys fall among their siblings'") {
  Folder folder;
  // Byte order: ' ' < '-' < '.' < '/' < '0' < 'A' < 'a' < 'é' (0xC3 0xA9).
  for (const char* name : {"x/1", "x/y/2", "x 3", "x-4", "x.5", "x0", "xA", "xa", "x\xC3\xA9"})
    folder.write(name, "");
  S3Files files({S3Root{"b/", folder.dir}});
  auto listing = S3Listing::open(files, "b", "", "E");
  REQUIRE(listing.ok());
  CHECK(keys_of(std::move(*listing)) == std::vector<std::string>{"x 3", "x-4", "x.5", "x/1",
                                                                   "x/y/2", "x0", "xA", "xa",
                                                                   "x\xC3\xA9"});
  auto under = S3Listing::open(files, "b", "x/y", "E");
  REQUIRE(under.ok());
  CHECK(keys_of(std::move(*under)) == std::vector<std::string>{"x/y/2"});
}

TEST_CASE("a listing's folder must be there") {
  S3Files files({S3Root{"b/", "/nonexistent/conflictctl"}});
  auto listing = S3Listing::open(files, "b", "", "States.ItemReaderFailed");
  CHECK(listing.error() == Error{"States.ItemReaderFailed",
                                 "/nonexistent/conflictctl: the folder of s3://b/ is not there"});
}

TEST_CASE("an object's ETag is the MD5 of its contents, quoted") {
  Folder folder;
  folder.write("a", "The quick brown fox jumps over the lazy dog");
  CHECK(object_etag(folder.dir / "a", "E").value() == "\"9e107d9d372bb6826bd81d3542a419d6\"");
  CHECK(object_etag(folder.dir / "none", "E").error() ==
        Error{"E", (folder.dir / "none").string() + ": cannot be read"});
}

}  // namespace
}  // namespace conflictctl::engine

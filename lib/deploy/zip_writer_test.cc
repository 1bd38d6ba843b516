#include "deploy/zip_writer.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "budget/test_support.h"  // TempDir

namespace conflictctl::deploy {
namespace {

using budget::testing::TempDir;

Timestamp at(const char* text) { return *parse_timestamp(text); }

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

unsigned u16(const std::string& bytes, std::size_t at) {
  return static_cast<unsigned char>(bytes.at(at)) |
         static_cast<unsigned char>(bytes.at(at + 1)) << 8;
}

unsigned long u32(const std::string& bytes, std::size_t at) {
  return u16(bytes, at) | static_cast<unsigned long>(u16(bytes, at + 2)) << 16;
}

// Writes `entries` to `path` at `modified`; fails the test on an error.
ZipTotals write_zip(const std::string& path, const std::vector<ZipEntry>& entries,
                    Timestamp modified = at("2024-05-06T07:08:09.500Z")) {
  auto writer = ZipWriter::create(path, modified);
  REQUIRE(writer.ok());
  for (const auto& entry : entries) REQUIRE(writer->add(entry).ok());
  auto totals = writer->commit();
  REQUIRE(totals.ok());
  return *totals;
}

// Bytes that deflate cannot shrink (a linear congruential generator's high bytes).
std::string noise(std::size_t size) {
  std::string out(size, '\0');
  std::uint32_t state = 12345;
  for (char& c : out) {
    state = state * 1103515245u + 12345u;
    c = static_cast<char>(state >> 24);
  }
  return out;
}

// End of central directory record: the last 22 bytes (no archive comment).
constexpr std::size_t kEndRecord = 22;

TEST_CASE("an archive starts with a local header and its end record counts the entries",
          "[zip]") {
  TempDir dir;
  std::string path = dir.path() + "/a.zip";
  auto totals = write_zip(path, {{"bootstrap", "#!/bin/sh\n", 0755},
                                 {"bin/x", "binary", 0755},
                                 {"lib/libx.so.1", "library", 0644}});
  std::string bytes = read_bytes(path);
  CHECK(bytes.substr(0, 4) == "PK\x03\x04");
  std::size_t end = bytes.size() - kEndRecord;
  CHECK(bytes.substr(end, 4) == "PK\x05\x06");
  CHECK(u16(bytes, end + 8) == 3);   // entries on this disk
  CHECK(u16(bytes, end + 10) == 3);  // entries in total
  CHECK(totals.entries == 3);
  CHECK(totals.uncompressed_bytes == 10 + 6 + 7);
  CHECK(totals.compressed_bytes == bytes.size());
  // The first name follows the 30-byte local header.
  CHECK(bytes.substr(30, 9) == "bootstrap");
}

TEST_CASE("each entry keeps its Unix mode, made by Unix", "[zip]") {
  TempDir dir;
  std::string path = dir.path() + "/a.zip";
  write_zip(path, {{"bootstrap", "#!/bin/sh\n", 0755}, {"lib/data", "x", 0644}});
  std::string bytes = read_bytes(path);
  std::size_t central = u32(bytes, bytes.size() - kEndRecord + 16);
  REQUIRE(bytes.substr(central, 4) == "PK\x01\x02");
  CHECK(u16(bytes, central + 4) >> 8 == 3);                 // version made by: Unix
  CHECK(u32(bytes, central + 38) >> 16 == (0100000 | 0755));  // regular file, rwxr-xr-x
  std::size_t second = central + 46 + u16(bytes, central + 28);
  REQUIRE(bytes.substr(second, 4) == "PK\x01\x02");
  CHECK(u32(bytes, second + 38) >> 16 == (0100000 | 0644));
}

TEST_CASE("the same entries and time give the same bytes", "[zip]") {
  TempDir dir;
  const std::string random = noise(300);  // ZipEntry::data only views it: keep it alive
  std::vector<ZipEntry> entries{{"a", "hello hello hello hello", 0644}, {"b", random, 0755}};
  write_zip(dir.path() + "/1.zip", entries, at("2024-05-06T07:08:08Z"));
  write_zip(dir.path() + "/2.zip", entries, at("2024-05-06T07:08:09.999Z"));  // same 2 s
  write_zip(dir.path() + "/3.zip", entries, at("2024-05-06T07:08:10Z"));
  CHECK(read_bytes(dir.path() + "/1.zip") == read_bytes(dir.path() + "/2.zip"));
  CHECK(read_bytes(dir.path() + "/1.zip") != read_bytes(dir.path() + "/3.zip"));
}

TEST_CASE("the modification time is MS-DOS time in UTC, clamped to 1980", "[zip]") {
  TempDir dir;
  write_zip(dir.path() + "/a.zip", {{"a", "x", 0644}}, at("2024-05-06T07:08:09.500Z"));
  std::string bytes = read_bytes(dir.path() + "/a.zip");
  CHECK(u16(bytes, 10) == (7u << 11 | 8u << 5 | 4u));      // 07:08:08
  CHECK(u16(bytes, 12) == (44u << 9 | 5u << 5 | 6u));      // 2024-05-06
  write_zip(dir.path() + "/b.zip", {{"a", "x", 0644}}, at("1970-01-01T00:00:00Z"));
  bytes = read_bytes(dir.path() + "/b.zip");
  CHECK(u16(bytes, 10) == 0);
  CHECK(u16(bytes, 12) == (1u << 5 | 1u));  // 1980-01-01
}

TEST_CASE("repetitive data is deflated, data deflate cannot shrink is stored", "[zip]") {
  TempDir dir;
  std::string repetitive(100'000, 'a');
  auto totals = write_zip(dir.path() + "/a.zip", {{"a", repetitive, 0644}});
  std::string bytes = read_bytes(dir.path() + "/a.zip");
  CHECK(u16(bytes, 8) == 8);  // method: deflate
  CHECK(u32(bytes, 18) < 1'000);  // compressed size
  CHECK(u32(bytes, 22) == 100'000);
  CHECK(totals.compressed_bytes < 1'000);

  write_zip(dir.path() + "/b.zip", {{"b", noise(1'000), 0644}});
  bytes = read_bytes(dir.path() + "/b.zip");
  CHECK(u16(bytes, 8) == 0);  // method: stored
  CHECK(u32(bytes, 18) == 1'000);
  CHECK(bytes.substr(31, 1'000) == noise(1'000));
}

TEST_CASE("the CRC-32 is the standard one", "[zip]") {
  TempDir dir;
  write_zip(dir.path() + "/a.zip", {{"a", "123456789", 0644}});
  CHECK(u32(read_bytes(dir.path() + "/a.zip"), 14) == 0xCBF43926);  // the check value
}

TEST_CASE("an unwritable path is an error naming it, and leaves no file", "[zip]") {
  auto writer = ZipWriter::create("/nonexistent-dir/a.zip", at("2024-01-01T00:00:00Z"));
  REQUIRE_FALSE(writer.ok());
  CHECK(writer.error() ==
        Error{"Package.WriteFailed", "/nonexistent-dir/a.zip: No such file or directory"});
}

TEST_CASE("the archive appears only on commit, an abandoned one leaves nothing", "[zip]") {
  TempDir dir;
  std::string path = dir.path() + "/a.zip";
  {
    auto writer = ZipWriter::create(path, at("2024-01-01T00:00:00Z"));
    REQUIRE(writer.ok());
    REQUIRE(writer->add({"a", "x", 0644}).ok());
    CHECK_FALSE(std::filesystem::exists(path));
  }
  CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("more than 65,535 entries are refused (no Zip64)", "[zip]") {
  TempDir dir;
  auto writer = ZipWriter::create(dir.path() + "/a.zip", at("2024-01-01T00:00:00Z"));
  REQUIRE(writer.ok());
  for (std::size_t i = 0; i < kZipMaxEntries; ++i) REQUIRE(writer->add({"e", "", 0644}).ok());
  auto refused = writer->add({"e", "", 0644});
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error() == Error{"Package.WriteFailed",
                                 dir.path() + "/a.zip: more than 65535 entries (no Zip64)"});
}

}  // namespace
}  // namespace conflictctl::deploy

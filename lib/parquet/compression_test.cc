#include "parquet/compression.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

#include <string>

#include "parquet/metadata.h"

namespace conflictctl::parquet {
namespace {

const std::string kText = "a page of Parquet values, a page of Parquet values, and more";

std::string gzip(const std::string& in) {
  z_stream stream{};
  REQUIRE(deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(in.size() + 128, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  stream.avail_in = static_cast<uInt>(in.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&stream, Z_FINISH) == Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

std::string snappy(const std::string& in) {
  std::size_t size = snappy_max_compressed_length(in.size());
  std::string out(size, '\0');
  REQUIRE(snappy_compress(in.data(), in.size(), out.data(), &size) == SNAPPY_OK);
  out.resize(size);
  return out;
}

std::string zstd(const std::string& in) {
  std::string out(ZSTD_compressBound(in.size()), '\0');
  std::size_t size = ZSTD_compress(out.data(), out.size(), in.data(), in.size(), 3);
  REQUIRE_FALSE(ZSTD_isError(size));
  out.resize(size);
  return out;
}

constexpr auto kNone = static_cast<std::int32_t>(Codec::kUncompressed);
constexpr auto kSnappy = static_cast<std::int32_t>(Codec::kSnappy);
constexpr auto kGzip = static_cast<std::int32_t>(Codec::kGzip);
constexpr auto kZstd = static_cast<std::int32_t>(Codec::kZstd);

TEST_CASE("pages decompress with SNAPPY, GZIP (several members too) and ZSTD") {
  CHECK(decompress(kNone, kText, kText.size()).value() == kText);
  CHECK(decompress(kSnappy, snappy(kText), kText.size()).value() == kText);
  CHECK(decompress(kGzip, gzip(kText), kText.size()).value() == kText);
  CHECK(decompress(kGzip, gzip("two ") + gzip("members"), 11).value() == "two members");
  CHECK(decompress(kZstd, zstd(kText), kText.size()).value() == kText);
}

TEST_CASE("a page that decompresses to another size than its header says fails") {
  const auto size = kText.size();
  CHECK(decompress(kGzip, gzip(kText), size - 1).error().cause ==
        fmt::format("a GZIP page decompresses to {} bytes, its header says {}", size, size - 1));
  CHECK(decompress(kGzip, gzip(kText), size + 1).error().cause ==
        fmt::format("a GZIP page decompresses to {} bytes, its header says {}", size, size + 1));
  CHECK(decompress(kZstd, zstd(kText), 10).error().cause ==
        "a ZSTD page decompresses to 11 bytes, its header says 10");
  CHECK(decompress(kSnappy, snappy(kText), 10).error().cause ==
        fmt::format("a SNAPPY page decompresses to {} bytes, its header says 10", size));
  CHECK(decompress(kNone, kText, 10).error().cause ==
        fmt::format("an UNCOMPRESSED page holds {} bytes, its header says 10", size));
}

TEST_CASE("corrupt pages and other codecs are refused by name") {
  CHECK(decompress(kGzip, "not gzip at all", 15).error().cause ==
        "a GZIP page cannot be decompressed: incorrect header check");
  CHECK(decompress(kZstd, "not zstd at all", 15).error().cause ==
        "a ZSTD page cannot be decompressed: Unknown frame descriptor");
  CHECK(decompress(kSnappy, std::string("\x05", 1) + "ab", 5).error().cause ==
        "a SNAPPY page cannot be decompressed: the data is not valid Snappy");
  std::string cut = gzip(kText);
  cut.resize(cut.size() / 2);
  CHECK(decompress(kGzip, cut, kText.size()).error().cause.starts_with(
      "a GZIP page cannot be decompressed"));
  CHECK(decompress(static_cast<std::int32_t>(Codec::kLz4Raw), "x", 1).error().cause ==
        "codec LZ4_RAW is not supported (UNCOMPRESSED, SNAPPY, GZIP and ZSTD are)");
  CHECK(decompress(42, "x", 1).error().cause ==
        "codec 42 is not supported (UNCOMPRESSED, SNAPPY, GZIP and ZSTD are)");
}

}  // namespace
}  // namespace conflictctl::parquet

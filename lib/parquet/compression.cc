#include "parquet/compression.h"

#include <fmt/format.h>
#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>

#include "parquet/metadata.h"
#include "parquet/problem.h"

namespace conflictctl::parquet {

namespace {

Error wrong_size(std::int32_t codec, std::size_t got, std::size_t expected) {
  if (codec == 0)
    return problem(fmt::format("an UNCOMPRESSED page holds {} bytes, its header says {}", got,
                               expected));
  return problem(fmt::format("a {} page decompresses to {} bytes, its header says {}",
                             codec_name(codec), got, expected));
}

Error corrupt(std::int32_t codec, std::string_view what) {
  return problem(fmt::format("a {} page cannot be decompressed: {}", codec_name(codec), what));
}

// Output buffers start small and double, never past `limit` (+1 byte to notice excess).
std::size_t first_size(std::size_t compressed, std::size_t limit) {
  return std::min(limit + 1, std::max<std::size_t>(compressed * 4, 4096));
}

Result<std::string> gunzip(std::string_view in, std::size_t expected) {
  std::string out(first_size(in.size(), expected), '\0');
  std::size_t produced = 0;
  z_stream stream{};
  if (inflateInit2(&stream, 15 + 32) != Z_OK) return corrupt(2, "zlib cannot start");
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  std::size_t consumed = 0;
  int code = Z_OK;
  while (true) {
    std::size_t in_left = in.size() - consumed;
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + consumed));
    stream.avail_in = static_cast<uInt>(std::min<std::size_t>(in_left, 1u << 30));
    if (produced == out.size()) {
      if (out.size() > expected) break;
      out.resize(std::min(out.size() * 2, expected + 1));
    }
    stream.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    stream.avail_out = static_cast<uInt>(std::min<std::size_t>(out.size() - produced, 1u << 30));
    uInt before_in = stream.avail_in, before_out = stream.avail_out;
    code = inflate(&stream, Z_NO_FLUSH);
    consumed += before_in - stream.avail_in;
    produced += before_out - stream.avail_out;
    if (before_in == stream.avail_in && before_out == stream.avail_out && code != Z_STREAM_END)
      break;  // no progress: a broken stream
    if (code == Z_STREAM_END) {
      if (consumed == in.size()) break;
      if (inflateReset(&stream) != Z_OK) break;  // another gzip member follows
      continue;
    }
    if (code != Z_OK && code != Z_BUF_ERROR) break;
    if (code == Z_BUF_ERROR && consumed == in.size()) break;  // input ended mid-stream
  }
  inflateEnd(&stream);
  if (code != Z_STREAM_END) {
    if (produced > expected) return wrong_size(2, produced, expected);
    return corrupt(2, stream.msg ? stream.msg : "the stream ends early");
  }
  if (produced != expected) return wrong_size(2, produced, expected);
  out.resize(produced);
  return out;
}

Result<std::string> unzstd(std::string_view in, std::size_t expected) {
  ZSTD_DCtx* context = ZSTD_createDCtx();
  if (!context) return corrupt(6, "zstd cannot start");
  std::string out(first_size(in.size(), expected), '\0');
  ZSTD_inBuffer input{in.data(), in.size(), 0};
  std::size_t produced = 0;
  std::size_t code = 0;
  while (true) {
    if (produced == out.size()) {
      if (out.size() > expected) break;
      out.resize(std::min(out.size() * 2, expected + 1));
    }
    ZSTD_outBuffer output{out.data() + produced, out.size() - produced, 0};
    std::size_t read_before = input.pos;
    code = ZSTD_decompressStream(context, &output, &input);
    produced += output.pos;
    if (ZSTD_isError(code)) break;
    if (output.pos == 0 && input.pos == read_before) break;  // no progress
    if (input.pos == input.size && output.pos < output.size) break;  // all read, all written
  }
  ZSTD_freeDCtx(context);
  if (ZSTD_isError(code)) return corrupt(6, ZSTD_getErrorName(code));
  if (produced != expected) return wrong_size(6, produced, expected);
  if (code != 0) return corrupt(6, "the frame ends early");
  out.resize(produced);
  return out;
}

Result<std::string> unsnappy(std::string_view in, std::size_t expected) {
  std::size_t length = 0;
  if (snappy_uncompressed_length(in.data(), in.size(), &length) != SNAPPY_OK)
    return corrupt(1, "its length header is not valid");
  if (length != expected) return wrong_size(1, length, expected);
  std::string out(length, '\0');
  if (snappy_uncompress(in.data(), in.size(), out.data(), &length) != SNAPPY_OK)
    return corrupt(1, "the data is not valid Snappy");
  if (length != expected) return wrong_size(1, length, expected);
  return out;
}

}  // namespace

Result<std::string> decompress(std::int32_t codec, std::string_view compressed,
                               std::size_t uncompressed_size) {
  switch (static_cast<Codec>(codec)) {
    case Codec::kUncompressed:
      if (compressed.size() != uncompressed_size)
        return wrong_size(codec, compressed.size(), uncompressed_size);
      return std::string(compressed);
    case Codec::kSnappy:
      return unsnappy(compressed, uncompressed_size);
    case Codec::kGzip:
      return gunzip(compressed, uncompressed_size);
    case Codec::kZstd:
      return unzstd(compressed, uncompressed_size);
    default:
      return problem(fmt::format("codec {} is not supported (UNCOMPRESSED, SNAPPY, GZIP and "
                                 "ZSTD are)",
                                 codec_name(codec)));
  }
}

}  // namespace conflictctl::parquet

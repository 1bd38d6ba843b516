#pragma once
// A page's bytes decompressed with its column chunk's codec. Parquet compresses each page on
// its own (a data page v2 only its values, not its levels). Read here:
//   UNCOMPRESSED  as is
//   SNAPPY        Snappy's raw block format (libsnappy)
//   GZIP          gzip (or zlib) streams, concatenated members included (zlib)
//   ZSTD          Zstandard frames (libzstd)
// AWS: "Internal GZIP, ZSTD, and Snappy data compression are natively supported" (docs/
// commands.md, "Map over files"). LZO, BROTLI, LZ4 and LZ4_RAW are refused:
//   "codec LZ4_RAW is not supported (UNCOMPRESSED, SNAPPY, GZIP and ZSTD are)".
// The page header's uncompressed size is the exact size expected: more or fewer bytes out
// fail ("a GZIP page decompresses to 70 bytes, its header says 64"). Output is never grown
// past that size, so a hostile page cannot make the reader allocate more than its header
// declares (which the caller bounds). Pure; thread-safe.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace conflictctl::parquet {

Result<std::string> decompress(std::int32_t codec, std::string_view compressed,
                               std::size_t uncompressed_size);

}  // namespace conflictctl::parquet

#pragma once
// The encodings of values and levels inside a Parquet page, decoded (the Parquet format's
// Encodings.md):
//   RLE / bit-packed hybrid   definition levels, dictionary indices, RLE booleans
//   DELTA_BINARY_PACKED       INT32 and INT64 values, and the lengths of the two below
//   DELTA_LENGTH_BYTE_ARRAY   BYTE_ARRAY values: all lengths, then all bytes
//   DELTA_BYTE_ARRAY          BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY values: a prefix shared
//                             with the previous value, then the suffix
//   BYTE_STREAM_SPLIT         fixed-width values with their k-th bytes stored together
// PLAIN needs no decoder beyond reading little-endian numbers (column_reader.cc).
// Every decoder stops at the end of its bytes ("the RLE data ends after 3 of 8 values") and
// never produces more values than asked for, whatever counts the data declares, so hostile
// pages cannot make it allocate more than the caller allows. Pure; thread-safe.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace conflictctl::parquet {

// `count` values of `bit_width` bits (0 to 32) from the hybrid encoding in `bytes` (without
// the 4-byte length that data page v1 puts before levels).
Result<std::vector<std::uint32_t>> decode_rle_hybrid(std::string_view bytes, int bit_width,
                                                     std::size_t count);

// DELTA_BINARY_PACKED: at most `max_count` values (the header's count must not be more);
// `used` is set to the bytes the encoded values took.
Result<std::vector<std::int64_t>> decode_delta_binary_packed(std::string_view bytes,
                                                             std::size_t max_count,
                                                             std::size_t& used);

// DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY: exactly `count` values. DELTA_BYTE_ARRAY's
// shared prefixes let few bytes stand for many: its values may take at most `max_bytes`.
Result<std::vector<std::string>> decode_delta_length_byte_array(std::string_view bytes,
                                                                std::size_t count);
Result<std::vector<std::string>> decode_delta_byte_array(std::string_view bytes,
                                                         std::size_t count,
                                                         std::size_t max_bytes);

// BYTE_STREAM_SPLIT of `count` values of `width` bytes, back in PLAIN order.
Result<std::string> decode_byte_stream_split(std::string_view bytes, std::size_t width,
                                             std::size_t count);

}  // namespace conflictctl::parquet

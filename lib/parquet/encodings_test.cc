#include "parquet/encodings.h"

#include <catch2/catch.hpp>

#include <string>

namespace conflictctl::parquet {
namespace {

std::string bytes(std::initializer_list<int> values) {
  std::string out;
  for (int value : values) out += static_cast<char>(value);
  return out;
}

using U32 = std::vector<std::uint32_t>;
using I64 = std::vector<std::int64_t>;
using Strings = std::vector<std::string>;

TEST_CASE("RLE hybrid: a repeated run then a bit-packed group, stopping at the count asked") {
  // RLE: 4 times 5 (width 3: one byte); bit-packed: one group of 0..7 at 3 bits.
  std::string data = bytes({0x08, 0x05, 0x03, 0x88, 0xc6, 0xfa});
  CHECK(decode_rle_hybrid(data, 3, 12).value() == U32{5, 5, 5, 5, 0, 1, 2, 3, 4, 5, 6, 7});
  CHECK(decode_rle_hybrid(data, 3, 6).value() == U32{5, 5, 5, 5, 0, 1});
  CHECK(decode_rle_hybrid(data, 3, 13).error().cause == "the RLE data ends after 12 of 13 values");
  CHECK(decode_rle_hybrid(bytes({0x02, 0x09}), 3, 1).error().cause ==
        "an RLE value 9 does not fit in 3 bits");
}

TEST_CASE("DELTA_BINARY_PACKED: constant deltas, packed deltas, and counts that lie") {
  std::size_t used = 0;
  // 1..5: min delta 1, every miniblock 0 bits wide.
  std::string steady = bytes({0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0, 0, 0, 0});
  CHECK(decode_delta_binary_packed(steady, 5, used).value() == I64{1, 2, 3, 4, 5});
  CHECK(used == steady.size());
  // 7, 5, 3, 1, 2, 3, 4, 5: min delta -2, deltas above it 0 0 0 3 3 3 3 at 2 bits.
  std::string packed = bytes({0x80, 0x01, 0x04, 0x08, 0x0e, 0x03, 2, 0, 0, 0,  //
                              0xc0, 0x3f, 0, 0, 0, 0, 0, 0, 'x'});
  CHECK(decode_delta_binary_packed(packed, 8, used).value() == I64{7, 5, 3, 1, 2, 3, 4, 5});
  CHECK(used == packed.size() - 1);
  CHECK(decode_delta_binary_packed(packed, 7, used).error().cause ==
        "a DELTA_BINARY_PACKED run holds 8 values where at most 7 are expected");
  CHECK(decode_delta_binary_packed(packed.substr(0, 12), 8, used).error().cause ==
        "the DELTA_BINARY_PACKED data ends after 1 of 8 values");
}

TEST_CASE("DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY rebuild their strings") {
  // Lengths 5, 1, 1 then "appleye".
  std::string lengths = bytes({0x80, 0x01, 0x04, 0x03, 0x0a, 0x07, 3, 0, 0, 0,  //
                               0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  CHECK(decode_delta_length_byte_array(lengths + "appleye", 3).value() ==
        Strings{"apple", "y", "e"});
  CHECK(decode_delta_length_byte_array(lengths + "apple", 3).error().cause ==
        "the DELTA_LENGTH_BYTE_ARRAY data ends after 1 of 3 values");
  // Prefixes 0, 4, 2 shared with the value before; suffixes "apple", "y", "e".
  std::string prefixes = bytes({0x80, 0x01, 0x04, 0x03, 0x00, 0x03, 3, 0, 0, 0,  //
                                0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  CHECK(decode_delta_byte_array(prefixes + lengths + "appleye", 3, 100).value() ==
        Strings{"apple", "apply", "ape"});
  CHECK(decode_delta_byte_array(prefixes + lengths + "appleye", 3, 10).error().cause ==
        "DELTA_BYTE_ARRAY values of more than 10 bytes");
}

TEST_CASE("BYTE_STREAM_SPLIT puts the bytes of each value back together") {
  CHECK(decode_byte_stream_split("aAbBcC", 3, 2).value() == "abcABC");
  CHECK(decode_byte_stream_split("aAbBc", 3, 2).error().cause ==
        "the BYTE_STREAM_SPLIT data ends after 1 of 2 values");
}

}  // namespace
}  // namespace conflictctl::parquet

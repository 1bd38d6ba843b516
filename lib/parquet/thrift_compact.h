#pragma once
// A reader of the Thrift compact protocol, the encoding of a Parquet file's footer
// (FileMetaData) and of each page's header (PageHeader). Only what Parquet's structures use:
// structs, lists, binary, integers, booleans and doubles; fields this reader's callers do
// not know are skipped by their wire type, so files from newer writers still read.
//
// Hostile bytes never crash it: every read is bounds-checked, varints are at most 10 bytes,
// nesting is at most kMaxDepth, and a list's declared size is checked against the bytes
// left before anything is allocated. The first problem is kept and every later read returns
// zero values; callers check `failed()` (or `problem()`) once when done.
// Not thread-safe; cheap to construct over a byte range it does not own.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace conflictctl::parquet {

// The wire types of the compact protocol.
enum class ThriftType : std::uint8_t {
  kStop = 0,
  kTrue = 1,  // a boolean field's value is in its type
  kFalse = 2,
  kByte = 3,
  kI16 = 4,
  kI32 = 5,
  kI64 = 6,
  kDouble = 7,
  kBinary = 8,
  kList = 9,
  kSet = 10,
  kMap = 11,
  kStruct = 12,
};

struct ThriftField {
  std::int16_t id = 0;
  ThriftType type = ThriftType::kStop;
};

struct ThriftList {
  std::uint32_t size = 0;
  ThriftType element = ThriftType::kStop;
};

class CompactReader {
 public:
  static constexpr int kMaxDepth = 32;

  explicit CompactReader(std::string_view bytes) : bytes_(bytes) {}

  // The next field header of the struct being read, or nullopt at its end (kStop) or on a
  // problem. `last_id` is the previous field's id in this struct (0 at its start).
  std::optional<ThriftField> next_field(std::int16_t& last_id);

  // Values. A field's boolean is its type (kTrue/kFalse); a list's elements are bytes.
  bool read_bool(ThriftType field_type);
  std::int32_t read_i32();  // also i16 and i8 (a byte), widened
  std::int64_t read_i64();
  std::int8_t read_byte();
  double read_double();
  std::string read_binary();
  ThriftList read_list_header();

  // Skips one value of `type` (a whole struct, list or map with everything inside).
  void skip(ThriftType type, int depth = 0);

  // Structs nest: enter() before reading a nested struct's fields, leave() after.
  bool enter();
  void leave() { --depth_; }

  std::size_t position() const { return position_; }
  bool failed() const { return problem_.has_value(); }
  const std::optional<std::string>& problem() const { return problem_; }
  void fail(std::string what);

 private:
  std::uint64_t read_varint();
  bool need(std::size_t count);

  std::string_view bytes_;
  std::size_t position_ = 0;
  int depth_ = 0;
  std::optional<std::string> problem_;
};

}  // namespace conflictctl::parquet

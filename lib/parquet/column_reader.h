#pragma once
// The values of one column chunk (one column of one row group), page by page: a dictionary
// page first if there is one, then data pages v1 or v2, each decompressed (parquet/
// compression.h) and decoded (parquet/encodings.h) only when the reader reaches it. Memory
// holds the chunk's compressed bytes, its dictionary and one decoded page.
//
// Pages and encodings read:
//   DICTIONARY_PAGE   PLAIN (or PLAIN_DICTIONARY) values
//   DATA_PAGE (v1)    definition levels RLE (BIT_PACKED levels are refused), then values
//   DATA_PAGE_V2      levels uncompressed, values compressed unless is_compressed is false
//   INDEX_PAGE        skipped
//   values            PLAIN; PLAIN_DICTIONARY and RLE_DICTIONARY indices; RLE (BOOLEAN);
//                     DELTA_BINARY_PACKED (INT32, INT64); DELTA_LENGTH_BYTE_ARRAY
//                     (BYTE_ARRAY); DELTA_BYTE_ARRAY (BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY);
//                     BYTE_STREAM_SPLIT (FLOAT, DOUBLE, INT32, INT64, FIXED_LEN_BYTE_ARRAY)
// Anything else fails with what it is: "encoding BIT_PACKED is not supported for values".
// A page may declare at most kMaxPageValues values and kMaxPageBytes bytes decompressed.
// Not thread-safe.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/json.h"
#include "parquet/values.h"

namespace conflictctl::parquet {

inline constexpr std::size_t kMaxPageValues = std::size_t{1} << 24;
inline constexpr std::size_t kMaxPageBytes = std::size_t{256} << 20;

class ColumnReader {
 public:
  // `chunk` holds the chunk's pages from its first (dictionary or data) page; `rows` values
  // are expected in them.
  ColumnReader(ColumnType type, std::int32_t codec, std::string chunk, std::int64_t rows)
      : type_(std::move(type)), codec_(codec), chunk_(std::move(chunk)), rows_left_(rows) {}

  const ColumnType& type() const { return type_; }

  // The next row's value: JSON null for a null.
  Result<Json> next();

 private:
  Result<void> read_page();
  Result<void> read_dictionary(const std::string& page, std::int32_t encoding,
                               std::size_t count);
  Result<void> read_values(std::string_view bytes, std::int32_t encoding, std::size_t count);

  ColumnType type_;
  std::int32_t codec_;
  std::string chunk_;
  std::size_t position_ = 0;
  std::int64_t rows_left_;

  std::vector<Json> dictionary_;
  bool has_dictionary_ = false;

  // The current page: its definition levels (empty when every value is present), its
  // non-null values, decoded (values_) or as dictionary indices (indices_).
  std::vector<std::uint32_t> levels_;
  std::vector<Json> values_;
  std::vector<std::uint32_t> indices_;
  bool indexed_ = false;
  std::size_t page_rows_ = 0, next_row_ = 0, next_value_ = 0;
};

}  // namespace conflictctl::parquet

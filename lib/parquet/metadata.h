#pragma once
// The parts of a Parquet file's metadata that a row reader needs, read from the Thrift
// compact protocol (parquet/thrift_compact.h) as the Parquet format's parquet.thrift defines
// them: the footer's FileMetaData (schema, row groups, column chunks) and each page's
// PageHeader. Fields not listed here (statistics, indexes, bloom filters, encryption,
// key-value metadata) are skipped. Enum values are kept as the file's numbers; the names
// below are the format's.
//
// Errors: a structure that ends early, nests too deeply or holds an out-of-range value fails
// with a cause that names it: "the footer is not valid Thrift: the Thrift structure ends
// early at byte 812". Pure functions; thread-safe.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace conflictctl::parquet {

// parquet.thrift's Type.
enum class PhysicalType : std::int32_t {
  kBoolean = 0,
  kInt32 = 1,
  kInt64 = 2,
  kInt96 = 3,
  kFloat = 4,
  kDouble = 5,
  kByteArray = 6,
  kFixedLenByteArray = 7,
};
std::string_view physical_type_name(std::int32_t type);

// parquet.thrift's Encoding and CompressionCodec, and their names for messages.
enum class Encoding : std::int32_t {
  kPlain = 0,
  kPlainDictionary = 2,
  kRle = 3,
  kBitPacked = 4,
  kDeltaBinaryPacked = 5,
  kDeltaLengthByteArray = 6,
  kDeltaByteArray = 7,
  kRleDictionary = 8,
  kByteStreamSplit = 9,
};
std::string encoding_name(std::int32_t encoding);
enum class Codec : std::int32_t {
  kUncompressed = 0,
  kSnappy = 1,
  kGzip = 2,
  kLzo = 3,
  kBrotli = 4,
  kLz4 = 5,
  kZstd = 6,
  kLz4Raw = 7,
};
std::string codec_name(std::int32_t codec);

// parquet.thrift's FieldRepetitionType.
inline constexpr std::int32_t kRequired = 0, kOptional = 1, kRepeated = 2;

// LogicalType, the newer annotation; `kind` is its union member's field id (1 STRING,
// 4 ENUM, 5 DECIMAL, 6 DATE, 7 TIME, 8 TIMESTAMP, 10 INTEGER, 12 JSON, 13 BSON, 14 UUID,
// 15 FLOAT16, others are kept only to be refused), 0 when absent.
struct LogicalType {
  int kind = 0;
  std::int32_t scale = 0, precision = 0;  // DECIMAL
  bool adjusted_to_utc = false;           // TIME, TIMESTAMP
  int unit = 0;                           // TIME, TIMESTAMP: 1 MILLIS, 2 MICROS, 3 NANOS
  int bit_width = 0;                      // INTEGER: 8, 16, 32, 64
  bool is_signed = true;                  // INTEGER
};

struct SchemaElement {
  std::optional<std::int32_t> type;  // PhysicalType; absent for a group
  std::int32_t type_length = 0;      // FIXED_LEN_BYTE_ARRAY's width
  std::optional<std::int32_t> repetition;
  std::string name;
  std::int32_t num_children = 0;
  std::optional<std::int32_t> converted_type;  // ConvertedType (UTF8 = 0, …)
  std::int32_t scale = 0, precision = 0;
  LogicalType logical;
};

struct ColumnMetaData {
  std::int32_t type = 0;
  std::vector<std::string> path;
  std::int32_t codec = 0;
  std::int64_t num_values = 0;
  std::int64_t total_uncompressed_size = 0;
  std::int64_t total_compressed_size = 0;
  std::int64_t data_page_offset = 0;
  std::optional<std::int64_t> dictionary_page_offset;
};

struct ColumnChunk {
  std::string file_path;  // set when the chunk is in another file: refused
  std::optional<ColumnMetaData> meta;
};

struct RowGroup {
  std::vector<ColumnChunk> columns;
  std::int64_t total_byte_size = 0;
  std::int64_t num_rows = 0;
};

struct FileMetaData {
  std::int32_t version = 0;
  std::vector<SchemaElement> schema;  // depth-first, the root first
  std::int64_t num_rows = 0;
  std::vector<RowGroup> row_groups;
  std::string created_by;
};

// The footer's FileMetaData from its bytes.
Result<FileMetaData> read_file_metadata(std::string_view bytes);

// parquet.thrift's PageType.
inline constexpr std::int32_t kDataPage = 0, kIndexPage = 1, kDictionaryPage = 2,
                              kDataPageV2 = 3;

struct PageHeader {
  std::int32_t type = 0;
  std::int32_t uncompressed_page_size = 0;
  std::int32_t compressed_page_size = 0;
  // DataPageHeader, DictionaryPageHeader or DataPageHeaderV2, whichever the type has.
  std::int32_t num_values = 0;
  std::int32_t encoding = 0;
  std::int32_t definition_level_encoding = 3;  // v1 only; RLE
  std::int32_t num_nulls = 0;                  // v2 only
  std::int32_t num_rows = 0;                   // v2 only
  std::int32_t definition_levels_byte_length = 0;  // v2 only
  std::int32_t repetition_levels_byte_length = 0;  // v2 only
  bool is_compressed = true;                       // v2 only
  bool has_type_header = false;  // the header for `type` was present
};

// A page header at the start of `bytes`; `size` is set to the bytes it took.
Result<PageHeader> read_page_header(std::string_view bytes, std::size_t& size);

}  // namespace conflictctl::parquet

#pragma once
// Apache Parquet files read row by row, each row a JSON object keyed by column name: what a
// Distributed Map's ItemReader with InputType PARQUET makes its items from
// (engine/item_reader.h). Written for conflictctl from the Parquet format's specification;
// no Parquet library is packaged in Debian 12.
//
// What is read
//   - The footer: "PAR1" at both ends, the FileMetaData in the Thrift compact protocol
//     (parquet/metadata.h). AWS: "256MB is the maximum row-group size, and 5MB is the maximum
//     footer size. If you provide input files that exceed either limit, your state machine
//     will return a runtime error." A footer over kMaxFooterBytes and a row group whose column
//     chunks take more than kMaxRowGroupBytes in the file fail.
//   - Flat schemas: every column a primitive REQUIRED or OPTIONAL field of the root. AWS does
//     not document how nested columns would become JSON, so a group (struct, list, map) or a
//     REPEATED field is refused with its name:
//       column "address" is nested (a group of 2 fields): only flat schemas are read
//   - Values of every physical type, rendered as parquet/values.h says (strings, numbers,
//     dates and timestamps as Athena shows them, base64 for binary); nulls as JSON null.
//   - Pages and encodings as parquet/column_reader.h lists (PLAIN, dictionaries, RLE,
//     DELTA_*, BYTE_STREAM_SPLIT; data pages v1 and v2), codecs as parquet/compression.h
//     (UNCOMPRESSED, SNAPPY, GZIP, ZSTD).
// Refused: encrypted files ("PARE"), column chunks in other files, the codecs, encodings and
// types those headers name. Page checksums and statistics are not checked.
//
// Streaming: open() reads the footer only; next() reads one row group's column chunks (as
// stored, compressed) when it reaches it and decodes one page per column at a time. A large
// file is never held whole, in bytes or as JSON.
//
// Errors are values (never exceptions, never a crash, whatever the bytes): the cause says
// where, without the file's name, which the caller adds:
//   "row group 1, column \"price\": codec LZ4_RAW is not supported (UNCOMPRESSED, SNAPPY,
//    GZIP and ZSTD are)"
// Not thread-safe: one reader per file, used by one thread.
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/error.h"
#include "core/json.h"
#include "parquet/byte_source.h"
#include "parquet/column_reader.h"
#include "parquet/metadata.h"
#include "parquet/values.h"

namespace conflictctl::parquet {

inline constexpr std::uint64_t kMaxFooterBytes = 5 * 1024 * 1024;
inline constexpr std::uint64_t kMaxRowGroupBytes = 256 * 1024 * 1024;

class RowReader {
 public:
  // Reads and checks the footer and the schema.
  static Result<std::unique_ptr<RowReader>> open(std::unique_ptr<ByteSource> source);

  const std::vector<ColumnType>& columns() const { return columns_; }
  std::int64_t num_rows() const { return meta_.num_rows; }

  // The next row, or nullopt after the last.
  Result<std::optional<Json>> next();

 private:
  RowReader(std::unique_ptr<ByteSource> source, FileMetaData meta,
            std::vector<ColumnType> columns)
      : source_(std::move(source)), meta_(std::move(meta)), columns_(std::move(columns)) {}
  Result<void> open_row_group(std::size_t index);

  std::unique_ptr<ByteSource> source_;
  FileMetaData meta_;
  std::vector<ColumnType> columns_;
  std::size_t next_group_ = 0;
  std::int64_t rows_left_in_group_ = 0;
  std::vector<ColumnReader> readers_;
};

}  // namespace conflictctl::parquet

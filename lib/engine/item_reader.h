#pragma once
// A Distributed Map's ItemReader (asl::ItemReaderSpec): the items of a local file that stands
// for an S3 object (engine/s3_files.h), read one at a time.
//
// What each InputType gives (AWS, "ItemReader (Map)"):
//   JSON      the file is a JSON array; each element is an item. The array is parsed whole.
//   JSONL     each non-blank line is a JSON value; each is an item. Read line by line.
//   CSV       each row is an object of strings keyed by the column headers: the first row's
//             (CSVHeaderLocation FIRST_ROW, at most 10 KiB) or CSVHeaders (GIVEN). RFC 4180
//             quoting ("a ""quoted"" field", line breaks inside quotes); blank lines skipped;
//             a row whose field count differs from the headers' fails. Read row by row.
//   PARQUET   each row of an Apache Parquet file is an object keyed by column name, values
//             as parquet/values.h renders them (numbers, strings, null; dates and timestamps
//             as Athena shows them). Read row group by row group (parquet/row_reader.h). AWS:
//             "256MB is the maximum row-group size, and 5MB is the maximum footer size";
//             GZIP, ZSTD and Snappy pages; flat schemas only (nested columns are refused).
//   MANIFEST  an S3 Inventory manifest.json ({"destinationBucket": "arn:aws:s3:::B",
//             "fileFormat": "CSV", "fileSchema": "Bucket, Key, …", "files": [{"key": …}]}):
//             the rows of each listed CSV file, in order, keyed by fileSchema's names.
// Text files may be gzip-compressed (S3 Inventory's are); they are read through zlib either
// way. A Parquet file compresses its pages itself.
// MaxItems stops the reading after that many items.
//
// Errors are States.ItemReaderFailed with a cause naming the local file and line:
//   "data/items.jsonl:3:7: not valid JSON: syntax error while parsing value - invalid literal"
// Not thread-safe: one reader per Map Run, on the engine's loop thread.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "asl/model.h"
#include "core/error.h"
#include "core/json.h"
#include "engine/s3_files.h"

namespace conflictctl::engine {

class ItemStream {
 public:
  virtual ~ItemStream() = default;
  // The next item, or nullopt after the last.
  virtual Result<std::optional<Json>> next() = 0;
};

// The items of s3://`bucket`/`key` read as `reader` says; at most `max_items` (0: all).
Result<std::unique_ptr<ItemStream>> open_item_reader(const asl::ItemReaderSpec& reader,
                                                     const std::string& bucket,
                                                     const std::string& key,
                                                     const S3Files& files,
                                                     std::uint64_t max_items);

// The rows of the Parquet file at `path` (a local file), as items; at most `max_items` (0:
// all). Errors are States.ItemReaderFailed with the file named:
//   "data/x.parquet: row group 0, column \"tags\": codec LZ4_RAW is not supported …"
Result<std::unique_ptr<ItemStream>> open_parquet_items(const std::filesystem::path& path,
                                                       std::uint64_t max_items);

// The elements of `array` (a JSON array), as items: a Distributed Map over its ItemsPath.
std::unique_ptr<ItemStream> array_items(Json array);

}  // namespace conflictctl::engine

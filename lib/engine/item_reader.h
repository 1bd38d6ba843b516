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
//   MANIFEST  an S3 Inventory manifest.json ({"destinationBucket": "arn:aws:s3:::B",
//             "fileFormat": "CSV", "fileSchema": "Bucket, Key, …", "files": [{"key": …}]}):
//             the rows of each listed CSV file, in order, keyed by fileSchema's names.
// Files may be gzip-compressed (S3 Inventory's are); they are read through zlib either way.
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

// The elements of `array` (a JSON array), as items: a Distributed Map over its ItemsPath.
std::unique_ptr<ItemStream> array_items(Json array);

}  // namespace conflictctl::engine

#pragma once
// A Distributed Map's ItemReader (asl::ItemReaderSpec): items read one at a time from local
// files that stand for S3 objects (engine/s3_files.h).
//
// Resource "arn:aws:states:::s3:getObject" reads one object; what each InputType gives
// (AWS, "ItemReader (Map)"):
//   JSON      the file is a JSON array, each element an item, or a JSON object, each entry
//             an item (its value; $$.Map.Item.Key is its key). ItemsPointer (a JSON Pointer)
//             selects the array or object inside the file. The file is parsed whole.
//   JSONL     each non-blank line is a JSON value; each is an item. Read line by line.
//   CSV       each row is an object of strings keyed by the column headers: the first row's
//             (CSVHeaderLocation FIRST_ROW, at most 10 KiB) or CSVHeaders (GIVEN). RFC 4180
//             quoting ("a ""quoted"" field", line breaks inside quotes); a backslash escapes
//             a backslash, a quote or the delimiter and is dropped before anything else
//             (AWS, "How Step Functions parses input CSV files"); blank lines skipped;
//             a row with fewer fields than the header gets "" for the rest, one with more
//             loses the extra ones (as AWS documents). Read row by row.
//   PARQUET   each row of an Apache Parquet file is an object keyed by column name, values
//             as parquet/values.h renders them (numbers, strings, null; dates and timestamps
//             as Athena shows them). Read row group by row group (parquet/row_reader.h). AWS:
//             "256MB is the maximum row-group size, and 5MB is the maximum footer size";
//             GZIP, ZSTD and Snappy pages; flat schemas only (nested columns are refused).
//   MANIFEST  an S3 Inventory manifest.json ({"destinationBucket": "arn:aws:s3:::B",
//             "fileFormat": "CSV", "fileSchema": "Bucket, Key, …", "files": [{"key": …}]}):
//             the rows of each listed CSV file, in order, keyed by fileSchema's names.
// With ManifestType ATHENA_DATA the object is an Athena UNLOAD manifest: a text file with the
// s3:// URI of one data file a line ("When running an UNLOAD query, Athena generates a data
// manifest file in addition to the actual data objects"); the items are those files' items,
// file after file, each read as the InputType says (CSV, JSONL, PARQUET; "CSV objects
// exported by an UNLOAD query do not include header in the first line. See
// CSVHeaderLocation").
//
// Resource "arn:aws:states:::s3:listObjectsV2" lists the objects under a prefix, in key
// order (engine/s3_listing.h). Each item is an object's metadata, as AWS shows it:
//   {"Etag": "\"05704fbdccb224cb01c59005bebbad28\"", "Key": "processData/images/a.jpg",
//    "LastModified": 1668699881, "Size": 34910, "StorageClass": "STANDARD"}
// (LastModified in seconds since the epoch; StorageClass always STANDARD here). With
// ReaderConfig.Transformation LOAD_AND_FLATTEN the items are the listed objects' contents
// instead, each object read as the InputType says, one after the other.
//
// Text files may be gzip-compressed (S3 Inventory's and Athena's are); they are read through
// zlib either way. A Parquet file compresses its pages itself. MaxItems stops the reading
// after that many items. $$.Map.Item.Source is the S3 URI of the file an item came from when
// a reader reads several (LOAD_AND_FLATTEN, ATHENA_DATA: ItemStream::item_source), else the
// Map Run's.
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
  // Where the item next() returned last came from, when a reader reads several objects:
  // "s3://bucket/key" ($$.Map.Item.Source). Null: the Map Run's source.
  virtual const std::string* item_source() const { return nullptr; }
  // The key of the item next() returned last, when the items are a JSON object's entries
  // ($$.Map.Item.Key). Null otherwise.
  virtual const std::string* item_key() const { return nullptr; }
};

// The items of s3://`bucket`/`key` read as `reader` says; at most `max_items` (0: all).
Result<std::unique_ptr<ItemStream>> open_item_reader(const asl::ItemReaderSpec& reader,
                                                     const std::string& bucket,
                                                     const std::string& key,
                                                     const S3Files& files,
                                                     std::uint64_t max_items);

// The objects of `bucket` whose keys start with `prefix` (a listObjectsV2 reader): their
// metadata, or with LOAD_AND_FLATTEN their contents; at most `max_items` (0: all).
Result<std::unique_ptr<ItemStream>> open_object_listing(const asl::ItemReaderSpec& reader,
                                                        const std::string& bucket,
                                                        const std::string& prefix,
                                                        const S3Files& files,
                                                        std::uint64_t max_items);

// The rows of the Parquet file at `path` (a local file), as items; at most `max_items` (0:
// all). Errors are States.ItemReaderFailed with the file named:
//   "data/x.parquet: row group 0, column \"tags\": codec LZ4_RAW is not supported …"
Result<std::unique_ptr<ItemStream>> open_parquet_items(const std::filesystem::path& path,
                                                       std::uint64_t max_items);

// The elements of `array` (a JSON array), as items: a Distributed Map over its ItemsPath.
std::unique_ptr<ItemStream> array_items(Json array);

// The values of `object` (a JSON object) in its order, each with its key (item_key()): AWS,
// "ItemReader (Map)": "Step Functions will iterate directly over the elements of an array, or
// the key-value pairs of a JSON object".
std::unique_ptr<ItemStream> object_items(Json object);

}  // namespace conflictctl::engine

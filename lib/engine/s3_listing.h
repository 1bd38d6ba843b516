#pragma once
// The objects under an S3 prefix, listed from the local folder that stands for it
// (engine/s3_files.h), as ListObjectsV2 lists them: what a Distributed Map's ItemReader
// with Resource "arn:aws:states:::s3:listObjectsV2" iterates over (engine/item_reader.h).
//
// What S3 and Step Functions document, and what it means here:
//  - ListObjectsV2: "Objects are returned sorted in an ascending order of the respective key
//    names in the list", keys compared as UTF-8 bytes. Every object under the prefix is
//    listed, however deep (no Delimiter): here every regular file under the folder, its key
//    the path below the root's folder with '/' between the parts. Folders are not objects:
//    an empty folder lists nothing (a folder made in the S3 console is a zero-byte object
//    whose key ends in '/'; a local folder cannot be one).
//  - Prefix is a plain string prefix of the key, not a folder: AWS, "ItemReader (Map)": "if
//    you select data with a prefix of folder1, your state machine will process both
//    folder1/myData.csv and folder10/myData.csv. Using folder1/ will strictly process only one
//    folder."
//  - The folder is that of the longest --s3-root whose prefix the listed bucket and prefix
//    start with; keys outside every root cannot be listed and are an error naming the option.
//
// Streaming: one folder's entries are held at a time for each level of depth being walked
// (sorted so that a folder "a" is walked where the keys "a/…" fall among its siblings), never
// the whole listing. Not thread-safe; one listing per reader.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "engine/s3_files.h"

namespace conflictctl::engine {

struct S3Object {
  std::string key;
  std::filesystem::path path;
  std::uintmax_t size = 0;
  std::int64_t last_modified = 0;  // the file's modification time, seconds since the epoch
};

class S3Listing {
 public:
  // The objects of `bucket` whose keys start with `prefix`; errors are `error_name`
  // (States.ItemReaderFailed) with a cause naming the prefix or the folder.
  static Result<S3Listing> open(const S3Files& files, const std::string& bucket,
                                const std::string& prefix, std::string_view error_name);

  // The next object in key order, or nullopt after the last.
  Result<std::optional<S3Object>> next();

 private:
  struct Entry {
    std::string sort_key;  // the name, with '/' after a folder's
    std::filesystem::path path;
    bool folder = false;
  };
  struct Level {
    std::string key_prefix;  // the keys of this folder's entries start with it
    std::vector<Entry> entries;
    std::size_t next = 0;
  };
  Result<void> push(const std::filesystem::path& folder, std::string key_prefix);

  std::string prefix_;
  std::string error_name_;
  std::vector<Level> levels_;
};

// An object's ETag as S3 gives it for an object uploaded whole: the MD5 digest of its
// contents in lower-case hexadecimal, inside double quotes:
// "\"d41d8cd98f00b204e9800998ecf8427e\"".
Result<std::string> object_etag(const std::filesystem::path& path, std::string_view error_name);

}  // namespace conflictctl::engine

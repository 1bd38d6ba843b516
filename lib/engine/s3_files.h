#pragma once
// S3 objects as local files: what a Distributed Map's ItemReader reads and its ResultWriter
// writes (asl::ItemReaderSpec, asl::ResultWriterSpec) when conflictctl runs a machine.
//
// The run options hold a list of roots, each an S3 prefix and the local folder that stands
// for it:
//   "s3://bucket=DIR"         s3://bucket/KEY        is DIR/KEY
//   "s3://bucket/data/=DIR"   s3://bucket/data/KEY   is DIR/KEY
// The longest matching prefix wins. A key that leaves its folder ("..") is refused; an object
// under no root is an error that names the --s3-root option (docs/commands.md).
// Plain values, thread-safe to read.
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"

namespace conflictctl::engine {

struct S3Root {
  std::string prefix;  // "bucket/" or "bucket/data/": the S3 URI without "s3://"
  std::filesystem::path folder;
};

// "s3://bucket[/prefix]=DIR" (the --s3-root option's value), or an error saying what is wrong.
Result<S3Root> parse_s3_root(const std::string& text);

class S3Files {
 public:
  explicit S3Files(std::vector<S3Root> roots) : roots_(std::move(roots)) {}
  // The local file of s3://bucket/key; `error_name` is the error a missing root fails with
  // (States.ItemReaderFailed, States.ResultWriterFailed).
  Result<std::filesystem::path> path_of(const std::string& bucket, const std::string& key,
                                        std::string_view error_name) const;
  // The root that holds the keys of `bucket` that start with `prefix`: the longest whose
  // prefix "bucket/prefix" starts with (what a listing reads, engine/s3_listing.h).
  Result<S3Root> root_of_prefix(const std::string& bucket, const std::string& prefix,
                                std::string_view error_name) const;

 private:
  // The root whose prefix is the longest start of `uri` ("BUCKET/KEY"); null: none.
  const S3Root* longest_root(const std::string& uri) const;

  std::vector<S3Root> roots_;
};

}  // namespace conflictctl::engine

#pragma once
// The AWS Lambda deployment package of conflictctl, for the custom runtime provided.al2023:
// a ZIP archive holding
//
//   bootstrap         (0755) the script Lambda starts (deploy/bundle.h, bootstrap_script)
//   bin/conflictctl   (0755) the executable
//   lib/<soname>      (0644; 0755 for the dynamic loader) every shared object it uses
//
// so the function runs without anything from the host but the kernel. Entries are sorted as
// above (lib/ by name), and all carry the request's modification time: the same inputs give
// the same archive bytes.
//
// Lambda's limits (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html):
// over kUnzippedLimitBytes unzipped the package is refused before anything is written
// (Error "Package.TooLarge"); over kDirectUploadLimitBytes zipped it is written with a warning
// to upload it through S3, as Lambda refuses larger zips uploaded directly.
//
// Errors: "Package.ReadFailed" (an input file), "Package.WriteFailed" (the archive, see
// deploy/zip_writer.h: crash-safe, `output` untouched on failure), "Package.TooLarge",
// "Package.NoLoader" (no dynamic loader among the shared objects: a static executable).
//
// Thread safety: write_lambda_package may be called from any thread.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/timestamp.h"
#include "deploy/bundle.h"

namespace conflictctl::deploy {

// Lambda's limits, in bytes, as Lambda counts them (1 MB = 1,048,576 bytes: "Unzipped size
// must be smaller than 262144000 bytes").
inline constexpr std::uint64_t kMegabyte = 1024 * 1024;
inline constexpr std::uint64_t kDirectUploadLimitBytes = 50 * kMegabyte;  // zip, uploaded directly
inline constexpr std::uint64_t kUnzippedLimitBytes = 250 * kMegabyte;     // the unzipped contents

// Where `package` writes the zip and `deploy` reads it unless told otherwise.
inline constexpr const char* kDefaultPackageFile = "conflictctl-lambda.zip";

struct PackageRequest {
  std::filesystem::path output = kDefaultPackageFile;
  // Default: the running program (/proc/self/exe, resolved).
  std::optional<std::filesystem::path> executable;
  // Default: loaded_shared_objects() of the running program.
  std::optional<std::vector<SharedObject>> shared_objects;
  // The modification time of every entry; the caller reads it from its Clock.
  Timestamp modified;
};

struct PackageSummary {
  std::filesystem::path output;
  std::size_t entries = 0;
  std::uint64_t uncompressed_bytes = 0;  // sum of the entries' sizes
  std::uint64_t compressed_bytes = 0;    // the zip file's size
  std::string loader;                    // the bundled loader's name: "ld-linux-x86-64.so.2"
  std::vector<std::string> warnings;     // one sentence each: what to do about it
};

// Writes the package to request.output.
Result<PackageSummary> write_lambda_package(const PackageRequest& request);

// A size as the summary prints it, in Lambda's MB with one decimal: "61.2 MB".
std::string megabytes_text(std::uint64_t bytes);

}  // namespace conflictctl::deploy

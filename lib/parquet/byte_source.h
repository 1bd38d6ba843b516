#pragma once
// Where a Parquet file's bytes come from: a local file (what an ItemReader reads) or bytes in
// memory (tests, the fuzz target). The reader asks for ranges (the footer, then one column
// chunk at a time), so a file is never read whole.
// Not thread-safe: one reader uses a source at a time.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "core/error.h"

namespace conflictctl::parquet {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual std::uint64_t size() const = 0;
  // `length` bytes from `offset`; the caller has checked that they are inside size().
  virtual Result<std::string> read(std::uint64_t offset, std::size_t length) = 0;
};

std::unique_ptr<ByteSource> memory_source(std::string bytes);

// The file at `path`, or "cannot be read" (the caller names the file).
Result<std::unique_ptr<ByteSource>> file_source(const std::filesystem::path& path);

}  // namespace conflictctl::parquet

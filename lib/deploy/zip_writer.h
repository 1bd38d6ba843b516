#pragma once
// A ZIP archive writer (PKWARE APPNOTE 6.3, without Zip64), enough for an AWS Lambda
// deployment package.
//
// Each entry is compressed with raw deflate (zlib) or stored as is when deflate does not make
// it smaller, and carries a CRC-32. Entries record their Unix permission bits in the external
// attributes with "version made by" = Unix, so `unzip` and Lambda keep the executable bit.
//
// Reproducible: every entry carries the one modification time given to create(), there are no
// extra fields, and entries are written in the order they are added — the same entries give
// the same bytes. ZIP stores local time in MS-DOS form (2-second resolution, years
// 1980–2107); the time is written as UTC, truncated to an even second and clamped to that
// range.
//
// Crash-safe: the archive is written to a temporary file beside `path` ("<path>.tmp-XXXXXX")
// and renamed over `path` by commit(); until then `path` is untouched. A writer destroyed
// without commit() removes its temporary file. The file gets mode 0644.
//
// Limits (no Zip64): at most kZipMaxEntries entries, each entry and the whole archive at most
// kZipMaxBytes bytes; beyond them add() or commit() fails.
//
// Errors: Error{"Package.WriteFailed", "PATH: reason"} with PATH the archive's path. After a
// failed add() the writer should be dropped (its temporary file is then removed).
//
// Thread safety: one writer, one thread.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/timestamp.h"

namespace conflictctl::deploy {

inline constexpr std::uint64_t kZipMaxBytes = 0xFFFF'FFFF;  // 4 GiB - 1
inline constexpr std::size_t kZipMaxEntries = 0xFFFF;       // 65,535

struct ZipEntry {
  std::string name;       // path inside the archive, '/'-separated: "bin/conflictctl"
  std::string_view data;  // the contents; read during add(), not kept
  unsigned mode = 0644;   // Unix permission bits, e.g. 0755 for an executable
};

struct ZipTotals {
  std::size_t entries = 0;
  std::uint64_t uncompressed_bytes = 0;  // sum of the entries' sizes
  std::uint64_t compressed_bytes = 0;    // the archive file's size
};

class ZipWriter {
 public:
  // Opens the temporary file beside `path`; every entry will carry `modified`.
  static Result<ZipWriter> create(std::filesystem::path path, Timestamp modified);

  ZipWriter(ZipWriter&& other) noexcept;
  ZipWriter& operator=(ZipWriter&&) = delete;
  ~ZipWriter();

  // Compresses and appends one entry.
  Result<void> add(const ZipEntry& entry);

  // Writes the central directory, flushes the file (fsync) and renames it to `path`.
  Result<ZipTotals> commit();

 private:
  ZipWriter(std::filesystem::path path, std::filesystem::path temporary, int fd,
            Timestamp modified);
  Result<void> write(std::string_view bytes);
  Error failed(const std::string& reason) const;

  std::filesystem::path path_;
  std::filesystem::path temporary_;
  int fd_ = -1;  // -1 once committed or moved from
  std::uint16_t dos_time_ = 0;
  std::uint16_t dos_date_ = 0;
  std::string central_directory_;
  std::uint64_t offset_ = 0;  // bytes written so far
  ZipTotals totals_;
};

}  // namespace conflictctl::deploy

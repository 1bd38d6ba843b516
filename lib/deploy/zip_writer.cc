#include "deploy/zip_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <string>
#include <utility>

#include "deploy/error_names.h"

namespace conflictctl::deploy {

namespace {

// APPNOTE 4.3: record signatures, and the values this writer puts in every header.
constexpr std::uint32_t kLocalHeaderSignature = 0x04034b50;
constexpr std::uint32_t kCentralHeaderSignature = 0x02014b50;
constexpr std::uint32_t kEndRecordSignature = 0x06054b50;
constexpr std::uint16_t kVersionNeeded = 20;              // 2.0: deflate
constexpr std::uint16_t kVersionMadeBy = (3 << 8) | 20;   // host 3 = Unix, spec 2.0
constexpr std::uint16_t kStored = 0;
constexpr std::uint16_t kDeflated = 8;

void put16(std::string& out, std::uint16_t value) {
  out += static_cast<char>(value & 0xFF);
  out += static_cast<char>(value >> 8);
}

void put32(std::string& out, std::uint32_t value) {
  put16(out, static_cast<std::uint16_t>(value & 0xFFFF));
  put16(out, static_cast<std::uint16_t>(value >> 16));
}

// MS-DOS time and date (APPNOTE 4.4.6) of `t` in UTC: 2-second resolution, 1980–2107.
std::pair<std::uint16_t, std::uint16_t> dos_time_and_date(Timestamp t) {
  using namespace std::chrono;
  constexpr sys_days kFirst = year{1980} / January / 1;
  constexpr sys_days kLast = year{2107} / December / 31;
  auto seconds = floor<std::chrono::seconds>(t);
  if (seconds < kFirst) seconds = kFirst;
  if (seconds >= kLast + days{1})
    seconds = kLast + hours{23} + minutes{59} + std::chrono::seconds{58};
  auto day = floor<days>(seconds);
  year_month_day date{day};
  hh_mm_ss clock{seconds - day};
  auto time = static_cast<std::uint16_t>(clock.hours().count() << 11 |
                                         clock.minutes().count() << 5 |
                                         clock.seconds().count() / 2);
  auto dos_date = static_cast<std::uint16_t>((static_cast<int>(date.year()) - 1980) << 9 |
                                             static_cast<unsigned>(date.month()) << 5 |
                                             static_cast<unsigned>(date.day()));
  return {time, dos_date};
}

// Raw deflate (no zlib header: window bits -15), as ZIP's method 8 wants; nullopt when zlib
// fails, which only happens when memory runs out.
std::optional<std::string> deflate_raw(std::string_view data) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    return std::nullopt;
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  int status = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (status != Z_STREAM_END) return std::nullopt;
  return out;
}

// Flushes a directory so that a rename in it survives a crash; best effort (the archive is
// complete either way).
void sync_directory(const std::filesystem::path& directory) {
  int fd = ::open(directory.empty() ? "." : directory.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

Result<ZipWriter> ZipWriter::create(std::filesystem::path path, Timestamp modified) {
  std::string temporary = path.string() + ".tmp-XXXXXX";
  int fd = ::mkstemp(temporary.data());
  if (fd < 0)
    return Error{std::string(error_names::kWriteFailed),
                 path.string() + ": " + std::strerror(errno)};
  ::fchmod(fd, 0644);
  return ZipWriter(std::move(path), temporary, fd, modified);
}

ZipWriter::ZipWriter(std::filesystem::path path, std::filesystem::path temporary, int fd,
                     Timestamp modified)
    : path_(std::move(path)), temporary_(std::move(temporary)), fd_(fd) {
  std::tie(dos_time_, dos_date_) = dos_time_and_date(modified);
}

ZipWriter::ZipWriter(ZipWriter&& other) noexcept
    : path_(std::move(other.path_)),
      temporary_(std::move(other.temporary_)),
      fd_(std::exchange(other.fd_, -1)),
      dos_time_(other.dos_time_),
      dos_date_(other.dos_date_),
      central_directory_(std::move(other.central_directory_)),
      offset_(other.offset_),
      totals_(other.totals_) {}

ZipWriter::~ZipWriter() {
  if (fd_ < 0) return;
  ::close(fd_);
  ::unlink(temporary_.c_str());
}

Error ZipWriter::failed(const std::string& reason) const {
  return Error{std::string(error_names::kWriteFailed), path_.string() + ": " + reason};
}

Result<void> ZipWriter::write(std::string_view bytes) {
  if (fd_ < 0) return failed("the archive is already written");
  while (!bytes.empty()) {
    ssize_t written = ::write(fd_, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) return failed(std::strerror(errno));
    bytes.remove_prefix(static_cast<std::size_t>(written));
    offset_ += static_cast<std::uint64_t>(written);
  }
  return {};
}

Result<void> ZipWriter::add(const ZipEntry& entry) {
  if (totals_.entries == kZipMaxEntries)
    return failed("more than " + std::to_string(kZipMaxEntries) + " entries (no Zip64)");
  if (entry.data.size() > kZipMaxBytes)
    return failed(entry.name + " is larger than 4 GiB - 1 bytes (no Zip64)");
  if (entry.name.empty() || entry.name.size() > 0xFFFF)
    return failed("an entry name must have 1 to 65,535 bytes");
  if (offset_ > kZipMaxBytes)
    return failed("the archive is larger than 4 GiB - 1 bytes (no Zip64)");

  std::optional<std::string> compressed;
  if (!entry.data.empty()) {  // an empty entry is stored: deflate would make it longer
    compressed = deflate_raw(entry.data);
    if (!compressed) return failed("zlib could not compress " + entry.name);
  }
  bool deflated = compressed && compressed->size() < entry.data.size();
  std::string_view body = deflated ? std::string_view(*compressed) : entry.data;
  auto crc = static_cast<std::uint32_t>(
      crc32_z(crc32(0, nullptr, 0), reinterpret_cast<const Bytef*>(entry.data.data()),
              entry.data.size()));

  // The fields the local header and the central directory header share (APPNOTE 4.3.7).
  std::string common;
  put16(common, kVersionNeeded);
  put16(common, 0);  // general purpose flags
  put16(common, deflated ? kDeflated : kStored);
  put16(common, dos_time_);
  put16(common, dos_date_);
  put32(common, crc);
  put32(common, static_cast<std::uint32_t>(body.size()));
  put32(common, static_cast<std::uint32_t>(entry.data.size()));
  put16(common, static_cast<std::uint16_t>(entry.name.size()));
  put16(common, 0);  // extra field length

  std::string local;
  put32(local, kLocalHeaderSignature);
  local += common;
  local += entry.name;

  std::string& central = central_directory_;
  put32(central, kCentralHeaderSignature);
  put16(central, kVersionMadeBy);
  central += common;
  put16(central, 0);  // comment length
  put16(central, 0);  // disk number start
  put16(central, 0);  // internal attributes
  put32(central, (S_IFREG | (entry.mode & 07777)) << 16);  // external: Unix st_mode
  put32(central, static_cast<std::uint32_t>(offset_));      // local header offset
  central += entry.name;

  if (auto written = write(local); !written) return written;
  if (auto written = write(body); !written) return written;
  totals_.entries += 1;
  totals_.uncompressed_bytes += entry.data.size();
  return {};
}

Result<ZipTotals> ZipWriter::commit() {
  std::uint64_t directory_offset = offset_;
  if (directory_offset + central_directory_.size() > kZipMaxBytes)
    return failed("the archive is larger than 4 GiB - 1 bytes (no Zip64)");
  std::string end;
  put32(end, kEndRecordSignature);
  put16(end, 0);  // this disk
  put16(end, 0);  // disk with the central directory
  put16(end, static_cast<std::uint16_t>(totals_.entries));
  put16(end, static_cast<std::uint16_t>(totals_.entries));
  put32(end, static_cast<std::uint32_t>(central_directory_.size()));
  put32(end, static_cast<std::uint32_t>(directory_offset));
  put16(end, 0);  // comment length
  if (auto written = write(central_directory_ + end); !written) return written.error();
  if (::fsync(fd_) != 0) return failed(std::strerror(errno));
  int closed = ::close(std::exchange(fd_, -1));
  int error = errno;
  if (closed == 0 && ::rename(temporary_.c_str(), path_.c_str()) == 0) {
    sync_directory(path_.parent_path());
    totals_.compressed_bytes = offset_;
    return totals_;
  }
  if (closed == 0) error = errno;
  ::unlink(temporary_.c_str());
  return failed(std::strerror(error));
}

}  // namespace conflictctl::deploy

#include "core/private_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string_view>
#include <vector>

namespace conflictctl {
namespace {

Error failed(const std::string& path, int error) {
  return Error{"", fmt::format("{}: cannot write file: {}", path, std::strerror(error))};
}

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t written = ::write(fd, data.data(), data.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

}  // namespace

Result<void> check_writable(const std::string& path) {
  std::filesystem::path directory = std::filesystem::path(path).parent_path();
  if (directory.empty()) directory = ".";
  struct stat status {};
  if (::stat(directory.c_str(), &status) != 0) return failed(path, errno);
  if (!S_ISDIR(status.st_mode)) return failed(path, ENOTDIR);
  if (::access(directory.c_str(), W_OK | X_OK) != 0) return failed(path, errno);
  if (::stat(path.c_str(), &status) == 0 && S_ISDIR(status.st_mode)) return failed(path, EISDIR);
  return {};
}

Result<void> write_private_file(const std::string& path, const std::string& text) {
  const std::filesystem::path target(path);
  std::filesystem::path directory = target.parent_path();
  if (directory.empty()) directory = ".";
  const std::string pattern =
      (directory / fmt::format(".{}.XXXXXX", target.filename().string())).string();
  std::vector<char> temporary(pattern.begin(), pattern.end());
  temporary.push_back('\0');
  const int fd = ::mkostemp(temporary.data(), O_CLOEXEC);  // 0600, O_EXCL
  if (fd < 0) return failed(path, errno);
  // mkstemp's mode is 0600 already; fchmod states it whatever the C library does.
  bool ok = ::fchmod(fd, kPrivateFileMode) == 0 && write_all(fd, text) && ::fsync(fd) == 0;
  int error = errno;
  if (::close(fd) != 0 && ok) {
    ok = false;
    error = errno;
  }
  if (ok && ::rename(temporary.data(), path.c_str()) != 0) {
    ok = false;
    error = errno;
  }
  if (!ok) {
    ::unlink(temporary.data());
    return failed(path, error);
  }
  return {};
}

}  // namespace conflictctl

#include "parquet/byte_source.h"

#include <fstream>

#include "parquet/problem.h"

namespace conflictctl::parquet {

namespace {

class MemorySource final : public ByteSource {
 public:
  explicit MemorySource(std::string bytes) : bytes_(std::move(bytes)) {}
  std::uint64_t size() const override { return bytes_.size(); }
  Result<std::string> read(std::uint64_t offset, std::size_t length) override {
    if (offset > bytes_.size() || length > bytes_.size() - offset)
      return problem("a read past the end of the data");
    return bytes_.substr(static_cast<std::size_t>(offset), length);
  }

 private:
  std::string bytes_;
};

class FileSource final : public ByteSource {
 public:
  FileSource(std::ifstream file, std::uint64_t size) : file_(std::move(file)), size_(size) {}
  std::uint64_t size() const override { return size_; }
  Result<std::string> read(std::uint64_t offset, std::size_t length) override {
    if (offset > size_ || length > size_ - offset)
      return problem("a read past the end of the file");
    std::string bytes(length, '\0');
    file_.clear();
    file_.seekg(static_cast<std::streamoff>(offset));
    file_.read(bytes.data(), static_cast<std::streamsize>(length));
    if (static_cast<std::size_t>(file_.gcount()) != length) return problem("cannot be read");
    return bytes;
  }

 private:
  std::ifstream file_;
  std::uint64_t size_;
};

}  // namespace

std::unique_ptr<ByteSource> memory_source(std::string bytes) {
  return std::make_unique<MemorySource>(std::move(bytes));
}

Result<std::unique_ptr<ByteSource>> file_source(const std::filesystem::path& path) {
  std::error_code error;
  auto size = std::filesystem::file_size(path, error);
  if (error) return problem("cannot be read");
  std::ifstream file(path, std::ios::binary);
  if (!file) return problem("cannot be read");
  return std::unique_ptr<ByteSource>(std::make_unique<FileSource>(std::move(file), size));
}

}  // namespace conflictctl::parquet

#include "engine/s3_listing.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <memory>
#include <system_error>

namespace conflictctl::engine {

namespace {

Error failed(std::string_view error_name, std::string cause) {
  return Error{std::string(error_name), std::move(cause)};
}

}  // namespace

Result<S3Listing> S3Listing::open(const S3Files& files, const std::string& bucket,
                                  const std::string& prefix, std::string_view error_name) {
  auto root = files.root_of_prefix(bucket, prefix, error_name);
  if (!root) return root.error();
  S3Listing listing;
  listing.prefix_ = prefix;
  listing.error_name_ = error_name;
  // The keys in the root's folder start with the part of its prefix after "bucket/".
  std::string key_prefix = root->prefix.substr(bucket.size() + 1);
  std::error_code error;
  if (!std::filesystem::is_directory(root->folder, error))
    return failed(error_name, fmt::format("{}: the folder of s3://{} is not there",
                                          root->folder.string(), root->prefix));
  if (auto pushed = listing.push(root->folder, std::move(key_prefix)); !pushed)
    return pushed.error();
  return listing;
}

Result<void> S3Listing::push(const std::filesystem::path& folder, std::string key_prefix) {
  Level level;
  level.key_prefix = std::move(key_prefix);
  std::error_code error;
  std::filesystem::directory_iterator it(folder, error), end;
  for (; !error && it != end; it.increment(error)) {
    Entry entry;
    entry.path = it->path();
    entry.folder = it->is_directory(error);
    if (error) break;
    if (!entry.folder && !it->is_regular_file(error)) continue;  // sockets, broken links
    entry.sort_key = entry.path.filename().string();
    if (entry.folder) entry.sort_key += '/';
    // Only what can hold keys starting with the prefix: a file whose key does, a folder
    // whose keys may.
    const std::string key = level.key_prefix + entry.sort_key;
    const bool wanted = entry.folder ? key.starts_with(prefix_) || prefix_.starts_with(key)
                                     : key.starts_with(prefix_);
    if (wanted) level.entries.push_back(std::move(entry));
  }
  if (error)
    return failed(error_name_, fmt::format("{}: cannot be listed: {}", folder.string(),
                                           error.message()));
  // std::string compares as unsigned bytes: UTF-8 keys in S3's order.
  std::sort(level.entries.begin(), level.entries.end(),
            [](const Entry& a, const Entry& b) { return a.sort_key < b.sort_key; });
  levels_.push_back(std::move(level));
  return {};
}

Result<std::optional<S3Object>> S3Listing::next() {
  while (!levels_.empty()) {
    Level& level = levels_.back();
    if (level.next == level.entries.size()) {
      levels_.pop_back();
      continue;
    }
    Entry& entry = level.entries[level.next++];
    std::string key = level.key_prefix + entry.sort_key;
    if (entry.folder) {
      if (auto pushed = push(entry.path, std::move(key)); !pushed) return pushed.error();
      continue;
    }
    S3Object object;
    object.key = std::move(key);
    std::error_code error;
    object.size = std::filesystem::file_size(entry.path, error);
    if (!error) {
      auto written = std::filesystem::last_write_time(entry.path, error);
      auto seconds = std::chrono::time_point_cast<std::chrono::seconds>(
          std::chrono::file_clock::to_sys(written));
      object.last_modified = seconds.time_since_epoch().count();
    }
    if (error)
      return failed(error_name_, fmt::format("{}: cannot be read: {}", entry.path.string(),
                                             error.message()));
    object.path = std::move(entry.path);
    return std::optional<S3Object>(std::move(object));
  }
  return std::optional<S3Object>();
}

Result<std::string> object_etag(const std::filesystem::path& path, std::string_view error_name) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return failed(error_name, fmt::format("{}: cannot be read", path.string()));
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  &EVP_MD_CTX_free);
  if (!context || EVP_DigestInit_ex(context.get(), EVP_md5(), nullptr) != 1)
    return failed(error_name, fmt::format("{}: cannot compute its ETag", path.string()));
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0)
    EVP_DigestUpdate(context.get(), buffer, static_cast<std::size_t>(in.gcount()));
  if (in.bad()) return failed(error_name, fmt::format("{}: cannot be read", path.string()));
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(context.get(), digest, &length);
  std::string etag = "\"";
  for (unsigned int i = 0; i < length; ++i) etag += fmt::format("{:02x}", digest[i]);
  return etag + "\"";
}

}  // namespace conflictctl::engine

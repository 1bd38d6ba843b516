#include "engine/s3_files.h"

#include <fmt/format.h>

namespace conflictctl::engine {

Result<S3Root> parse_s3_root(const std::string& text) {
  constexpr std::string_view kScheme = "s3://";
  auto equals = text.find('=');
  if (!text.starts_with(kScheme) || equals == std::string::npos || equals == kScheme.size() ||
      equals + 1 == text.size())
    return Error{"InvalidArgument",
                 fmt::format("'{}' is not of the form s3://BUCKET[/PREFIX]=DIR", text)};
  S3Root root;
  root.prefix = text.substr(kScheme.size(), equals - kScheme.size());
  // A whole bucket, or a prefix given without its last '/': DIR stands for a folder.
  if (root.prefix.back() != '/') root.prefix += '/';
  root.folder = text.substr(equals + 1);
  return root;
}

const S3Root* S3Files::longest_root(const std::string& uri) const {
  const S3Root* best = nullptr;
  for (const S3Root& root : roots_)
    if (uri.starts_with(root.prefix) && (!best || root.prefix.size() > best->prefix.size()))
      best = &root;
  return best;
}

Result<std::filesystem::path> S3Files::path_of(const std::string& bucket, const std::string& key,
                                               std::string_view error_name) const {
  const std::string uri = bucket + "/" + key;
  const S3Root* best = longest_root(uri);
  if (!best)
    return Error{std::string(error_name),
                 fmt::format("s3://{} has no local folder: give one with --s3-root "
                             "s3://{}=DIR",
                             uri, bucket)};
  std::filesystem::path relative = uri.substr(best->prefix.size());
  for (const auto& part : relative)
    if (part == "..")
      return Error{std::string(error_name),
                   fmt::format("s3://{}: a key with '..' would leave the folder of its root",
                               uri)};
  return best->folder / relative;
}

Result<S3Root> S3Files::root_of_prefix(const std::string& bucket, const std::string& prefix,
                                       std::string_view error_name) const {
  const std::string uri = bucket + "/" + prefix;
  const S3Root* best = longest_root(uri);
  if (!best)
    return Error{std::string(error_name),
                 fmt::format("s3://{} has no local folder to list: give one with --s3-root "
                             "s3://{}=DIR",
                             uri, bucket)};
  return *best;
}

}  // namespace conflictctl::engine

#include "aws/ca_bundle.h"

#include <cstdlib>
#include <filesystem>

namespace conflictctl::aws {

std::optional<std::string> find_ca_bundle(
    const std::function<bool(const std::string& path)>& exists,
    const std::function<std::optional<std::string>(const std::string& name)>& environment,
    const std::string& binary_dir) {
  std::optional<std::string> own = environment("SSL_CERT_FILE");
  for (const std::string& candidate :
       {own.value_or(""), std::string(kDebianCaBundle), std::string(kAmazonLinuxCaBundle),
        binary_dir.empty() ? std::string() : binary_dir + "/ca-bundle.crt"}) {
    if (!candidate.empty() && exists(candidate)) return candidate;
  }
  return std::nullopt;
}

const std::optional<std::string>& host_ca_bundle() {
  static const std::optional<std::string> found = [] {
    std::error_code error;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    return find_ca_bundle(
        [](const std::string& path) {
          std::error_code ignored;
          return std::filesystem::is_regular_file(path, ignored);
        },
        [](const std::string& name) -> std::optional<std::string> {
          const char* value = std::getenv(name.c_str());
          if (!value) return std::nullopt;
          return std::string(value);
        },
        error ? std::string() : self.parent_path().string());
  }();
  return found;
}

}  // namespace conflictctl::aws

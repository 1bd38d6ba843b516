#include "dataflow/digest.h"

#include <openssl/evp.h>

#include <array>
#include <utility>

namespace conflictctl::dataflow {

namespace {

const EVP_MD* find_algorithm(std::string_view name) {
  static const std::array<std::pair<std::string_view, const EVP_MD* (*)()>, 5> kAlgorithms = {{
      {"MD5", EVP_md5},
      {"SHA-1", EVP_sha1},
      {"SHA-256", EVP_sha256},
      {"SHA-384", EVP_sha384},
      {"SHA-512", EVP_sha512},
  }};
  for (const auto& [known, make] : kAlgorithms) {
    if (known == name) return make();
  }
  return nullptr;
}

}  // namespace

std::optional<std::string> hex_digest(std::string_view algorithm, std::string_view data) {
  const EVP_MD* md = find_algorithm(algorithm);
  if (md == nullptr) return std::nullopt;
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &length, md, nullptr) != 1) {
    return std::nullopt;
  }
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0x0F];
  }
  return hex;
}

}  // namespace conflictctl::dataflow

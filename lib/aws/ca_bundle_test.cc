#include "aws/ca_bundle.h"

#include <catch2/catch.hpp>

#include <set>

namespace conflictctl::aws {
namespace {

std::optional<std::string> find(const std::set<std::string>& files,
                                std::optional<std::string> ssl_cert_file = std::nullopt) {
  return find_ca_bundle([&](const std::string& path) { return files.count(path) > 0; },
                        [&](const std::string& name) {
                          return name == "SSL_CERT_FILE" ? ssl_cert_file : std::nullopt;
                        },
                        "/var/task");
}

}  // namespace

TEST_CASE("the CA bundle: Debian's, else Amazon Linux 2023's, else the package's") {
  const std::string debian = "/etc/ssl/certs/ca-certificates.crt";
  const std::string al2023 = "/etc/pki/tls/certs/ca-bundle.crt";
  CHECK(find({debian, al2023}) == debian);
  CHECK(find({al2023}) == al2023);
  CHECK(find({"/var/task/ca-bundle.crt"}) == "/var/task/ca-bundle.crt");
  CHECK(find({}) == std::nullopt);
}

TEST_CASE("SSL_CERT_FILE comes first when the file exists") {
  CHECK(find({"/etc/ssl/certs/ca-certificates.crt", "/my/roots.pem"}, "/my/roots.pem") ==
        "/my/roots.pem");
  CHECK(find({"/etc/pki/tls/certs/ca-bundle.crt"}, "/missing.pem") ==
        "/etc/pki/tls/certs/ca-bundle.crt");
  CHECK(find({"/etc/pki/tls/certs/ca-bundle.crt"}, "") == "/etc/pki/tls/certs/ca-bundle.crt");
}

}  // namespace conflictctl::aws

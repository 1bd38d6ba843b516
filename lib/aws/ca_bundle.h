#pragma once
// The trusted root certificates of the host, for HTTPS (aws/curl_http.cc) and for libpq's
// verify-ca / verify-full (db/settings.h): the first file that exists of
//   1. $SSL_CERT_FILE, OpenSSL's own override, when set and not empty;
//   2. Debian's /etc/ssl/certs/ca-certificates.crt, the bundle Debian's libcurl is built with;
//   3. Amazon Linux 2023's /etc/pki/tls/certs/ca-bundle.crt, what Lambda's provided.al2023
//      runtime has (the package runs Debian's libraries there: docs/deploy.md);
//   4. ca-bundle.crt beside the running binary (a package may carry one).
// nullopt when none exists: libcurl then keeps its built-in default, and fails to verify.
//
// `exists` and `environment` are parameters so that tests can play any host. Thread-safe.
#include <functional>
#include <optional>
#include <string>

namespace conflictctl::aws {

inline constexpr const char* kDebianCaBundle = "/etc/ssl/certs/ca-certificates.crt";
inline constexpr const char* kAmazonLinuxCaBundle = "/etc/pki/tls/certs/ca-bundle.crt";

std::optional<std::string> find_ca_bundle(
    const std::function<bool(const std::string& path)>& exists,
    const std::function<std::optional<std::string>(const std::string& name)>& environment,
    const std::string& binary_dir);

// The same on this host: the real file system, environment and binary (found once, then kept).
const std::optional<std::string>& host_ca_bundle();

}  // namespace conflictctl::aws

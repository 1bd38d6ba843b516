#pragma once
// Message digests for States.Hash, computed with OpenSSL's EVP interface.
//
// AWS: "The hashing algorithm you specify can be any of the following algorithms: MD5,
// SHA-1, SHA-256, SHA-384, SHA-512" — the names are matched exactly (case and hyphen).
#include <optional>
#include <string>
#include <string_view>

namespace conflictctl::dataflow {

// Lower-case hexadecimal digest of `data`, or nullopt when `algorithm` is not one of the
// five names above.
std::optional<std::string> hex_digest(std::string_view algorithm, std::string_view data);

}  // namespace conflictctl::dataflow

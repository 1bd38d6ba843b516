#pragma once
// Base64 (RFC 4648 alphabet, "=" padding): States.Base64Encode and States.Base64Decode, and
// the log tail of a Lambda invocation (X-Amz-Log-Result).
//
// AWS: "encode data based on MIME Base64 encoding scheme" / "decode data based on MIME
// Base64 decoding scheme". The encoder writes one unbroken line. The decoder is lenient the
// way a MIME decoder is: characters outside the alphabet (line breaks, spaces) are skipped
// and the first "=" ends the data.
#include <optional>
#include <string>
#include <string_view>

namespace conflictctl {

std::string base64_encode(std::string_view bytes);

// The decoded bytes, or nullopt when a single character is left over at the end (six bits
// cannot make a byte).
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace conflictctl

#pragma once
// AWS Signature Version 4 (header form), as "Create a signed AWS API request" in the IAM User
// Guide describes it: canonical request -> string to sign -> HMAC-SHA256 with the key derived
// from the secret, date, region and service.
//
// Canonical request, as built here:
//   METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n hex(SHA256(body))
// - CanonicalURI: `Request::path` is the path as sent on the wire, its segments already
//   percent-encoded once (build them with `uri_encode`). For every service but S3 each segment
//   is URI-encoded once more, as AWS expects ("each path segment must be URI-encoded twice"):
//   a Lambda path ".../functions/my-fn%3Alive/invocations" signs as ".../my-fn%253Alive/...".
//   For "s3" the path is used as sent. Paths are not normalised ("." / ".." kept).
// - CanonicalQuery: names and values URI-encoded (RFC 3986 unreserved characters kept),
//   sorted by name then value.
// - Headers: names lowercased and sorted, values trimmed with inner runs of spaces collapsed,
//   repeated names joined with ','. Every header of the request is signed, plus the ones the
//   signer adds: x-amz-date, x-amz-content-sha256 (unless turned off) and x-amz-security-token
//   (when the credentials have a session token).
//
// Pure: no clock (the caller passes the time), no I/O, thread-safe. The secret never appears in
// the output or in an error.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/credentials.h"
#include "aws/http.h"
#include "core/error.h"
#include "core/timestamp.h"

namespace conflictctl::aws {

// An HTTP request to sign. Must contain a Host header, exactly as it is sent (with the port when
// it is not the scheme's default). Must not contain Authorization or any header the signer adds.
struct Request {
  std::string method = "GET";
  std::string path = "/";  // as sent: "/2015-03-31/functions/my-fn%3Alive/invocations"
  std::vector<std::pair<std::string, std::string>> query;  // decoded names and values
  HeaderList headers;
  std::string body;
};

struct SigningParams {
  std::string region;   // "us-east-1"
  std::string service;  // "lambda"
  // Add and sign x-amz-content-sha256 (S3 requires it; other services accept it).
  // Default: true. AWS's generic test-suite examples are signed without it.
  bool content_sha256_header = true;
};

struct Signature {
  std::string authorization;  // the Authorization header's value
  HeaderList headers_to_add;  // x-amz-date, [x-amz-content-sha256], [x-amz-security-token]
  std::string query_string;   // the canonical query, also usable on the wire ("" when none)
  // The intermediate steps, for tests and for comparing with a server's error message.
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;  // lowercase hex
};

// Signs `request` at time `now`. Error{"Aws.SigningError", ...} when a required input is
// missing (Host header, region, service, access key, secret) or a reserved header is present.
Result<Signature> sign(const Request& request, const Credentials& credentials,
                       const SigningParams& params, Timestamp now);

// RFC 3986 percent-encoding as SigV4 defines it: A-Z a-z 0-9 - _ . ~ kept, every other byte
// as %XX (uppercase hex); '/' kept only when `keep_slash`.
std::string uri_encode(std::string_view text, bool keep_slash = false);

// "20150830T123600Z", the x-amz-date form (UTC, whole seconds).
std::string amz_date(Timestamp t);

// Lowercase hex of SHA-256(data).
std::string sha256_hex(std::string_view data);

// SHA-256(data), the 32 raw bytes.
std::string sha256_digest(std::string_view data);

}  // namespace conflictctl::aws

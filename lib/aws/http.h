#pragma once
// HTTP transport: the one narrow interface through which conflictctl talks to AWS (the Lambda
// Invoke API, the Lambda Runtime API). `make_curl_client()` is the real one (libcurl; no curl
// type leaves curl_http.cc); `FakeHttpClient` (aws/fake_http.h) answers in memory for tests.
//
// A request is sent as given: the caller sets every header, including Host when it signs the
// request (aws/sigv4.h), and the body. Redirects are not followed. Proxies follow libcurl's
// usual environment variables (HTTPS_PROXY, NO_PROXY).
//
// Limits and cancellation:
//   - `timeout_seconds` bounds the whole exchange (connect, send, wait, receive); nullopt waits
//     for ever (the Runtime API's "next invocation" long poll). The caller computes it from
//     its Clock (e.g. TaskContext::remaining_seconds()); the transport reads no clock itself.
//   - `cancel` aborts a transfer in progress within about 100 ms of CancellationSource::cancel().
//   - `max_body_bytes` caps the response body: a longer one is cut off as it arrives (never
//     held in memory whole) and the call fails; nullopt accepts any size.
//
// Errors (never thrown; the cause names the host and port, never a header value or the body,
// which may hold credentials):
//   "Http.Timeout"          the timeout passed before the response was complete;
//   "Http.Cancelled"        `cancel` was cancelled;
//   "Http.ConnectionFailed" the host could not be resolved or connected to, TLS failed, or the
//                           connection dropped before a full response arrived;
//   "Http.InvalidRequest"   a malformed URL or method;
//   "Http.ResponseTooLarge" the body exceeded max_body_bytes ("the response from HOST:PORT
//                           exceeds N bytes").
// Any complete response is a value, whatever its status code.
//
// Thread safety: send() may be called concurrently from several threads on one client.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/cancellation.h"
#include "core/error.h"

namespace conflictctl::aws {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // "https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/f/invocations?Qualifier=prod"
  HeaderList headers;
  std::string body;
};

struct HttpResponse {
  int status = 0;
  HeaderList headers;  // as received, names in their original case
  std::string body;

  // The first header named `name`, compared case-insensitively; nullopt when absent.
  std::optional<std::string> header(std::string_view name) const;
};

struct HttpLimits {
  std::optional<double> timeout_seconds;     // Default: none
  CancellationToken cancel;                  // Default: never cancelled
  std::optional<std::size_t> max_body_bytes;  // Default: none
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  virtual Result<HttpResponse> send(const HttpRequest& request, const HttpLimits& limits) = 0;
};

// The libcurl transport. Thread-safe; one curl easy handle per call.
std::unique_ptr<HttpClient> make_curl_client();

// The parts of an http(s) URL a signer and a Host header need.
struct Url {
  std::string scheme;     // "https"
  std::string host;       // "lambda.us-east-1.amazonaws.com", "127.0.0.1"
  std::optional<int> port;  // only when written in the URL
  std::string path;       // "/" when empty; as written (already percent-encoded)

  // "host" or "host:port" when the port is not the scheme's default: the Host header value.
  std::string authority() const;
};

// Parses "http://host[:port][/path]" or "https://…" (no query, fragment or user info).
// Error{"Http.InvalidRequest", …} otherwise.
Result<Url> parse_url(std::string_view text);

}  // namespace conflictctl::aws

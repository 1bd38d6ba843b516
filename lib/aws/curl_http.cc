// The libcurl transport of aws/http.h. No curl type leaves this file.
//
// Each send() owns one easy handle, driven by a private multi handle so that the wait for data
// wakes at least every 100 ms: the progress callback then sees a cancellation promptly even
// while the server is silent (curl_easy_perform would look only about once a second).
#include <strings.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <optional>

#include <curl/curl.h>
#include <fmt/format.h>

#include "aws/ca_bundle.h"
#include "aws/http.h"
#include "aws/libcurl_loader.h"

namespace conflictctl::aws {
namespace {

constexpr int kPollMillis = 100;  // the longest a cancellation waits to be noticed

struct Transfer {
  CancellationToken cancel;
  std::optional<std::size_t> max_body_bytes;
  HttpResponse response;
  bool too_large = false;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  Transfer& transfer = *static_cast<Transfer*>(user);
  const size_t bytes = size * count;
  if (transfer.max_body_bytes && transfer.response.body.size() + bytes > *transfer.max_body_bytes) {
    transfer.too_large = true;
    return 0;  // fewer bytes than given: curl stops with CURLE_WRITE_ERROR
  }
  transfer.response.body.append(data, bytes);
  return bytes;
}

// One call per header line. A status line starts a response: the headers of an interim one
// (100 Continue) are dropped, so only the final response's remain.
size_t on_header(char* data, size_t size, size_t count, void* user) {
  HeaderList& headers = static_cast<Transfer*>(user)->response.headers;
  std::string_view line(data, size * count);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.starts_with("HTTP/")) {
    headers.clear();
  } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
  }
  return size * count;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<Transfer*>(user)->cancel.cancelled() ? 1 : 0;  // non-zero aborts
}

bool has_header(const HeaderList& headers, const char* name) {
  return std::any_of(headers.begin(), headers.end(),
                     [&](const auto& header) { return strcasecmp(header.first.c_str(), name) == 0; });
}

// Curl sends the given headers, and removes the defaults it would add when we name them
// empty ("Expect:"), so the request goes out as the caller wrote it.
struct HeaderLines {
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> list{nullptr, &curl_slist_free_all};

  void add(const std::string& line) { list.reset(curl_slist_append(list.release(), line.c_str())); }
};

Result<HeaderLines> header_lines(const HeaderList& headers) {
  HeaderLines lines;
  for (const auto& [name, value] : headers) {
    if (name.empty() || (name + value).find_first_of("\r\n") != std::string::npos ||
        name.find(':') != std::string::npos)
      return Error{"Http.InvalidRequest",
                   fmt::format("the header name \"{}\" or its value is malformed", name)};
    lines.add(value.empty() ? name + ";" : name + ": " + value);  // "Name;" sends it empty
  }
  for (const char* curl_default : {"Expect", "Content-Type", "Accept"})
    if (!has_header(headers, curl_default)) lines.add(std::string(curl_default) + ":");
  return lines;
}

Error transfer_error(CURLcode code, const std::string& where, const HttpLimits& limits) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return Error{"Http.Timeout", fmt::format("no complete response from {} within {:g} s", where,
                                               limits.timeout_seconds.value_or(0))};
    case CURLE_ABORTED_BY_CALLBACK:
      return Error{"Http.Cancelled", fmt::format("the request to {} was cancelled", where)};
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return Error{"Http.InvalidRequest", fmt::format("{}: {}", where, curl_easy_strerror(code))};
    default:  // resolve, connect, TLS, send, receive, an empty or truncated reply
      return Error{"Http.ConnectionFailed", fmt::format("{}: {}", where, curl_easy_strerror(code))};
  }
}

class CurlClient final : public HttpClient {
 public:
  Result<HttpResponse> send(const HttpRequest& request, const HttpLimits& limits) override {
    // libcurl is opened on the first request (aws/libcurl_loader.h).
    if (Result<void> loaded = libcurl().load(); !loaded)
      return Error{"Http.ConnectionFailed", loaded.error().cause};
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    const std::string& method = request.method;
    if (method.empty() || method.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos)
      return Error{"Http.InvalidRequest", fmt::format("\"{}\" is not an HTTP method", method)};
    Result<Url> url = parse_url(std::string_view(request.url).substr(0, request.url.find('?')));
    if (!url) return url.error();
    const std::string where =
        fmt::format("{}:{}", url->host, url->port.value_or(url->scheme == "https" ? 443 : 80));
    Result<HeaderLines> headers = header_lines(request.headers);
    if (!headers) return headers.error();

    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> easy(curl_easy_init(), &curl_easy_cleanup);
    std::unique_ptr<CURLM, decltype(&curl_multi_cleanup)> multi(curl_multi_init(), &curl_multi_cleanup);
    if (!easy || !multi) return Error{"Http.ConnectionFailed", where + ": libcurl could not start a transfer"};

    Transfer transfer{limits.cancel, limits.max_body_bytes, {}};
    CURL* h = easy.get();
    curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    // The host's trusted roots, wherever its distribution keeps them (aws/ca_bundle.h).
    if (const auto& bundle = host_ca_bundle()) {
      curl_easy_setopt(h, CURLOPT_CAINFO, bundle->c_str());
      curl_easy_setopt(h, CURLOPT_CAPATH, nullptr);
    }
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers->list.get());
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, &on_progress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, &transfer);
    if (limits.timeout_seconds) {  // 0 would mean "no timeout" to curl
      const double millis = std::max(1.0, std::ceil(*limits.timeout_seconds * 1000));
      curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(std::min(millis, 2e9)));
    }
    if (method == "GET" && request.body.empty()) {
      curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    } else if (method == "HEAD") {
      curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
    } else {
      curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
      curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
      if (method != "POST") curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method.c_str());
    }

    const CURLcode code = perform(multi.get(), h);
    if (transfer.too_large)
      return Error{"Http.ResponseTooLarge", fmt::format("the response from {} exceeds {} bytes",
                                                        where, *limits.max_body_bytes)};
    if (code != CURLE_OK) return transfer_error(code, where, limits);
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    transfer.response.status = static_cast<int>(status);
    return std::move(transfer.response);
  }

 private:
  static CURLcode perform(CURLM* multi, CURL* easy) {
    if (curl_multi_add_handle(multi, easy) != CURLM_OK) return CURLE_FAILED_INIT;
    CURLcode result = CURLE_OK;
    for (int running = 1; running;) {
      if (curl_multi_perform(multi, &running) != CURLM_OK) {
        result = CURLE_FAILED_INIT;
        break;
      }
      if (running) curl_multi_poll(multi, nullptr, 0, kPollMillis, nullptr);
    }
    int pending = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &pending))
      if (message->msg == CURLMSG_DONE && message->easy_handle == easy) result = message->data.result;
    curl_multi_remove_handle(multi, easy);
    return result;
  }
};

}  // namespace

std::unique_ptr<HttpClient> make_curl_client() { return std::make_unique<CurlClient>(); }

}  // namespace conflictctl::aws

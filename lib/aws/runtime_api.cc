#include "aws/runtime_api.h"

#include <charconv>
#include <cstdint>
#include <utility>

#include <fmt/format.h>

#include "aws/sigv4.h"
#include "core/json.h"

namespace conflictctl::aws {
namespace {

constexpr std::string_view kVersion = "/2018-06-01";
constexpr size_t kMaxBodyInError = 200;
// The latest deadline accepted: core/timestamp.h's kMaxDurationSeconds after 1970 (the year
// 5138), so that every timestamp derived from it stays printable.
constexpr Millis kMaxDeadline{static_cast<long long>(kMaxDurationSeconds) * 1000};

Error api_error(std::string_view path, std::string_view what) {
  return Error{"Runtime.ApiError", fmt::format("{}{}: {}", kVersion, path, what)};
}

std::optional<Timestamp> epoch_millis(std::string_view text) {
  std::int64_t millis = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), millis);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return Timestamp{Millis{millis}};
}

std::string error_document(const std::string& type, const std::string& message) {
  return to_compact(Json{{"errorMessage", message}, {"errorType", type}, {"stackTrace", Json::array()}});
}

// Sends to base + path; an HTTP failure keeps its name, a non-2xx status is Runtime.ApiError.
Result<HttpResponse> exchange(HttpClient& http, const std::string& base, std::string_view path,
                              HttpRequest request) {
  request.url = base + std::string(path);
  Result<HttpResponse> response = http.send(request, HttpLimits{std::nullopt, {}, kMaxApiBodyBytes});
  if (!response) return response.error();
  if (response->status < 200 || response->status > 299)
    return api_error(path, fmt::format("HTTP {}: {}", response->status,
                                       std::string_view(response->body).substr(0, kMaxBodyInError)));
  return response;
}

Result<void> post(HttpClient& http, const std::string& base, const std::string& path, HeaderList headers,
                  std::string body) {
  headers.emplace(headers.begin(), "Content-Type", "application/json");
  Result<HttpResponse> response =
      exchange(http, base, path, HttpRequest{"POST", "", std::move(headers), std::move(body)});
  if (!response) return response.error();
  return {};
}

Result<void> post_error(HttpClient& http, const std::string& base, const std::string& path,
                        const std::string& type, const std::string& message) {
  return post(http, base, path, {{"Lambda-Runtime-Function-Error-Type", type}},
              error_document(type, message));
}

}  // namespace

RuntimeApi::RuntimeApi(HttpClient& http, std::string api)
    : http_(http), base_("http://" + api + std::string(kVersion)) {}

Result<RuntimeInvocation> RuntimeApi::next() const {
  const std::string_view path = "/runtime/invocation/next";
  Result<HttpResponse> response = exchange(http_, base_, path, HttpRequest{"GET", "", {}, ""});
  if (!response) return response.error();
  RuntimeInvocation out;
  out.request_id = response->header("Lambda-Runtime-Aws-Request-Id").value_or("");
  if (out.request_id.empty()) return api_error(path, "no Lambda-Runtime-Aws-Request-Id header");
  const std::optional<std::string> deadline = response->header("Lambda-Runtime-Deadline-Ms");
  const std::optional<Timestamp> parsed = epoch_millis(deadline.value_or(""));
  if (!parsed)
    return api_error(path, deadline ? "Lambda-Runtime-Deadline-Ms is not a whole number of milliseconds"
                                    : "no Lambda-Runtime-Deadline-Ms header");
  // The runtime subtracts its margin from the deadline and compares it with the clock: a
  // deadline near the ends of int64 milliseconds overflowed there (found by
  // runtime_event_fuzz). Real ones are a few minutes from now.
  if (parsed->time_since_epoch() < Millis{0} || parsed->time_since_epoch() > kMaxDeadline)
    return api_error(path, fmt::format("Lambda-Runtime-Deadline-Ms is out of range (0 to {} ms since 1970)",
                                       kMaxDeadline.count()));
  out.deadline = *parsed;
  out.function_arn = response->header("Lambda-Runtime-Invoked-Function-Arn").value_or("");
  out.trace_id = response->header("Lambda-Runtime-Trace-Id").value_or("");
  out.event = std::move(response->body);
  return out;
}

Result<void> RuntimeApi::respond(const std::string& request_id, const std::string& result_json) const {
  return post(http_, base_, "/runtime/invocation/" + uri_encode(request_id) + "/response", {}, result_json);
}

Result<void> RuntimeApi::fail(const std::string& request_id, const std::string& error_type,
                              const std::string& error_message) const {
  return post_error(http_, base_, "/runtime/invocation/" + uri_encode(request_id) + "/error", error_type,
                    error_message);
}

Result<void> RuntimeApi::init_error(const std::string& error_type, const std::string& error_message) const {
  return post_error(http_, base_, "/runtime/init/error", error_type, error_message);
}

}  // namespace conflictctl::aws

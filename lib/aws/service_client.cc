#include "aws/service_client.h"

#include <algorithm>
#include <initializer_list>
#include <iterator>
#include <condition_variable>
#include <mutex>
#include <optional>

#include <fmt/format.h>

#include "aws/sigv4.h"
#include "core/json_text.h"

namespace conflictctl::aws {
namespace {

std::string string_member(const Json& object, std::initializer_list<const char*> keys) {
  if (!object.is_object()) return "";
  for (const char* key : keys)
    if (auto it = object.find(key); it != object.end() && it->is_string())
      return it->get<std::string>();
  return "";
}

Json document_or_null(std::string_view text) {
  std::variant<Json, JsonTextProblem> read = read_json_text(text);
  if (Json* value = std::get_if<Json>(&read)) return std::move(*value);
  return Json(nullptr);
}

// x-amzn-ErrorType, else the body's "__type" or "code"; "namespace#Name:detail" -> "Name".
std::string error_name(const HttpResponse& response, const Json& body) {
  std::string name = response.header("x-amzn-ErrorType").value_or("");
  if (name.empty()) name = string_member(body, {"__type", "code", "Code"});
  if (const auto hash = name.rfind('#'); hash != std::string::npos) name.erase(0, hash + 1);
  name = name.substr(0, name.find(':'));
  if (!name.empty()) return name;
  if (response.status == 429) return "TooManyRequestsException";
  return response.status >= 500 ? "ServiceException" : "UnknownError";
}

bool is_throttling(const Error& error) {
  return std::any_of(std::begin(kThrottlingErrors), std::end(kThrottlingErrors),
                     [&](std::string_view name) {
                       return error.name == fmt::format("Aws.{}", name);
                     });
}

bool retryable(const Result<HttpResponse>& response) {
  if (!response)
    return response.error().name == "Http.ConnectionFailed" ||
           response.error().name == "Http.Timeout";
  const int status = response->status;
  return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

// What the user can do about some errors, after the service's own message.
std::string hint(std::string_view name, const ServiceInfo& info, std::string_view operation) {
  if (name == "AccessDeniedException" || name == "AccessDenied")
    return fmt::format("; the credentials need the IAM permission {}:{} "
                       "(`conflictctl deploy --print-policy` prints the policies)",
                       info.signing_name, operation);
  if (name == "ResourceConflictException")
    return "; another change to the function is still in progress: run the command again";
  if (name == "UnrecognizedClientException" || name == "InvalidSignatureException" ||
      name == "ExpiredTokenException" || name == "IncompleteSignatureException")
    return "; check the credentials (AWS_ACCESS_KEY_ID, AWS_PROFILE) and the machine's clock";
  return "";
}

}  // namespace

Error service_refusal(Service service, std::string_view operation, const HttpResponse& response,
                      const Credentials& credentials) {
  const ServiceInfo& info = service_info(service);
  const Json body = document_or_null(response.body);
  const std::string name = error_name(response, body);
  std::string message = string_member(body, {"message", "Message", "errorMessage"});
  if (message.empty()) message = "refused";
  std::string cause = fmt::format("{} {}: {} (HTTP {}", info.display_name, operation, message,
                                  response.status);
  if (auto id = response.header("x-amzn-RequestId")) cause += ", request id " + *id;
  cause += ")" + hint(name, info, operation);
  return Error{"Aws." + name, redact_secrets(std::move(cause), credentials)};
}

ServiceClient::ServiceClient(HttpClient& http, Clock& clock, Service service,
                             ServiceConfig config)
    : http_(http), clock_(clock), service_(service), config_(std::move(config)) {}

Result<Json> ServiceClient::json(std::string_view operation, const Json& request) const {
  const ServiceInfo& info = service_info(service_);
  HeaderList headers = {
      {"Content-Type", fmt::format("application/x-amz-json-{}", info.json_version)},
      {"X-Amz-Target", fmt::format("{}.{}", info.target_prefix, operation)}};
  return call(operation, "POST", "/", std::move(headers), to_compact(request));
}

Result<Json> ServiceClient::rest(std::string_view operation, std::string_view method,
                                 std::string_view path, const Json& body) const {
  HeaderList headers;
  std::string text;
  if (!body.is_null()) {
    headers.emplace_back("Content-Type", "application/json");
    text = to_compact(body);
  }
  return call(operation, method, std::string(path), std::move(headers), std::move(text));
}

Result<Json> ServiceClient::call(std::string_view operation, std::string_view method,
                                 std::string path, HeaderList headers, std::string body) const {
  const ServiceInfo& info = service_info(service_);
  Result<Url> base = parse_url(config_.endpoint);
  if (!base)
    return Error{"Aws.ConfigError",
                 fmt::format("the {} endpoint: {}", info.display_name, base.error().cause)};
  std::string prefix = base->path;
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  path = prefix + path;
  Request request{std::string(method), path, {}, std::move(headers), std::move(body)};
  request.headers.insert(request.headers.begin(), {"Host", base->authority()});

  Millis delay = config_.retry.first_delay;
  for (int attempt = 1;; ++attempt) {
    Result<Signature> signature = sign(request, config_.credentials,
                                       {config_.region, std::string(info.signing_name)},
                                       clock_.now());
    if (!signature) return signature.error();
    HttpRequest http{request.method,
                     fmt::format("{}://{}{}", base->scheme, base->authority(), path),
                     request.headers, request.body};
    if (!signature->query_string.empty()) http.url += "?" + signature->query_string;
    for (auto& header : signature->headers_to_add) http.headers.push_back(std::move(header));
    http.headers.emplace_back("Authorization", std::move(signature->authorization));

    Result<HttpResponse> response = http_.send(http, HttpLimits{config_.timeout_seconds, {}, {}});
    std::optional<Error> refusal;
    bool again = !response && retryable(response);
    if (response && (response->status < 200 || response->status > 299)) {
      refusal = service_refusal(service_, operation, *response, config_.credentials);
      again = retryable(response) || is_throttling(*refusal);
    }
    if (again && attempt < config_.retry.max_attempts) {
      std::mutex mutex;
      std::condition_variable never;
      std::unique_lock lock(mutex);
      clock_.wait_until(never, lock, clock_.now() + delay);
      delay = std::min(delay * 2, config_.retry.max_delay);
      continue;
    }
    if (!response)
      return Error{"Aws.NoResponse", fmt::format("{} {}: {}", info.display_name, operation,
                                                 response.error().cause)};
    if (refusal) {
      if (attempt > 1) refusal->cause += fmt::format(" after {} attempts", attempt);
      return *refusal;
    }
    if (response->body.empty()) return Json::object();
    Json document = document_or_null(response->body);
    if (!document.is_object())
      return Error{"Aws.BadResponse",
                   fmt::format("{} {}: the answer is not a JSON object ({} bytes)",
                               info.display_name, operation, response->body.size())};
    return document;
  }
}

}  // namespace conflictctl::aws

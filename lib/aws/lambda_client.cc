#include "aws/lambda_client.h"

#include <utility>
#include <vector>

#include <fmt/format.h>

#include "aws/endpoints.h"
#include "aws/sigv4.h"
#include "core/base64.h"
#include "core/json_text.h"
#include "core/split.h"

namespace conflictctl::aws {
namespace {

// "arn:PARTITION:lambda:REGION:..." names its region; the shorter forms do not.
std::string region_of_arn(std::string_view function) {
  const std::vector<std::string_view> parts = split(function, ':');
  return parts.size() >= 5 && parts[0] == "arn" && parts[2] == "lambda" ? std::string(parts[3])
                                                                          : "";
}

std::string after_last(std::string_view text, char c) {
  const auto at = text.rfind(c);
  return std::string(at == std::string_view::npos ? text : text.substr(at + 1));
}

std::string string_member(const Json& object, std::initializer_list<const char*> keys) {
  if (!object.is_object()) return "";
  for (const char* key : keys)
    if (auto it = object.find(key); it != object.end() && it->is_string()) return it->get<std::string>();
  return "";
}

// The refusal's exception name: x-amzn-ErrorType, else the body's "__type" (possibly
// "namespace#Name") or "Type". Lambda's body "Type" is often only the blamed side ("User",
// "Service"), which names no exception. Anything after ':' is dropped.
std::string error_type(const HttpResponse& response, const Json& body) {
  std::string type = response.header("x-amzn-ErrorType").value_or("");
  if (type.empty()) type = after_last(string_member(body, {"__type"}), '#');
  if (type.empty()) {
    type = string_member(body, {"Type"});
    if (type == "User" || type == "Service") type.clear();
  }
  type = type.substr(0, type.find(':'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  if (!type.empty()) return type;
  if (response.status >= 500) return "ServiceException";
  if (response.status == 429) return "TooManyRequestsException";
  return "AWSLambdaException";
}

// The service's or the function's JSON document; null when the text is not JSON or nests
// too deep to read safely (core/json_text.h): the callers then fall back to their defaults.
Json document_or_null(std::string_view text) {
  std::variant<Json, JsonTextProblem> read = read_json_text(text);
  if (Json* value = std::get_if<Json>(&read)) return std::move(*value);
  return Json(nullptr);
}

Error service_error(const HttpResponse& response, const Credentials& credentials) {
  const Json body = document_or_null(response.body);
  std::string message = string_member(body, {"message", "Message", "errorMessage"});
  if (message.empty()) message = "the Lambda service refused the call";
  std::string cause = fmt::format("{} (HTTP {}", message, response.status);
  if (auto id = response.header("x-amzn-RequestId")) cause += ", request id " + *id;
  return Error{"Lambda." + error_type(response, body), redact_secrets(cause + ")", credentials)};
}

Error transport_error(const Error& error, const std::string& function) {
  if (error.name == "Http.ResponseTooLarge")
    return Error{"Lambda.SdkClientException",
                 fmt::format("invoking {}: {}, more than Lambda's {} byte limit on a synchronous "
                             "response allows",
                             function, error.cause, kMaxSyncResponseBytes)};
  if (error.name == "Http.Timeout")
    return Error{"Lambda.ClientExecutionTimeoutException",
                 fmt::format("invoking {}: {}", function, error.cause)};
  if (error.name == "Http.Cancelled")
    return Error{"Lambda.SdkClientException",
                 fmt::format("invoking {} was cancelled before the response: {}", function, error.cause)};
  return Error{"Lambda.SdkClientException",
               fmt::format("invoking {}: no response ({}: {})", function, error.name, error.cause)};
}

InvokeResponse invoke_response(HttpResponse http) {
  InvokeResponse out;
  out.status_code = http.status;
  out.function_error = http.header("X-Amz-Function-Error").value_or("");
  out.executed_version = http.header("X-Amz-Executed-Version").value_or("");
  out.request_id = http.header("x-amzn-RequestId").value_or("");
  out.log_tail = base64_decode(http.header("X-Amz-Log-Result").value_or("")).value_or("");
  out.payload = std::move(http.body);
  out.headers = std::move(http.headers);
  return out;
}

}  // namespace

std::string endpoint_from_environment(const AwsEnvironment& env) {
  // Without a region, service_endpoint() gives only a configured endpoint.
  Result<std::string> configured = service_endpoint(env, Service::kLambda, "");
  return configured ? *configured : "";
}

LambdaClient::LambdaClient(HttpClient& http, LambdaConfig config)
    : http_(http), config_(std::move(config)) {}

Result<InvokeResponse> LambdaClient::invoke(const InvokeCall& call, Timestamp now) const {
  std::string region = region_of_arn(call.function);
  if (region.empty()) region = config_.region;
  if (region.empty())
    return Error{"Aws.ConfigError", "no AWS region: set AWS_REGION or give the function as a full ARN"};

  const std::string endpoint =
      config_.endpoint.empty() ? fmt::format("https://lambda.{}.amazonaws.com", region) : config_.endpoint;
  Result<Url> base = parse_url(endpoint);
  if (!base)
    return Error{"Aws.ConfigError", fmt::format("the Lambda endpoint: {}", base.error().cause)};
  std::string path = base->path;
  while (!path.empty() && path.back() == '/') path.pop_back();
  path += "/2015-03-31/functions/" + uri_encode(call.function) + "/invocations";

  Request request{"POST", path, {}, {}, call.payload};
  if (!call.qualifier.empty()) request.query.emplace_back("Qualifier", call.qualifier);
  request.headers = {{"Host", base->authority()},
                     {"Content-Type", "application/json"},
                     {"X-Amz-Invocation-Type", "RequestResponse"},
                     {"X-Amz-Log-Type", "Tail"}};
  Result<Signature> signature = sign(request, config_.credentials, {region, "lambda"}, now);
  if (!signature) return signature.error();

  HttpRequest http{"POST", fmt::format("{}://{}{}", base->scheme, base->authority(), path),
                   std::move(request.headers), std::move(request.body)};
  if (!signature->query_string.empty()) http.url += "?" + signature->query_string;
  for (auto& header : signature->headers_to_add) http.headers.push_back(std::move(header));
  http.headers.emplace_back("Authorization", std::move(signature->authorization));

  Result<HttpResponse> response = http_.send(http, HttpLimits{call.timeout_seconds, call.cancel, kMaxResponseBodyBytes});
  if (!response) return transport_error(response.error(), call.function);
  return decode_invoke_response(std::move(response).value(), config_.credentials);
}

Result<InvokeResponse> decode_invoke_response(HttpResponse response, const Credentials& credentials) {
  if (response.status < 200 || response.status > 299) return service_error(response, credentials);
  return invoke_response(std::move(response));
}

Result<Json> function_result(const InvokeResponse& response) {
  if (response.function_error.empty()) {
    if (response.payload.empty()) return Json(nullptr);
    std::variant<Json, JsonTextProblem> read = read_json_text(response.payload);
    if (Json* payload = std::get_if<Json>(&read)) return std::move(*payload);
    if (std::get<JsonTextProblem>(read).too_deep)
      return Error{"Lambda.SdkClientException",
                   fmt::format("the function returned a payload nested more than {} levels deep "
                               "({} bytes)",
                               kMaxJsonDepth, response.payload.size())};
    return Error{"Lambda.SdkClientException",
                 fmt::format("the function returned a payload that is not JSON ({} bytes)",
                             response.payload.size())};
  }
  const Json payload = document_or_null(response.payload);
  const std::string type = string_member(payload, {"errorType"});
  if (type.empty()) return Error{"Lambda.Unknown", response.payload};
  return Error{type, string_member(payload, {"errorMessage"})};
}

}  // namespace conflictctl::aws

#include "tasks/lambda_invoke.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>

namespace conflictctl::tasks {

namespace {

Error runtime_error(std::string cause) { return Error{"States.Runtime", std::move(cause)}; }

// FNV-1a, 64 bits, with a chosen offset basis so that two passes give independent halves.
std::uint64_t fnv1a(std::string_view text, std::uint64_t basis) {
  constexpr std::uint64_t kPrime = 1099511628211ULL;
  std::uint64_t hash = basis;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= kPrime;
  }
  return hash;
}

// The headers of an Invoke response, in the order AWS prints each object.
Json all_http_headers(const std::string& version, const std::string& request_id,
                      const std::string& length, const std::string& date) {
  return Json{{"X-Amz-Executed-Version", Json::array({version})},
              {"x-amzn-Remapped-Content-Length", Json::array({"0"})},
              {"Connection", Json::array({"keep-alive"})},
              {"x-amzn-RequestId", Json::array({request_id})},
              {"Content-Length", Json::array({length})},
              {"Date", Json::array({date})},
              {"Content-Type", Json::array({"application/json"})}};
}

Json http_headers(const std::string& version, const std::string& request_id,
                  const std::string& length, const std::string& date) {
  return Json{{"Connection", "keep-alive"},
              {"Content-Length", length},
              {"Content-Type", "application/json"},
              {"Date", date},
              {"X-Amz-Executed-Version", version},
              {"x-amzn-Remapped-Content-Length", "0"},
              {"x-amzn-RequestId", request_id}};
}

}  // namespace

Result<InvokeRequest> parse_invoke_parameters(const Json& parameters) {
  if (!parameters.is_object())
    return runtime_error("lambda:invoke needs Parameters: an object with a FunctionName");
  auto name = parameters.find("FunctionName");
  if (name == parameters.end() || !name->is_string())
    return runtime_error("lambda:invoke Parameters need a FunctionName string");
  Result<asl::FunctionRef> function = asl::parse_function_name(name->get<std::string>());
  if (!function) return function.error();

  if (auto qualifier = parameters.find("Qualifier"); qualifier != parameters.end()) {
    if (!qualifier->is_string()) return runtime_error("lambda:invoke Qualifier must be a string");
    const std::string& value = qualifier->get_ref<const std::string&>();
    if (function->qualifier.empty()) {
      function->qualifier = value;
    } else if (function->qualifier != value) {
      return runtime_error(fmt::format(
          "lambda:invoke Qualifier '{}' contradicts the qualifier '{}' in FunctionName", value,
          function->qualifier));
    }
  }
  if (auto type = parameters.find("InvocationType"); type != parameters.end()) {
    if (!type->is_string() || *type != "RequestResponse")
      return runtime_error(fmt::format(
          "lambda:invoke InvocationType {} is not supported locally; only RequestResponse runs "
          "the function and waits for its result",
          to_compact(*type)));
  }
  auto payload = parameters.find("Payload");
  return InvokeRequest{std::move(*function),
                       payload == parameters.end() ? Json::object() : *payload};
}

Result<LambdaCall> read_lambda_call(std::string_view resource, const Json& input,
                                    std::string_view state) {
  Result<asl::Resource> parsed = asl::parse_resource(resource);
  if (!parsed) return parsed.error();
  if (parsed->kind == asl::ResourceKind::kLambdaFunction)
    return LambdaCall{false, std::string(resource), parsed->function, input};
  if (!parsed->is_lambda_invoke() || parsed->pattern != asl::IntegrationPattern::kRequestResponse)
    return asl::unsupported_integration(state, *parsed);
  Result<InvokeRequest> request = parse_invoke_parameters(input);
  if (!request) return request.error();
  return LambdaCall{true, input.at("FunctionName").get<std::string>(),
                    std::move(request->function), std::move(request->payload)};
}

Json make_invoke_response(Json function_result, const InvokeMetadata& metadata) {
  const std::string length = std::to_string(to_compact(function_result).size());
  const std::string date = http_date(metadata.date);
  const std::string& version = metadata.executed_version;
  const std::string& id = metadata.request_id;
  Json response = Json::object();
  response["ExecutedVersion"] = version;
  response["Payload"] = std::move(function_result);
  Json http = Json::object();
  http["AllHttpHeaders"] = all_http_headers(version, id, length, date);
  http["HttpHeaders"] = http_headers(version, id, length, date);
  http["HttpStatusCode"] = 200;
  response["SdkHttpMetadata"] = std::move(http);
  response["SdkResponseMetadata"] = Json{{"RequestId", id}};
  response["StatusCode"] = 200;
  return response;
}

std::string executed_version(const asl::FunctionRef& function) {
  const std::string& q = function.qualifier;
  bool numeric = !q.empty() && std::all_of(q.begin(), q.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
  return numeric ? q : "$LATEST";
}

std::string make_request_id(std::string_view seed) {
  std::uint64_t hi = fnv1a(seed, 14695981039346656037ULL);
  std::uint64_t lo = fnv1a(seed, hi);
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xFFFF,
                     hi & 0xFFFF, lo >> 48, lo & 0xFFFFFFFFFFFFULL);
}

std::string http_date(Timestamp t) {
  using namespace std::chrono;
  constexpr std::array<std::string_view, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed",
                                                         "Thu", "Fri", "Sat"};
  constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr",
                                                        "May", "Jun", "Jul", "Aug",
                                                        "Sep", "Oct", "Nov", "Dec"};
  auto day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss<seconds> hms{floor<seconds>(t - day)};
  return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
                     kWeekdays[weekday{day}.c_encoding()],
                     static_cast<unsigned>(ymd.day()),
                     kMonths[static_cast<unsigned>(ymd.month()) - 1],
                     static_cast<int>(ymd.year()), hms.hours().count(), hms.minutes().count(),
                     hms.seconds().count());
}

}  // namespace conflictctl::tasks

#include "aws/lambda_functions.h"

#include <fmt/format.h>

#include "aws/sigv4.h"
#include "core/base64.h"

namespace conflictctl::aws {
namespace {

constexpr std::string_view kFunctions = "/2015-03-31/functions";

std::string text(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

int number(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<int>() : 0;
}

DeployedFunction deployed(const Json& configuration) {
  DeployedFunction out;
  out.settings.name = text(configuration, "FunctionName");
  out.settings.role = text(configuration, "Role");
  out.settings.runtime = text(configuration, "Runtime");
  out.settings.handler = text(configuration, "Handler");
  out.settings.timeout_seconds = number(configuration, "Timeout");
  out.settings.memory_mb = number(configuration, "MemorySize");
  out.settings.architecture = "x86_64";  // Lambda's default when Architectures is absent
  if (auto it = configuration.find("Architectures");
      it != configuration.end() && it->is_array() && !it->empty() && it->front().is_string())
    out.settings.architecture = it->front().get<std::string>();
  out.settings.environment.emplace();
  if (auto it = configuration.find("Environment"); it != configuration.end() && it->is_object())
    if (auto variables = it->find("Variables"); variables != it->end() && variables->is_object())
      for (const auto& [name, value] : variables->items())
        if (value.is_string()) (*out.settings.environment)[name] = value.get<std::string>();
  out.arn = text(configuration, "FunctionArn");
  out.code_sha256 = text(configuration, "CodeSha256");
  out.state = text(configuration, "State");
  out.last_update = text(configuration, "LastUpdateStatus");
  return out;
}

Json configuration_request(const FunctionSettings& settings) {
  Json request{{"Role", settings.role},
               {"Runtime", settings.runtime},
               {"Handler", settings.handler},
               {"Timeout", settings.timeout_seconds},
               {"MemorySize", settings.memory_mb}};
  if (settings.environment)
    request["Environment"] = Json{{"Variables", Json(*settings.environment)}};
  return request;
}

std::string function_path(const std::string& name, std::string_view what) {
  return fmt::format("{}/{}/{}", kFunctions, uri_encode(name), what);
}

}  // namespace

std::string code_sha256(const std::string& zip) { return base64_encode(sha256_digest(zip)); }

Result<std::optional<DeployedFunction>> LambdaFunctions::get(const std::string& name) const {
  Result<Json> answer =
      client_.rest("GetFunctionConfiguration", "GET", function_path(name, "configuration"),
                   Json(nullptr));
  if (!answer) {
    if (answer.error().name == "Aws.ResourceNotFoundException")
      return std::optional<DeployedFunction>();
    return answer.error();
  }
  return std::optional<DeployedFunction>(deployed(*answer));
}

Result<DeployedFunction> LambdaFunctions::create(const FunctionSettings& settings,
                                                 const std::string& zip) const {
  Json request = configuration_request(settings);
  request["FunctionName"] = settings.name;
  request["Architectures"] = Json::array({settings.architecture});
  request["PackageType"] = "Zip";
  request["Code"] = Json{{"ZipFile", base64_encode(zip)}};
  Result<Json> answer = client_.rest("CreateFunction", "POST", kFunctions, request);
  if (!answer) return answer.error();
  return deployed(*answer);
}

Result<DeployedFunction> LambdaFunctions::update_code(const std::string& name,
                                                      const std::string& architecture,
                                                      const std::string& zip) const {
  const Json request{{"ZipFile", base64_encode(zip)},
                     {"Architectures", Json::array({architecture})}};
  Result<Json> answer =
      client_.rest("UpdateFunctionCode", "PUT", function_path(name, "code"), request);
  if (!answer) return answer.error();
  return deployed(*answer);
}

Result<DeployedFunction> LambdaFunctions::update_configuration(
    const FunctionSettings& settings) const {
  Result<Json> answer =
      client_.rest("UpdateFunctionConfiguration", "PUT",
                   function_path(settings.name, "configuration"),
                   configuration_request(settings));
  if (!answer) return answer.error();
  return deployed(*answer);
}

}  // namespace conflictctl::aws

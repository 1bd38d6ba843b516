#pragma once
// The Lambda control plane calls `conflictctl deploy` makes (API version 2015-03-31, REST-JSON,
// through aws/service_client.h): read a function's configuration, create a function, replace
// its code, change its configuration. Errors are aws/service_client.h's ("Aws.<Name>").
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aws/service_client.h"
#include "core/error.h"

namespace conflictctl::aws {

// The fields of a function deploy manages, as Lambda names them.
struct FunctionSettings {
  std::string name;     // FunctionName
  std::string role;     // Role (an IAM role ARN)
  std::string runtime;  // Runtime: "provided.al2023"
  std::string handler;  // Handler: the plugin name
  int timeout_seconds = 0;   // Timeout
  int memory_mb = 0;         // MemorySize
  std::string architecture;  // Architectures[0]: "x86_64" or "arm64"
  // Environment.Variables. Deployed: always set (empty when the function has none). Sent:
  // nullopt leaves the function's environment as it is; a map replaces it whole.
  std::optional<std::map<std::string, std::string>> environment;
};

struct DeployedFunction {
  FunctionSettings settings;
  std::string arn;           // FunctionArn
  std::string code_sha256;   // CodeSha256: base64 of the zip's SHA-256
  std::string state;         // State: "Pending", "Active", "Failed", …
  std::string last_update;   // LastUpdateStatus: "InProgress", "Successful", "Failed"
};

class LambdaFunctions {
 public:
  explicit LambdaFunctions(const ServiceClient& client) : client_(client) {}

  // GetFunctionConfiguration; nullopt when the function does not exist.
  Result<std::optional<DeployedFunction>> get(const std::string& name) const;
  // CreateFunction with the zip's bytes.
  Result<DeployedFunction> create(const FunctionSettings& settings, const std::string& zip) const;
  // UpdateFunctionCode (ZipFile, Architectures).
  Result<DeployedFunction> update_code(const std::string& name, const std::string& architecture,
                                       const std::string& zip) const;
  // UpdateFunctionConfiguration (Role, Runtime, Handler, Timeout, MemorySize, and Environment
  // when settings.environment is set).
  Result<DeployedFunction> update_configuration(const FunctionSettings& settings) const;

 private:
  const ServiceClient& client_;
};

// Lambda's CodeSha256 of a zip: base64 of its SHA-256.
std::string code_sha256(const std::string& zip);

}  // namespace conflictctl::aws

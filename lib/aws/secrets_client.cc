#include "aws/secrets_client.h"

#include "core/base64.h"

namespace conflictctl::aws {
namespace {

std::string text(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

Result<SecretValue> SecretsClient::get_secret_value(const std::string& secret_id) const {
  Result<Json> answer = client_.json("GetSecretValue", Json{{"SecretId", secret_id}});
  if (!answer) return answer.error();
  SecretValue out{text(*answer, "ARN"), text(*answer, "Name"), text(*answer, "VersionId"),
                  false, ""};
  if (auto it = answer->find("SecretString"); it != answer->end() && it->is_string()) {
    out.value = it->get<std::string>();
    return out;
  }
  if (auto it = answer->find("SecretBinary"); it != answer->end() && it->is_string()) {
    std::optional<std::string> bytes = base64_decode(it->get<std::string>());
    if (!bytes)
      return Error{"Aws.BadResponse",
                   "Secrets Manager GetSecretValue: SecretBinary is not base64"};
    out.binary = true;
    out.value = std::move(*bytes);
    return out;
  }
  return Error{"Aws.BadResponse",
               "Secrets Manager GetSecretValue: neither SecretString nor SecretBinary in the "
               "answer"};
}

}  // namespace conflictctl::aws

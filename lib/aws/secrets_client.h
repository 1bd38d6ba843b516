#pragma once
// Secrets Manager's GetSecretValue (awsJson1_1, X-Amz-Target "secretsmanager.GetSecretValue",
// through aws/service_client.h): how conflictctl reads the database password that
// POSTGRES_SECRET_ID names (db/database_secret.h) instead of keeping it in a variable.
//
// A secret holds either a SecretString (text: RDS writes JSON there) or a SecretBinary (bytes,
// base64 on the wire); the answer says which. The value is never put in an Error: errors are
// aws/service_client.h's, e.g. "Aws.ResourceNotFoundException" ("Secrets Manager can't find
// the specified secret."), "Aws.AccessDeniedException" (with the permission it needs,
// secretsmanager:GetSecretValue), "Aws.DecryptionFailure"; and Aws.BadResponse for an answer
// with neither value.
#include <string>

#include "aws/service_client.h"
#include "core/error.h"

namespace conflictctl::aws {

struct SecretValue {
  std::string arn;         // ARN: the full ARN, with Secrets Manager's 6-character suffix
  std::string name;        // Name
  std::string version_id;  // VersionId
  bool binary = false;     // true: the secret is a SecretBinary, `value` its decoded bytes
  std::string value;       // SecretString, or SecretBinary decoded; never logged
};

class SecretsClient {
 public:
  // `client` is a ServiceClient for Service::kSecretsManager; it must outlive this.
  explicit SecretsClient(const ServiceClient& client) : client_(client) {}

  // GetSecretValue of `secret_id` (a name or an ARN), its current version (AWSCURRENT).
  Result<SecretValue> get_secret_value(const std::string& secret_id) const;

 private:
  const ServiceClient& client_;
};

}  // namespace conflictctl::aws

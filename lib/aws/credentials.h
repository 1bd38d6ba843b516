#pragma once
// AWS credentials and region, found the way the AWS CLI and SDKs find them.
//
// Order (the first source that has an access key wins; the region is resolved separately):
//   1. AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN) in the environment;
//   2. the profile AWS_PROFILE (default "default") in the shared credentials file
//      AWS_SHARED_CREDENTIALS_FILE (default ~/.aws/credentials, section "[NAME]"), then in the
//      config file AWS_CONFIG_FILE (default ~/.aws/config, section "[profile NAME]", or
//      "[default]" for the default profile). Keys: aws_access_key_id, aws_secret_access_key,
//      aws_session_token.
// Region: AWS_REGION, then AWS_DEFAULT_REGION, then the profile's `region` in the config file
// (empty when none says; the caller decides, e.g. from a function ARN).
//
// Side effects are injected (`AwsEnvironment`), so tests run without touching the real
// environment or home directory; `system_environment()` is the real one.
// Not supported yet: credential_process, SSO, assume-role profiles, IMDS/ECS container
// credentials.
//
// Secrets: `Credentials::describe()` masks the secret and the token; no error message built
// here contains a value read from a file, only file names, line numbers and key names.
#include <functional>
#include <optional>
#include <string>

#include "core/error.h"

namespace conflictctl::aws {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;  // never printed
  std::string session_token;      // empty when not temporary credentials; never printed
  std::string source;             // where they came from, e.g. "environment", "/h/.aws/credentials [dev]"

  // "AKIA...MPLE (secret ****, session token ****) from environment": safe to log.
  std::string describe() const;
};

// `text` with every occurrence of the secret key and the session token replaced by "****": for
// messages that quote a server's answer (InvalidSignatureException may quote the canonical
// request, which holds the token).
std::string redact_secrets(std::string text, const Credentials& credentials);

// What credential resolution may look at. Both functions are plain values: copy freely.
struct AwsEnvironment {
  // The value of an environment variable, or nullopt when unset.
  std::function<std::optional<std::string>(const std::string& name)> variable;
  // The whole text of a file, or nullopt when it does not exist or cannot be read.
  std::function<std::optional<std::string>(const std::string& path)> read_file;
};

// The process environment (getenv) and the real file system.
AwsEnvironment system_environment();

// The credentials, or Error{"Aws.CredentialsError", ...}: one message naming the variables,
// files and profile it looked at; or Error{"Aws.ConfigError", "FILE:LINE: ..."} for a
// malformed credentials or config file.
Result<Credentials> resolve_credentials(const AwsEnvironment& env);

// The region ("" when nothing names one), or Error{"Aws.ConfigError", "FILE:LINE: ..."}.
Result<std::string> resolve_region(const AwsEnvironment& env);

}  // namespace conflictctl::aws

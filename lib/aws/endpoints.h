#pragma once
// Where each AWS service is reached, found as the AWS CLI and SDKs find it ("Service-specific
// endpoints" in the AWS SDKs and Tools Reference Guide):
//   1. AWS_ENDPOINT_URL_<SERVICE>, SERVICE being the service's identifier in upper case with
//      spaces as underscores: AWS_ENDPOINT_URL_LAMBDA, AWS_ENDPOINT_URL_SFN,
//      AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_ENDPOINT_URL_SCHEDULER;
//   2. AWS_ENDPOINT_URL, for every service;
//   3. the public endpoint "https://PREFIX.REGION.amazonaws.com" (lambda, states,
//      secretsmanager, scheduler).
// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true skips 1 and 2. An empty variable counts as unset.
// Not read yet: the shared config file's `endpoint_url` and `services` sections.
#include <string>
#include <string_view>

#include "aws/credentials.h"
#include "core/error.h"

namespace conflictctl::aws {

enum class Service { kLambda, kStepFunctions, kSecretsManager, kScheduler };

struct ServiceInfo {
  std::string_view display_name;  // "Step Functions", for messages
  std::string_view environment;   // "SFN": the suffix of AWS_ENDPOINT_URL_<SERVICE>
  std::string_view signing_name;  // "states": SigV4's service, and the endpoint's prefix
  std::string_view target_prefix;  // "AWSStepFunctions": X-Amz-Target of the JSON protocols
                                   // ("" for Lambda's REST-JSON)
  std::string_view json_version;   // "1.0": Content-Type application/x-amz-json-1.0
};

const ServiceInfo& service_info(Service service);

// The endpoint URL of `service`, as above. Error{"Aws.ConfigError", …} when none is configured
// and `region` is empty.
Result<std::string> service_endpoint(const AwsEnvironment& env, Service service,
                                     std::string_view region);

}  // namespace conflictctl::aws

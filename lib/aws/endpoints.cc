#include "aws/endpoints.h"

#include <optional>

#include <fmt/format.h>

namespace conflictctl::aws {

const ServiceInfo& service_info(Service service) {
  static const ServiceInfo lambda{"Lambda", "LAMBDA", "lambda", "", ""};
  static const ServiceInfo sfn{"Step Functions", "SFN", "states", "AWSStepFunctions", "1.0"};
  static const ServiceInfo secrets{"Secrets Manager", "SECRETS_MANAGER", "secretsmanager",
                                   "secretsmanager", "1.1"};
  static const ServiceInfo scheduler{"EventBridge Scheduler", "SCHEDULER", "scheduler", "", ""};
  switch (service) {
    case Service::kLambda: return lambda;
    case Service::kStepFunctions: return sfn;
    case Service::kSecretsManager: return secrets;
    case Service::kScheduler: return scheduler;
  }
  return lambda;
}

Result<std::string> service_endpoint(const AwsEnvironment& env, Service service,
                                     std::string_view region) {
  const ServiceInfo& info = service_info(service);
  const std::optional<std::string> ignore = env.variable("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
  if (!ignore || *ignore != "true") {
    for (const std::string& name :
         {fmt::format("AWS_ENDPOINT_URL_{}", info.environment), std::string("AWS_ENDPOINT_URL")})
      if (std::optional<std::string> value = env.variable(name); value && !value->empty())
        return *value;
  }
  if (region.empty())
    return Error{"Aws.ConfigError",
                 fmt::format("no AWS region for {}: set AWS_REGION (or AWS_DEFAULT_REGION, or "
                             "region in the profile)",
                             info.display_name)};
  return fmt::format("https://{}.{}.amazonaws.com", info.signing_name, region);
}

}  // namespace conflictctl::aws

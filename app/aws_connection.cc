#include "aws_connection.h"

#include <fmt/format.h>

#include "aws/credentials.h"
#include "exit_codes.h"

namespace conflictctl::app {

std::optional<CommandError> connect_aws(aws::Service service, const AwsCaller& caller,
                                        AwsConnection& into) {
  auto failed = [&](const std::string& cause) {
    return command_error(kInvalidInput, caller.prefix.empty()
                                            ? cause
                                            : fmt::format("{}: {}", caller.prefix, cause));
  };
  const aws::AwsEnvironment env = aws::system_environment();
  auto region = aws::resolve_region(env);
  if (!region) return failed(region.error().cause);
  if (region->empty()) return command_error(kInvalidInput, caller.no_region);
  auto credentials = aws::resolve_credentials(env);
  if (!credentials) return failed(credentials.error().cause);
  auto endpoint = aws::service_endpoint(env, service, *region);
  if (!endpoint) return failed(endpoint.error().cause);
  into.region = *region;
  into.http = aws::make_curl_client();
  into.client = std::make_unique<aws::ServiceClient>(
      *into.http, into.clock, service, aws::ServiceConfig{*credentials, *region, *endpoint, {}});
  return std::nullopt;
}

}  // namespace conflictctl::app

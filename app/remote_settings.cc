#include "remote_settings.h"

#include <fmt/format.h>

#include "aws/credentials.h"
#include "exit_codes.h"

namespace conflictctl::app {

void add_remote_options(CLI::App& command, RemoteOptions& options, CLI::Option* mock) {
  auto* remote = command.add_flag(
      "--remote", options.remote,
      "Invoke the real AWS Lambda functions the definition names instead of the in-process "
      "plugins (credentials and region as the AWS CLI finds them; AWS_ENDPOINT_URL_LAMBDA "
      "for a local emulator)");
  if (mock) remote->excludes(mock);
  command.add_option("--account-id", options.account_id,
                     "Fills ACCOUNT_ID in function ARNs with --remote (default: "
                     "$AWS_ACCOUNT_ID; without one, functions are invoked by name)")
      ->needs(remote);
}

CliResult<tasks::RemoteSettings> load_remote_settings(const RemoteOptions& options) {
  aws::AwsEnvironment env = aws::system_environment();
  auto credentials = aws::resolve_credentials(env);
  if (!credentials) return command_error(kInvalidInput, credentials.error().cause);
  auto region = aws::resolve_region(env);
  if (!region) return command_error(kInvalidInput, region.error().cause);
  if (region->empty())
    return command_error(kInvalidInput,
                         "--remote needs an AWS region: set AWS_REGION (or AWS_DEFAULT_REGION, "
                         "or region in the profile's config)");
  tasks::RemoteSettings settings;
  settings.lambda.credentials = std::move(*credentials);
  settings.lambda.region = std::move(*region);
  settings.lambda.endpoint = aws::endpoint_from_environment(env);
  settings.account_id = options.account_id;
  if (settings.account_id.empty()) settings.account_id = env.variable("AWS_ACCOUNT_ID").value_or("");
  return settings;
}

std::string describe_remote(const tasks::RemoteSettings& settings) {
  std::string endpoint = settings.lambda.endpoint.empty()
                             ? std::string()
                             : fmt::format(" (endpoint {})", settings.lambda.endpoint);
  return fmt::format("AWS Lambda in {}{}, credentials {}", settings.lambda.region, endpoint,
                     settings.lambda.credentials.describe());
}

}  // namespace conflictctl::app

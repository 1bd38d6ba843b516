#pragma once
// A signed client for one AWS service, set up as the AWS CLI sets it up: the region, the
// credentials and the endpoint (AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL) from the
// environment and the profile's files (aws/credentials.h, aws/endpoints.h), over libcurl.
// For the commands that call AWS: Step Functions (app/aws_runs.h), Secrets Manager for the
// database password (app/database_settings.h).
#include <memory>
#include <optional>
#include <string>

#include "aws/endpoints.h"
#include "aws/http.h"
#include "aws/service_client.h"
#include "command_error.h"
#include "core/clock.h"

namespace conflictctl::app {

struct AwsConnection {
  AwsConnection() = default;
  AwsConnection(const AwsConnection&) = delete;
  AwsConnection& operator=(const AwsConnection&) = delete;

  std::string region;
  std::unique_ptr<aws::HttpClient> http;
  SystemClock clock;
  std::unique_ptr<aws::ServiceClient> client;
};

// What the messages say of a failure: `prefix` (with ": ") before any cause, and the whole
// message when no region is set.
struct AwsCaller {
  std::string prefix;  // "" for none
  std::string no_region;
};

// Fills `into` (kept where it is: the client refers to its http and clock) and returns
// nullopt; else the CommandError, kInvalidInput, when no region is set or the credentials or
// the endpoint cannot be read.
std::optional<CommandError> connect_aws(aws::Service service, const AwsCaller& caller,
                                        AwsConnection& into);

}  // namespace conflictctl::app

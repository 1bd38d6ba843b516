#pragma once
// Running tasks on AWS Lambda (--remote, for execute, simulate and run): the options, and the
// Lambda settings the AWS CLI would use — credentials and region (aws/credentials.h), the
// endpoint override AWS_ENDPOINT_URL_LAMBDA / AWS_ENDPOINT_URL, the account id.
#include <CLI/CLI.hpp>

#include <string>

#include "command_error.h"
#include "tasks/remote_lambda.h"

namespace conflictctl::app {

struct RemoteOptions {
  bool remote = false;     // --remote
  std::string account_id;  // --account-id; Default: $AWS_ACCOUNT_ID
};

// Adds --remote and --account-id to `command`; --remote excludes `mock` when given.
void add_remote_options(CLI::App& command, RemoteOptions& options, CLI::Option* mock = nullptr);

// The settings from the environment and the AWS config files; without credentials or a region,
// kInvalidInput with one line saying what is missing.
CliResult<tasks::RemoteSettings> load_remote_settings(const RemoteOptions& options);

// "AWS Lambda in us-east-1 (endpoint http://127.0.0.1:9001), credentials AKIA…MPLE from
// environment": what a remote run says it talks to. No secret.
std::string describe_remote(const tasks::RemoteSettings& settings);

}  // namespace conflictctl::app

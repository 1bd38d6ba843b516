#include "deploy/function_environment.h"

#include <catch2/catch.hpp>

#include <map>

namespace conflictctl::deploy {
namespace {

const std::string kGroup = "arn:aws:logs:eu-west-1:123456789012:log-group:/states/daily:*";

tasks::Bindings bindings(const std::string& extra) {
  tasks::LoadedBindings loaded = tasks::parse_bindings(
      "name: daily\ndefinition: daily.asl.json\nfunctions:\n  f:\n    handler: h\n" + extra,
      "pipelines/daily.yaml");
  REQUIRE(loaded.diagnostics.empty());
  return *loaded.bindings;
}

db::Settings deployer(std::map<std::string, std::string, std::less<>> values) {
  auto env = [values = std::move(values)](std::string_view name) -> std::optional<std::string> {
    auto found = values.find(name);
    if (found == values.end()) return std::nullopt;
    return found->second;
  };
  return db::read_settings(env, "/nonexistent/conflictctl/.env").value();
}

TEST_CASE("the functions' environment: the bindings' values, else the deployer's settings") {
  const tasks::Bindings b = bindings("environment:\n  POSTGRES_SECRET_ID:\n  LOG_LEVEL: INFO\n"
                                     "  ENVIRONMENT:\n");
  auto environment = function_environment(
      b, deployer({{"POSTGRES_SECRET_ID", "prod/db"}, {"ENVIRONMENT", "prod"},
                   {"LOG_LEVEL", "DEBUG"}, {"POSTGRES_PASSWORD", "hunter2"}}));
  REQUIRE(environment);
  CHECK(**environment == Environment{{"ENVIRONMENT", "prod"},
                                     {"LOG_LEVEL", "INFO"},
                                     {"POSTGRES_SECRET_ID", "prod/db"}});

  auto missing = function_environment(b, deployer({{"ENVIRONMENT", "prod"}}));
  REQUIRE_FALSE(missing);
  CHECK(missing.error() ==
        Error{"Deploy.MissingSetting",
              "pipelines/daily.yaml:7:3: POSTGRES_SECRET_ID has no value in the bindings, and "
              "neither the environment nor .env sets it"});

  auto unmanaged = function_environment(bindings(""), deployer({}));
  REQUIRE(unmanaged);
  CHECK_FALSE(*unmanaged);
}

TEST_CASE("the state machine's logging: the bindings', the options over them") {
  CHECK_FALSE(*machine_logging(bindings(""), "", "", "eu-west-1", "123456789012"));

  const tasks::Bindings b = bindings(
      "logging:\n  level: ERROR\n  include_execution_data: true\n"
      "  log_group_arn: arn:aws:logs:REGION:ACCOUNT_ID:log-group:/states/daily:*\n");
  auto logging = machine_logging(b, "", "", "eu-west-1", "123456789012");
  REQUIRE(logging);
  CHECK(**logging == aws::StateMachineLogging{"ERROR", true, kGroup});
  auto all = machine_logging(b, "ALL", "", "eu-west-1", "123456789012");
  CHECK((*all)->level == "ALL");

  auto from_options = machine_logging(bindings(""), "FATAL", kGroup, "us-east-1", "1");
  REQUIRE(from_options);
  CHECK(**from_options == aws::StateMachineLogging{"FATAL", false, kGroup});

  CHECK(machine_logging(bindings(""), "ERROR", "", "eu-west-1", "1").error() ==
        Error{"Deploy.InvalidLogging",
              "logging level ERROR needs a log group: give --log-group-arn, or log_group_arn in "
              "the bindings' logging:"});
  CHECK(machine_logging(bindings(""), "", "arn:aws:logs:eu-west-1:1:log-group:x", "r", "1")
            .error() ==
        Error{"Deploy.InvalidLogging",
              "'arn:aws:logs:eu-west-1:1:log-group:x' is not a log group's ARN "
              "(arn:aws:logs:REGION:ACCOUNT_ID:log-group:NAME:*)"});
  // The options alone: OFF, with no log group, is allowed.
  CHECK(**machine_logging(bindings(""), "OFF", "", "r", "1") == aws::StateMachineLogging{});
}

TEST_CASE("a variable's value is hidden when its name looks secret") {
  CHECK(is_secret_variable("POSTGRES_PASSWORD"));
  CHECK(is_secret_variable("API_TOKEN"));
  CHECK(is_secret_variable("MY_SECRET_KEY"));
  CHECK_FALSE(is_secret_variable("POSTGRES_SECRET_ID"));
  CHECK_FALSE(is_secret_variable("LOG_LEVEL"));
}

}  // namespace
}  // namespace conflictctl::deploy

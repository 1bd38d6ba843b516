#include "aws/credentials.h"

#include <catch2/catch.hpp>

#include <map>

namespace conflictctl::aws {
namespace {

// An environment and a file system held in maps.
struct FakeEnvironment {
  std::map<std::string, std::string> variables{{"HOME", "/home/u"}};
  std::map<std::string, std::string> files;

  AwsEnvironment env() const {
    return AwsEnvironment{
        [this](const std::string& name) -> std::optional<std::string> {
          auto it = variables.find(name);
          if (it == variables.end()) return std::nullopt;
          return it->second;
        },
        [this](const std::string& path) -> std::optional<std::string> {
          auto it = files.find(path);
          if (it == files.end()) return std::nullopt;
          return it->second;
        }};
  }
};

const char* kCredentialsFile = R"(# shared credentials
[default]
aws_access_key_id = AKIADEFAULTEXAMPLE
aws_secret_access_key = default/secret/EXAMPLEKEY

[dev]
aws_access_key_id=AKIADEVEXAMPLE00
aws_secret_access_key=dev/secret/EXAMPLEKEY
aws_session_token = devTOKEN
)";

const char* kConfigFile = R"([default]
region = eu-west-1

[profile dev]
region = us-west-2
s3 =
  max_concurrent_requests = 20

[profile ops]
region = ap-south-1
aws_access_key_id = AKIAOPSEXAMPLE000
aws_secret_access_key = ops/secret/EXAMPLEKEY

[ops]
region = sa-east-1
)";

FakeEnvironment with_files() {
  FakeEnvironment fake;
  fake.files["/home/u/.aws/credentials"] = kCredentialsFile;
  fake.files["/home/u/.aws/config"] = kConfigFile;
  return fake;
}

TEST_CASE("credentials: the environment's keys come before any profile") {
  FakeEnvironment fake = with_files();
  fake.variables["AWS_ACCESS_KEY_ID"] = "AKIAENVEXAMPLE000";
  fake.variables["AWS_SECRET_ACCESS_KEY"] = "env/secret";
  fake.variables["AWS_SESSION_TOKEN"] = "envTOKEN";
  fake.variables["AWS_PROFILE"] = "dev";
  Result<Credentials> c = resolve_credentials(fake.env());
  REQUIRE(c);
  CHECK(c->access_key_id == "AKIAENVEXAMPLE000");
  CHECK(c->secret_access_key == "env/secret");
  CHECK(c->session_token == "envTOKEN");
  CHECK(c->describe() == "AKIA...E000 (secret ****, session token ****) from environment");

  fake.variables.erase("AWS_SECRET_ACCESS_KEY");
  c = resolve_credentials(fake.env());
  REQUIRE_FALSE(c);
  CHECK(c.error() == Error{"Aws.CredentialsError",
                           "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"});
}

TEST_CASE("credentials: AWS_PROFILE picks the section of the shared credentials file") {
  FakeEnvironment fake = with_files();
  Result<Credentials> c = resolve_credentials(fake.env());
  REQUIRE(c);
  CHECK(c->access_key_id == "AKIADEFAULTEXAMPLE");
  CHECK(c->session_token.empty());
  CHECK(c->source == "/home/u/.aws/credentials [default]");

  fake.variables["AWS_PROFILE"] = "dev";
  c = resolve_credentials(fake.env());
  REQUIRE(c);
  CHECK(c->access_key_id == "AKIADEVEXAMPLE00");
  CHECK(c->secret_access_key == "dev/secret/EXAMPLEKEY");
  CHECK(c->session_token == "devTOKEN");
  CHECK(c->describe() ==
        "AKIA...LE00 (secret ****, session token ****) from /home/u/.aws/credentials [dev]");
}

TEST_CASE("credentials: the config file's [profile NAME] holds keys, not its [NAME]") {
  FakeEnvironment fake = with_files();
  fake.variables["AWS_PROFILE"] = "ops";
  Result<Credentials> c = resolve_credentials(fake.env());
  REQUIRE(c);
  CHECK(c->access_key_id == "AKIAOPSEXAMPLE000");
  CHECK(c->source == "/home/u/.aws/config [ops]");
  Result<std::string> region = resolve_region(fake.env());
  REQUIRE(region);
  CHECK(*region == "ap-south-1");  // not sa-east-1 from "[ops]"
}

TEST_CASE("credentials: file locations come from AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE") {
  FakeEnvironment fake;
  fake.variables["AWS_SHARED_CREDENTIALS_FILE"] = "/etc/creds";
  fake.variables["AWS_CONFIG_FILE"] = "/etc/conf";
  fake.files["/etc/creds"] = "[default]\naws_access_key_id = AKIAETCEXAMPLE00\naws_secret_access_key = s\n";
  fake.files["/etc/conf"] = "[default]\nregion = ca-central-1\n";
  Result<Credentials> c = resolve_credentials(fake.env());
  REQUIRE(c);
  CHECK(c->source == "/etc/creds [default]");
  CHECK(*resolve_region(fake.env()) == "ca-central-1");
}

TEST_CASE("credentials: region from AWS_REGION, then AWS_DEFAULT_REGION, then the profile") {
  FakeEnvironment fake = with_files();
  CHECK(*resolve_region(fake.env()) == "eu-west-1");
  fake.variables["AWS_PROFILE"] = "dev";
  CHECK(*resolve_region(fake.env()) == "us-west-2");
  fake.variables["AWS_DEFAULT_REGION"] = "eu-north-1";
  CHECK(*resolve_region(fake.env()) == "eu-north-1");
  fake.variables["AWS_REGION"] = "eu-central-1";
  CHECK(*resolve_region(fake.env()) == "eu-central-1");

  FakeEnvironment empty;
  CHECK(*resolve_region(empty.env()) == "");
}

TEST_CASE("credentials: a malformed file is reported with its name and line, never its text") {
  FakeEnvironment fake = with_files();
  fake.files["/home/u/.aws/credentials"] =
      "[default]\naws_access_key_id = AKIAEXAMPLE\n\nwJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n";
  Result<Credentials> c = resolve_credentials(fake.env());
  REQUIRE_FALSE(c);
  CHECK(c.error() == Error{"Aws.ConfigError", "/home/u/.aws/credentials:4: expected \"[section]\" "
                                              "or \"key = value\""});

  fake.files["/home/u/.aws/config"] = "region = x\n";
  Result<std::string> region = resolve_region(fake.env());
  REQUIRE_FALSE(region);
  CHECK(region.error().cause == "/home/u/.aws/config:1: a setting before any [section]");

  fake.files["/home/u/.aws/config"] = "# c\n[profile dev\n";
  region = resolve_region(fake.env());
  REQUIRE_FALSE(region);
  CHECK(region.error().cause == "/home/u/.aws/config:2: a section header must end with ']'");
}

TEST_CASE("credentials: none found gives one message naming where it looked") {
  FakeEnvironment fake;
  fake.variables["AWS_PROFILE"] = "prod";
  fake.files["/home/u/.aws/config"] = "[profile prod]\nregion = us-east-1\n";
  Result<Credentials> c = resolve_credentials(fake.env());
  REQUIRE_FALSE(c);
  CHECK(c.error() ==
        Error{"Aws.CredentialsError",
              "no AWS credentials found: AWS_ACCESS_KEY_ID is not set, and profile \"prod\" has no "
              "aws_access_key_id in /home/u/.aws/credentials (not found) or /home/u/.aws/config"});

  fake.files["/home/u/.aws/credentials"] = "[prod]\naws_access_key_id = AKIAPRODEXAMPLE\n";
  c = resolve_credentials(fake.env());
  REQUIRE_FALSE(c);
  CHECK(c.error().cause ==
        "/home/u/.aws/credentials [prod] has aws_access_key_id but no aws_secret_access_key");
}

TEST_CASE("credentials: describe() masks a short key and never shows the secret") {
  const Credentials c{"AKIA", "topsecret", "", "test"};
  CHECK(c.describe() == "**** (secret ****) from test");
  CHECK(c.describe().find("topsecret") == std::string::npos);
}

}  // namespace
}  // namespace conflictctl::aws

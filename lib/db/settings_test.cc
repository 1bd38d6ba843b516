#include "db/settings.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <map>

#include <unistd.h>

using namespace conflictctl;
using namespace conflictctl::db;

namespace {

EnvLookup env_of(std::map<std::string, std::string, std::less<>> values) {
  return [values = std::move(values)](std::string_view name) -> std::optional<std::string> {
    auto found = values.find(name);
    if (found == values.end()) return std::nullopt;
    return found->second;
  };
}

// A .env file in the working directory, removed at the end of the test.
struct TempDotenv {
  std::string path = "settings_test_" + std::to_string(::getpid()) + ".env";
  explicit TempDotenv(const std::string& text) { std::ofstream(path) << text; }
  ~TempDotenv() { std::remove(path.c_str()); }
};

const std::string kNoFile = "/nonexistent/conflictctl/.env";

}  // namespace

TEST_CASE("settings: defaults when nothing is set") {
  auto settings = load_settings(env_of({}), kNoFile);
  REQUIRE(settings.ok());
  CHECK(settings->host == "127.0.0.1");
  CHECK(settings->port == 5432);
  CHECK(settings->database.empty());
  CHECK(settings->user.empty());
  CHECK(settings->schemas.conflict == "conflict");
  CHECK(settings->schemas.analytics == "analytics");
  CHECK(settings->max_workers == 4);
  CHECK(settings->log_level == "WARNING");
}

TEST_CASE("settings: the environment wins over the .env file") {
  TempDotenv file(
      "POSTGRES_HOST=file-host\nPOSTGRES_PORT=6000\nPOSTGRES_DATABASE=filedb\n"
      "POSTGRES_USER=fileuser\nPOSTGRES_PASSWORD='s3cr#t'\nMAX_WORKERS=8\n");
  auto settings = load_settings(env_of({{"POSTGRES_HOST", "env-host"}, {"POSTGRES_USER", "envuser"}}),
                                file.path);
  REQUIRE(settings.ok());
  CHECK(settings->host == "env-host");
  CHECK(settings->port == 6000);
  CHECK(settings->database == "filedb");
  CHECK(settings->user == "envuser");
  CHECK(settings->password == "s3cr#t");
  CHECK(settings->max_workers == 8);
}

TEST_CASE("settings: describe() never shows the password") {
  ConnectionSettings settings;
  settings.user = "alice";
  settings.database = "reports";
  settings.password = "hunter2";
  CHECK(settings.describe() == "alice@127.0.0.1:5432/reports");
}

TEST_CASE("settings: bad values name the variable") {
  auto problem = [](std::map<std::string, std::string, std::less<>> env) {
    auto settings = load_settings(env_of(std::move(env)), kNoFile);
    REQUIRE_FALSE(settings.ok());
    CHECK(settings.error().name == "Configuration.Invalid");
    return settings.error().cause;
  };
  CHECK(problem({{"POSTGRES_PORT", "54x"}}) ==
        "POSTGRES_PORT must be a port number (1-65535), got \"54x\"");
  CHECK(problem({{"POSTGRES_PORT", "70000"}}) ==
        "POSTGRES_PORT must be a port number (1-65535), got \"70000\"");
  CHECK(problem({{"MAX_WORKERS", "0"}}) == "MAX_WORKERS must be a whole number from 1 to 64, got \"0\"");
  CHECK(problem({{"MAX_WORKERS", "65"}}) == "MAX_WORKERS must be a whole number from 1 to 64, got \"65\"");
  CHECK(problem({{"POSTGRES_CONFLICT_SCHEMA", ""}}) ==
        "POSTGRES_CONFLICT_SCHEMA must be 1 to 63 bytes without NUL, got 0 bytes");
  CHECK(problem({{"POSTGRES_ANALYTICS_SCHEMA", "conflict"}}) ==
        "POSTGRES_CONFLICT_SCHEMA and POSTGRES_ANALYTICS_SCHEMA must differ, both are \"conflict\"");
}

TEST_CASE("settings: a malformed .env line is reported with its place") {
  TempDotenv file("POSTGRES_HOST=x\n\nPOSTGRES_PORT\n");
  auto settings = load_settings(env_of({}), file.path);
  REQUIRE_FALSE(settings.ok());
  CHECK(settings.error().cause ==
        file.path +
            ":3: expected KEY=VALUE, found no '=' (the line is not shown: it may hold a secret)");
}

TEST_CASE("settings: a required .env file must exist") {
  auto settings = load_settings(env_of({}), kNoFile, /*dotenv_required=*/true);
  REQUIRE_FALSE(settings.ok());
  CHECK(settings.error().cause == kNoFile + ": no such file");
}

// Regression (issue 14): there was no way to ask for TLS, so libpq's `prefer` silently
// accepted an unencrypted or unauthenticated connection.
TEST_CASE("settings: POSTGRES_SSLMODE and POSTGRES_SSLROOTCERT, the mode checked") {
  auto unset = load_settings(env_of({}), kNoFile);
  REQUIRE(unset.ok());
  CHECK(unset->sslmode.empty());
  CHECK(unset->sslrootcert.empty());

  for (const char* mode : kSslModes) {
    auto settings = load_settings(
        env_of({{"POSTGRES_SSLMODE", mode}, {"POSTGRES_SSLROOTCERT", "/etc/ssl/db-ca.pem"}}),
        kNoFile);
    REQUIRE(settings.ok());
    CHECK(settings->sslmode == mode);
    CHECK(settings->sslrootcert == "/etc/ssl/db-ca.pem");
  }
  auto bad = load_settings(env_of({{"POSTGRES_SSLMODE", "verify_full"}}), kNoFile);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error() ==
        Error{"Configuration.Invalid",
              "POSTGRES_SSLMODE must be one of disable, allow, prefer, require, verify-ca, "
              "verify-full, got \"verify_full\" (verify-full is the one to use for a database "
              "on a network)"});
}

TEST_CASE("settings: one loader for every setting, each with where it came from") {
  TempDotenv file(
      "# deployment\nENVIRONMENT=staging\nLOG_LEVEL=DEBUG\nCONFLICTCTL_STATE_DIR=/srv/state\n"
      "POSTGRES_PASSWORD=from-file\nPOSTGRES_USER=fileuser\nUNKNOWN_NAME=x\n");
  auto settings = read_settings(
      env_of({{"POSTGRES_USER", "envuser"}, {"CONFLICTCTL_PIPELINES_DIR", "/opt/pipelines"}}),
      file.path);
  REQUIRE(settings.ok());
  CHECK(settings->get("ENVIRONMENT") == "staging");
  CHECK(settings->where("ENVIRONMENT") == file.path + ":2");
  CHECK(settings->get("LOG_LEVEL") == "DEBUG");
  CHECK(settings->where("CONFLICTCTL_STATE_DIR") == file.path + ":4");
  CHECK(settings->get("CONFLICTCTL_PIPELINES_DIR") == "/opt/pipelines");
  CHECK(settings->where("CONFLICTCTL_PIPELINES_DIR") == "environment");
  CHECK(settings->get("POSTGRES_USER") == "envuser");  // the environment wins
  CHECK(settings->where("POSTGRES_USER") == "environment");
  CHECK(settings->get("POSTGRES_HOST") == std::nullopt);
  CHECK(settings->where("POSTGRES_HOST") == "default");
  CHECK(settings->get("UNKNOWN_NAME") == std::nullopt);  // only the settings conflictctl reads
  // The password is read, and never shown.
  CHECK(settings->get("POSTGRES_PASSWORD") == "from-file");
  CHECK(settings->shown("POSTGRES_PASSWORD") == "********");
  CHECK(settings->shown("POSTGRES_USER") == "envuser");

  auto connection = connection_settings(*settings);
  REQUIRE(connection.ok());
  CHECK(connection->log_level == "DEBUG");
  CHECK(connection->user == "envuser");
  CHECK(connection->password == "from-file");
}

TEST_CASE("settings: the defaults config shows are the ones the settings take") {
  ConnectionSettings defaults;
  CHECK(default_setting("POSTGRES_HOST") == defaults.host);
  CHECK(default_setting("POSTGRES_PORT") == "5432");
  CHECK(default_setting("POSTGRES_CONFLICT_SCHEMA") == "conflict");
  CHECK(default_setting("POSTGRES_ANALYTICS_SCHEMA") == "analytics");
  CHECK(default_setting("MAX_WORKERS") == "4");
  CHECK(default_setting("LOG_LEVEL") == "WARNING");
  CHECK(default_setting("POSTGRES_PASSWORD").empty());
  CHECK(default_setting("ENVIRONMENT").empty());
}

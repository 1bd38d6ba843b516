#include "db/database_secret.h"

#include <catch2/catch.hpp>

#include <map>
#include <variant>

using namespace conflictctl;
using namespace conflictctl::db;

namespace {

const std::string kNoFile = "/nonexistent/conflictctl/.env";
const std::string kPassword = "s3cr3t-Pa55/w0rd";
const std::string kRdsSecret =
    R"({"username": "app", "password": "s3cr3t-Pa55/w0rd", "engine": "postgres",
        "host": "db.example.eu-west-1.rds.amazonaws.com", "port": 5432, "dbname": "conflicts",
        "dbInstanceIdentifier": "conflicts-db"})";

Settings settings_of(std::map<std::string, std::string, std::less<>> values) {
  auto env = [values = std::move(values)](std::string_view name) -> std::optional<std::string> {
    auto found = values.find(name);
    if (found == values.end()) return std::nullopt;
    return found->second;
  };
  return read_settings(env, kNoFile).value();
}

// The connection settings of `values` with `secret` applied, or the error's cause.
std::variant<ConnectionSettings, std::string> applied(
    std::map<std::string, std::string, std::less<>> values, const std::string& secret) {
  values.emplace("POSTGRES_SECRET_ID", "conflict-report/db");
  const Settings settings = settings_of(values);
  ConnectionSettings connection = connection_settings(settings).value();
  auto done = apply_database_secret(connection, settings, secret);
  if (!done) return done.error().cause;
  return connection;
}

}  // namespace

TEST_CASE("database secret: the RDS secret gives every connection field") {
  auto result = applied({}, kRdsSecret);
  REQUIRE(std::holds_alternative<ConnectionSettings>(result));
  const auto& s = std::get<ConnectionSettings>(result);
  CHECK(s.describe() == "app@db.example.eu-west-1.rds.amazonaws.com:5432/conflicts");
  CHECK(s.password == kPassword);
  CHECK(s.secret_id == "conflict-report/db");
}

TEST_CASE("database secret: an explicit POSTGRES_* variable wins over the secret's field") {
  auto result = applied({{"POSTGRES_HOST", "proxy.example"}, {"POSTGRES_PORT", "6432"},
                         {"POSTGRES_DATABASE", "other"}, {"POSTGRES_USER", "reader"}},
                        kRdsSecret);
  REQUIRE(std::holds_alternative<ConnectionSettings>(result));
  const auto& s = std::get<ConnectionSettings>(result);
  CHECK(s.describe() == "reader@proxy.example:6432/other");
  CHECK(s.password == kPassword);

  // A secret with only the password: the rest from the variables and the defaults; the port
  // may be text.
  auto minimal = applied({{"POSTGRES_DATABASE", "d"}, {"POSTGRES_USER", "u"}},
                         R"({"password": "pw", "port": "5433"})");
  REQUIRE(std::holds_alternative<ConnectionSettings>(minimal));
  CHECK(std::get<ConnectionSettings>(minimal).describe() == "u@127.0.0.1:5433/d");
}

TEST_CASE("database secret: POSTGRES_PASSWORD beside POSTGRES_SECRET_ID is refused") {
  const Settings settings =
      settings_of({{"POSTGRES_SECRET_ID", "db"}, {"POSTGRES_PASSWORD", kPassword}});
  auto connection = connection_settings(settings);
  REQUIRE_FALSE(connection);
  CHECK(connection.error() ==
        Error{"Configuration.Invalid",
              "POSTGRES_PASSWORD and POSTGRES_SECRET_ID are both set: with a secret the "
              "password comes from the secret; unset POSTGRES_PASSWORD (environment)"});
  // An empty POSTGRES_PASSWORD (a `POSTGRES_PASSWORD=` line in .env) is no conflict.
  CHECK(connection_settings(settings_of({{"POSTGRES_SECRET_ID", "db"},
                                         {"POSTGRES_PASSWORD", ""}})));
}

TEST_CASE("database secret: a malformed secret is named, never quoted") {
  const std::string prefix = "the secret \"conflict-report/db\" (POSTGRES_SECRET_ID) ";
  const auto cause = [](const std::string& secret) {
    auto result = applied({}, secret);
    return std::holds_alternative<std::string>(result) ? std::get<std::string>(result)
                                                       : std::string("(applied)");
  };
  CHECK(cause(kPassword) ==
        prefix + "is not a JSON object: conflictctl reads the JSON RDS writes (username, "
                 "password, host, port, dbname, engine)");
  CHECK(cause(R"({"password": "s3cr3t-Pa55/w0rd)") ==
        prefix + "is not a JSON object: conflictctl reads the JSON RDS writes (username, "
                 "password, host, port, dbname, engine)");
  CHECK(cause(R"({"username": "app"})") == prefix + "has no \"password\"");
  CHECK(cause(R"({"password": 12345})") == prefix + "has a \"password\" that is not text");
  CHECK(cause(R"({"password": "x", "port": 70000})") ==
        prefix + "has a \"port\" that is not a port number (1-65535)");
  CHECK(cause(R"({"password": "x", "port": "54x"})") ==
        prefix + "has a \"port\" that is not a port number (1-65535)");
  CHECK(cause(R"({"password": "x", "engine": "mysql"})") ==
        prefix + "is for the engine \"mysql\", not PostgreSQL (postgres or aurora-postgresql)");
  CHECK(cause(R"({"password": "x", "engine": "aurora-postgresql"})") == "(applied)");
}

#include "db/database_secret.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <iterator>
#include <optional>
#include <string>

#include "core/json.h"

namespace conflictctl::db {
namespace {

// The engines RDS names for PostgreSQL (the secret's "engine").
constexpr std::string_view kPostgresEngines[] = {"postgres", "aurora-postgresql"};

Error invalid(const ConnectionSettings& settings, std::string_view what) {
  return Error{"Configuration.Invalid",
               fmt::format("the secret \"{}\" (POSTGRES_SECRET_ID) {}", settings.secret_id, what)};
}

// The string at `key`: nullopt when absent; an Error when it is not a string.
Result<std::optional<std::string>> text_field(const ConnectionSettings& settings,
                                              const Json& secret, const char* key) {
  auto it = secret.find(key);
  if (it == secret.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return invalid(settings, fmt::format("has a \"{}\" that is not text", key));
  return std::optional<std::string>(it->get<std::string>());
}

Result<std::optional<int>> port_field(const ConnectionSettings& settings, const Json& secret) {
  auto it = secret.find("port");
  if (it == secret.end() || it->is_null()) return std::optional<int>();
  std::optional<long long> port;
  if (it->is_number_integer()) {
    port = it->get<long long>();
  } else if (it->is_string()) {
    const std::string text = it->get<std::string>();
    long long value = 0;
    auto [stop, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (!text.empty() && error == std::errc() && stop == text.data() + text.size()) port = value;
  }
  if (!port || *port < 1 || *port > 65535)
    return invalid(settings, "has a \"port\" that is not a port number (1-65535)");
  return std::optional<int>(static_cast<int>(*port));
}

}  // namespace

Result<void> apply_database_secret(ConnectionSettings& settings, const Settings& explicit_settings,
                                   std::string_view secret_text) {
  const Json secret = Json::parse(secret_text, nullptr, /*allow_exceptions=*/false);
  if (!secret.is_object())
    return invalid(settings, "is not a JSON object: conflictctl reads the JSON RDS writes "
                             "(username, password, host, port, dbname, engine)");
  auto password = text_field(settings, secret, "password");
  if (!password) return password.error();
  if (!*password || (*password)->empty())
    return invalid(settings, "has no \"password\"");
  auto engine = text_field(settings, secret, "engine");
  if (!engine) return engine.error();
  if (*engine && std::find(std::begin(kPostgresEngines), std::end(kPostgresEngines), **engine) ==
                     std::end(kPostgresEngines))
    return invalid(settings, fmt::format("is for the engine \"{}\", not PostgreSQL (postgres or "
                                         "aurora-postgresql)",
                                         **engine));
  auto host = text_field(settings, secret, "host");
  if (!host) return host.error();
  auto database = text_field(settings, secret, "dbname");
  if (!database) return database.error();
  auto user = text_field(settings, secret, "username");
  if (!user) return user.error();
  auto port = port_field(settings, secret);
  if (!port) return port.error();

  // An explicit setting wins; the secret fills what is not set.
  auto fill = [&](std::string_view name, std::string& field,
                  const std::optional<std::string>& value) {
    if (value && !explicit_settings.get(name)) field = *value;
  };
  fill("POSTGRES_HOST", settings.host, *host);
  fill("POSTGRES_DATABASE", settings.database, *database);
  fill("POSTGRES_USER", settings.user, *user);
  if (*port && !explicit_settings.get("POSTGRES_PORT")) settings.port = **port;
  settings.password = **password;
  return {};
}

}  // namespace conflictctl::db

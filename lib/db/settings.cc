#include "db/settings.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <iterator>
#include <string_view>
#include <cstdlib>

#include "core/logger.h"
#include "db/dotenv.h"

namespace conflictctl::db {
namespace {

Error invalid(std::string cause) { return Error{"Configuration.Invalid", std::move(cause)}; }

// `text` as an integer in [low, high]; nullopt when it is not one.
std::optional<int> parse_int(const std::string& text, int low, int high) {
  int value = 0;
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end || value < low || value > high)
    return std::nullopt;
  return value;
}

}  // namespace

std::string ConnectionSettings::describe() const {
  return fmt::format("{}@{}:{}/{}", user, host, port, database);
}

std::vector<std::string_view> missing_settings(const ConnectionSettings& settings) {
  std::vector<std::string_view> missing;
  if (settings.host.empty()) missing.push_back("POSTGRES_HOST");
  if (settings.database.empty()) missing.push_back("POSTGRES_DATABASE");
  if (settings.user.empty()) missing.push_back("POSTGRES_USER");
  if (settings.password.empty()) missing.push_back("POSTGRES_PASSWORD");
  return missing;
}

std::string missing_settings_message(const std::vector<std::string_view>& missing) {
  return fmt::format("missing settings: {} (set them in the environment or in .env; see "
                     ".env.example)",
                     fmt::join(missing, ", "));
}

EnvLookup process_environment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (!value) return std::nullopt;
    return std::string(value);
  };
}

std::optional<std::string> Settings::get(std::string_view name) const {
  auto found = values_.find(name);
  if (found == values_.end()) return std::nullopt;
  return found->second.text;
}

Settings::Value Settings::value(std::string_view name) const {
  auto found = values_.find(name);
  return found == values_.end() ? Value{} : found->second;
}

std::string Settings::where(std::string_view name) const {
  Value v = value(name);
  switch (v.source) {
    case SettingSource::kEnvironment: return "environment";
    case SettingSource::kDotenv: return fmt::format("{}:{}", dotenv_path_, v.line);
    case SettingSource::kDefault: break;
  }
  return "default";
}

std::string Settings::shown(std::string_view name) const {
  auto text = get(name);
  if (!text) return "";
  for (const SettingName& setting : kSettingNames)
    if (setting.name == name && setting.secret) return mask_secret(*text);
  return *text;
}

Result<Settings> read_settings(const EnvLookup& env, const std::string& dotenv_path,
                               bool dotenv_required) {
  DotenvLines lines;
  auto file = read_dotenv(dotenv_path, &lines);
  if (!file) return file.error();
  if (!file->has_value() && dotenv_required)
    return invalid(fmt::format("{}: no such file", dotenv_path));
  Settings settings;
  if (file->has_value()) settings.dotenv_path_ = dotenv_path;
  for (const SettingName& setting : kSettingNames) {
    if (auto value = env(setting.name)) {
      settings.values_.emplace(std::string(setting.name),
                               Settings::Value{*value, SettingSource::kEnvironment, 0});
    } else if (file->has_value()) {
      if (auto found = (**file).find(setting.name); found != (**file).end())
        settings.values_.emplace(
            std::string(setting.name),
            Settings::Value{found->second, SettingSource::kDotenv, lines[found->first]});
    }
  }
  return settings;
}

Result<ConnectionSettings> load_settings(const EnvLookup& env, const std::string& dotenv_path,
                                         bool dotenv_required) {
  auto settings = read_settings(env, dotenv_path, dotenv_required);
  if (!settings) return settings.error();
  return connection_settings(*settings);
}

std::string default_setting(std::string_view name) {
  const ConnectionSettings defaults;
  if (name == "LOG_LEVEL") return defaults.log_level;
  if (name == "POSTGRES_HOST") return defaults.host;
  if (name == "POSTGRES_PORT") return std::to_string(defaults.port);
  if (name == "POSTGRES_CONFLICT_SCHEMA") return defaults.schemas.conflict;
  if (name == "POSTGRES_ANALYTICS_SCHEMA") return defaults.schemas.analytics;
  if (name == "POSTGRES_SSLMODE") return "libpq's default (prefer)";
  if (name == "POSTGRES_SSLROOTCERT") return "libpq's default (~/.postgresql/root.crt)";
  if (name == "MAX_WORKERS") return std::to_string(defaults.max_workers);
  return "";
}

Result<ConnectionSettings> connection_settings(const Settings& from) {
  auto lookup = [&](std::string_view name) { return from.get(name); };

  ConnectionSettings settings;
  if (auto v = lookup("POSTGRES_HOST")) settings.host = *v;
  if (auto v = lookup("POSTGRES_PORT")) {
    auto port = parse_int(*v, 1, 65535);
    if (!port) return invalid(fmt::format("POSTGRES_PORT must be a port number (1-65535), got \"{}\"", *v));
    settings.port = *port;
  }
  if (auto v = lookup("POSTGRES_DATABASE")) settings.database = *v;
  if (auto v = lookup("POSTGRES_USER")) settings.user = *v;
  if (auto v = lookup("POSTGRES_PASSWORD")) settings.password = *v;
  if (auto v = lookup("POSTGRES_CONFLICT_SCHEMA")) settings.schemas.conflict = *v;
  if (auto v = lookup("POSTGRES_ANALYTICS_SCHEMA")) settings.schemas.analytics = *v;
  if (auto ok = check_schema_name("POSTGRES_CONFLICT_SCHEMA", settings.schemas.conflict); !ok)
    return ok.error();
  if (auto ok = check_schema_name("POSTGRES_ANALYTICS_SCHEMA", settings.schemas.analytics); !ok)
    return ok.error();
  if (settings.schemas.conflict == settings.schemas.analytics)
    return invalid(fmt::format(
        "POSTGRES_CONFLICT_SCHEMA and POSTGRES_ANALYTICS_SCHEMA must differ, both are \"{}\"",
        settings.schemas.conflict));
  if (auto v = lookup("MAX_WORKERS")) {
    auto workers = parse_int(*v, 1, kMaxMaxWorkers);
    if (!workers)
      return invalid(fmt::format("MAX_WORKERS must be a whole number from 1 to {}, got \"{}\"",
                                 kMaxMaxWorkers, *v));
    settings.max_workers = *workers;
  }
  if (auto v = lookup("LOG_LEVEL")) settings.log_level = *v;
  if (auto v = lookup("POSTGRES_SSLMODE"); v && !v->empty()) {
    if (std::find(std::begin(kSslModes), std::end(kSslModes), *v) == std::end(kSslModes))
      return invalid(fmt::format("POSTGRES_SSLMODE must be one of {}, got \"{}\" "
                                 "(verify-full is the one to use for a database on a network)",
                                 fmt::join(kSslModes, ", "), *v));
    settings.sslmode = *v;
  }
  if (auto v = lookup("POSTGRES_SSLROOTCERT")) settings.sslrootcert = *v;
  if (auto v = lookup("POSTGRES_SECRET_ID"); v && !v->empty()) {
    if (auto password = lookup("POSTGRES_PASSWORD"); password && !password->empty())
      return invalid(fmt::format("POSTGRES_PASSWORD and POSTGRES_SECRET_ID are both set: with a "
                                 "secret the password comes from the secret; unset "
                                 "POSTGRES_PASSWORD ({})",
                                 from.where("POSTGRES_PASSWORD")));
    settings.secret_id = *v;
  }
  return settings;
}

}  // namespace conflictctl::db

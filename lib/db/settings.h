#pragma once
// Connection settings, read the way the reference Lambda function reads them: environment
// variables, with a `.env` file as fallback (the environment wins). Names:
//   POSTGRES_HOST (default 127.0.0.1), POSTGRES_PORT (5432), POSTGRES_DATABASE, POSTGRES_USER,
//   POSTGRES_PASSWORD, POSTGRES_CONFLICT_SCHEMA (conflict), POSTGRES_ANALYTICS_SCHEMA
//   (analytics), MAX_WORKERS (4; the connection pool's size), LOG_LEVEL (WARNING),
//   POSTGRES_SSLMODE (libpq's sslmode: disable, allow, prefer, require, verify-ca or
//   verify-full; unset: libpq's default, prefer, which accepts an unencrypted or
//   unauthenticated connection — use verify-full for a database reached over a network),
//   POSTGRES_SSLROOTCERT (the CA certificate file verify-ca/verify-full check the server
//   against; unset: libpq's default, ~/.postgresql/root.crt).
// .env.example documents each one. The password is never printed: `describe()` leaves it out
// and errors never quote it.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "db/sql_template.h"

namespace conflictctl::db {

inline constexpr int kDefaultPort = 5432;
inline constexpr int kDefaultMaxWorkers = 4;
inline constexpr int kMaxMaxWorkers = 64;

// The values POSTGRES_SSLMODE may take (libpq's sslmode).
inline constexpr const char* kSslModes[] = {"disable", "allow",     "prefer",
                                            "require", "verify-ca", "verify-full"};

struct ConnectionSettings {
  std::string host = "127.0.0.1";
  int port = kDefaultPort;
  std::string database;
  std::string user;
  std::string password;  // never logged
  Schemas schemas;
  int max_workers = kDefaultMaxWorkers;
  std::string log_level = "WARNING";
  std::string sslmode;      // one of kSslModes; "" = libpq's default (prefer)
  std::string sslrootcert;  // a file path; "" = libpq's default

  // "user@host:port/database", for messages; never the password.
  std::string describe() const;
};

// The settings a connection needs that `settings` lacks, by name, in this order:
// POSTGRES_HOST, POSTGRES_DATABASE, POSTGRES_USER, POSTGRES_PASSWORD; empty when none is.
std::vector<std::string_view> missing_settings(const ConnectionSettings& settings);

// "missing settings: POSTGRES_DATABASE, POSTGRES_USER (set them in the environment or in
// .env; see .env.example)": what every command and ValidateConfig say about them.
std::string missing_settings_message(const std::vector<std::string_view>& missing);

// Looks up one variable of the process environment (injectable for tests).
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;
EnvLookup process_environment();

// Reads the settings from `env`, falling back to the `.env` file at `dotenv_path` (a missing
// file is fine unless `dotenv_required`). A malformed .env line is an error naming
// "path:line"; a bad value (a port that is not a number, MAX_WORKERS outside 1–64, an empty
// schema name, a POSTGRES_SSLMODE that is not one of kSslModes) names the variable. Missing database/user is not an error here: tasks that
// need them say so (validate_config lists everything missing).
Result<ConnectionSettings> load_settings(const EnvLookup& env, const std::string& dotenv_path,
                                         bool dotenv_required = false);

}  // namespace conflictctl::db

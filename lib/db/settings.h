#pragma once
// Every setting conflictctl reads, from one loader: the process environment, with a `.env`
// file as fallback (the environment wins), the way the reference Lambda function reads them.
// kSettingNames is the list; .env.example documents each one and `conflictctl config` prints
// the effective values and where each came from. The connection settings:
//   POSTGRES_HOST (default 127.0.0.1), POSTGRES_PORT (5432), POSTGRES_DATABASE, POSTGRES_USER,
//   POSTGRES_PASSWORD, POSTGRES_CONFLICT_SCHEMA (conflict), POSTGRES_ANALYTICS_SCHEMA
//   (analytics), MAX_WORKERS (4; the connection pool's size), LOG_LEVEL (WARNING),
//   POSTGRES_SSLMODE (libpq's sslmode: disable, allow, prefer, require, verify-ca or
//   verify-full; unset: libpq's default, prefer, which accepts an unencrypted or
//   unauthenticated connection — use verify-full for a database reached over a network),
//   POSTGRES_SSLROOTCERT (the CA certificate file verify-ca/verify-full check the server
//   against; unset: libpq's default, ~/.postgresql/root.crt),
//   POSTGRES_SECRET_ID (a Secrets Manager secret holding the password, and maybe the user, host,
//   port and database, read instead of POSTGRES_PASSWORD: db/database_secret.h).
// The password is never printed: `describe()` leaves it out, errors never quote it, and
// Settings::shown() masks it.
#include <functional>
#include <map>
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
  // POSTGRES_SECRET_ID: the Secrets Manager secret the password comes from
  // (db/database_secret.h); "" = the password is POSTGRES_PASSWORD.
  std::string secret_id;

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

// One setting conflictctl reads. `secret`: never printed (Settings::shown masks it).
// `process_wide`: read by code that has no Settings to hand (the logger, the pipeline and run
// directories): the app exports its .env value to the process environment (app/settings.h).
struct SettingName {
  std::string_view name;
  bool secret = false;
  bool process_wide = false;
};

// Every setting, in the order `conflictctl config` prints them.
inline constexpr SettingName kSettingNames[] = {
    {"ENVIRONMENT", false, true},          // a name for this deployment, kept in run records
    {"LOG_LEVEL", false, true},            // DEBUG, INFO, WARNING (default), ERROR
    {"CONFLICTCTL_PIPELINES_DIR", false, true},
    {"CONFLICTCTL_STATE_DIR", false, true},
    {"POSTGRES_HOST"},
    {"POSTGRES_PORT"},
    {"POSTGRES_DATABASE"},
    {"POSTGRES_USER"},
    {"POSTGRES_PASSWORD", true},
    {"POSTGRES_SECRET_ID"},  // the secret holding the password (db/database_secret.h)
    {"POSTGRES_CONFLICT_SCHEMA"},
    {"POSTGRES_ANALYTICS_SCHEMA"},
    {"POSTGRES_SOURCE_MAPPING"},  // a source mapping file for `db init` (mapping/source_mapping.h)
    {"POSTGRES_SSLMODE"},
    {"POSTGRES_SSLROOTCERT"},
    {"MAX_WORKERS"},
};

// Where a setting's value came from.
enum class SettingSource { kEnvironment, kDotenv, kDefault };

// The settings of kSettingNames as read from the environment and one .env file.
class Settings {
 public:
  struct Value {
    std::string text;
    SettingSource source = SettingSource::kDefault;
    int line = 0;  // kDotenv: the file's line
  };

  // The value, or nullopt when neither the environment nor the file sets it (the default
  // applies). Only names of kSettingNames are kept.
  std::optional<std::string> get(std::string_view name) const;
  // The value and its source; source kDefault (text "") when unset.
  Value value(std::string_view name) const;
  // Where it came from: "environment", "PATH:LINE" or "default".
  std::string where(std::string_view name) const;
  // The text to print: the value, or "********" for a set secret.
  std::string shown(std::string_view name) const;
  // The .env file read ("" when there was none).
  const std::string& dotenv_path() const { return dotenv_path_; }

 private:
  friend Result<Settings> read_settings(const EnvLookup& env, const std::string& dotenv_path,
                                        bool dotenv_required);
  std::map<std::string, Value, std::less<>> values_;
  std::string dotenv_path_;
};

// Reads every setting of kSettingNames from `env`, falling back to the `.env` file at
// `dotenv_path` (a missing file is fine unless `dotenv_required`). A malformed .env line is an
// error naming "path:line" and never quoting the line.
Result<Settings> read_settings(const EnvLookup& env, const std::string& dotenv_path,
                               bool dotenv_required = false);

// The default of a setting this library owns, as `conflictctl config` shows it ("5432",
// "conflict", "libpq's default (prefer)", …); "" for one without a default (POSTGRES_DATABASE,
// POSTGRES_USER, POSTGRES_PASSWORD, ENVIRONMENT) or owned elsewhere (the two directories).
std::string default_setting(std::string_view name);

// The connection settings of `settings`; a bad value (a port that is not a number,
// MAX_WORKERS outside 1–64, an empty schema name, a POSTGRES_SSLMODE that is not one of
// kSslModes) is an error naming the variable, and so are POSTGRES_PASSWORD and
// POSTGRES_SECRET_ID set together. With POSTGRES_SECRET_ID the password is still empty: the
// caller reads the secret and applies it (db/database_secret.h).
Result<ConnectionSettings> connection_settings(const Settings& settings);

// read_settings and connection_settings in one. A malformed .env line is an error naming
// "path:line"; a bad value (a port that is not a number, MAX_WORKERS outside 1–64, an empty
// schema name, a POSTGRES_SSLMODE that is not one of kSslModes) names the variable. Missing database/user is not an error here: tasks that
// need them say so (validate_config lists everything missing).
Result<ConnectionSettings> load_settings(const EnvLookup& env, const std::string& dotenv_path,
                                         bool dotenv_required = false);

}  // namespace conflictctl::db

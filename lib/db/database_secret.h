#pragma once
// The database password from AWS Secrets Manager instead of a variable: POSTGRES_SECRET_ID
// names a secret (a name or an ARN) whose SecretString is the JSON that RDS writes for a
// database's credentials (docs/deploy.md, "The database password: Secrets Manager"):
//   {"username": "app", "password": "…", "host": "db.example.eu-west-1.rds.amazonaws.com",
//    "port": 5432, "dbname": "conflicts", "engine": "postgres"}
// Only "password" is required; "port" may be a number or its text; "engine", when present,
// must be "postgres" or "aurora-postgresql"; other keys (dbInstanceIdentifier, …) are ignored.
//
// Precedence, field by field (the decision docs/commands.md and `conflictctl config` state):
//   1. POSTGRES_HOST, POSTGRES_PORT, POSTGRES_DATABASE, POSTGRES_USER set in the environment or
//      the .env file: an explicit setting wins (an RDS Proxy's host, another database on the
//      same server);
//   2. the secret's host, port, dbname, username;
//   3. the defaults (db/settings.h).
// The password comes only from the secret: POSTGRES_PASSWORD set as well is refused by
// connection_settings, so there is never a doubt which password was used.
//
// The secret's text never reaches an Error: a malformed secret is named by its id and the key
// at fault, never quoted (the JSON parser's own message, which quotes the input, is dropped).
#include <string_view>

#include "core/error.h"
#include "db/settings.h"

namespace conflictctl::db {

// Applies the secret `secret_text` (the SecretString of settings.secret_id) to `settings`, as
// above; `explicit_settings` says which POSTGRES_* variables were set. Errors:
// Configuration.Invalid naming the secret id and the key.
Result<void> apply_database_secret(ConnectionSettings& settings, const Settings& explicit_settings,
                                   std::string_view secret_text);

}  // namespace conflictctl::db

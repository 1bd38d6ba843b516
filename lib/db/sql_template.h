#pragma once
// Schema names in SQL text. The schema names are configuration (POSTGRES_CONFLICT_SCHEMA,
// POSTGRES_ANALYTICS_SCHEMA), so the SQL of sql/ writes `{conflict}.settings` and
// `{analytics}.visit`; `render` replaces exactly those two placeholders with the names
// quoted as identifiers ("my""schema"). Values never go into SQL text: they are bind
// parameters (db/database.h).
#include <string>
#include <string_view>

#include "core/error.h"

namespace conflictctl::db {

struct Schemas {
  std::string conflict = "conflict";    // Default: conflict
  std::string analytics = "analytics";  // Default: analytics
};

// `name` as a PostgreSQL quoted identifier: in double quotes, inner quotes doubled.
std::string quote_identifier(std::string_view name);

// Checks that a schema name can be used: 1–63 bytes, no NUL. The error names the setting.
Result<void> check_schema_name(std::string_view setting, std::string_view name);

// `sql` with every {conflict} and {analytics} replaced by the quoted schema names.
std::string render(std::string_view sql, const Schemas& schemas);

}  // namespace conflictctl::db

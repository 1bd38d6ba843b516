#pragma once
// Reading PostgreSQL's text output of the column types the checker loads (db::Rows holds
// every cell as text). The session must use DateStyle ISO (the checker sets it), so a
// timestamp reads "2024-05-10 09:00:00" or "2024-05-10 09:00:00.25".
//
// Each function returns nullopt for text it does not recognise (including 'infinity' and BC
// dates); the caller turns that into an error naming the table and column.
#include <cstdint>
#include <optional>
#include <string_view>

#include "conflict/rules.h"

namespace conflictctl::conflict {

// `timestamp without time zone` → rules::Instant (microseconds, taken as UTC).
std::optional<rules::Instant> parse_pg_timestamp(std::string_view text);

// `boolean`: "t" or "f".
std::optional<bool> parse_pg_bool(std::string_view text);

// `integer`/`bigint`: optional '-', digits.
std::optional<std::int64_t> parse_pg_integer(std::string_view text);

// `numeric` with at most 2 decimals → hundredths ("10.36" → 1036, "7" → 700, "-0.5" → -50).
// More decimals are rounded half away from zero, as a numeric(…, 2) column would store them.
std::optional<rules::Hundredths> parse_pg_hundredths(std::string_view text);

}  // namespace conflictctl::conflict

#include "db/pg_error.h"

#include <fmt/format.h>

#include <string>

#include "db/database.h"

namespace conflictctl::db {
namespace {

// A data exception's message quotes the offending value in double quotes; the quotes stay,
// the value goes.
std::string without_quoted_values(std::string_view message) {
  std::string out;
  bool quoted = false;
  for (char c : message) {
    if (c == '"') {
      out += quoted ? "…\"" : "\"";
      quoted = !quoted;
    } else if (!quoted) {
      out += c;
    }
  }
  if (quoted) out += "…";
  return out;
}

}  // namespace

bool is_connection_lost(std::string_view sqlstate) {
  return sqlstate.substr(0, 2) == "08" || sqlstate == "57P01" || sqlstate == "57P02";
}

Error error_from_sqlstate(std::string_view sqlstate, std::string_view message,
                          ErrorObjects objects) {
  std::string_view name = error_names::kQueryFailed;
  if (is_connection_lost(sqlstate))
    name = error_names::kConnectionLost;
  else if (sqlstate == "57014")
    name = error_names::kCanceled;
  else if (sqlstate == "55P03")
    name = error_names::kBusy;
  const std::string shown =
      sqlstate.substr(0, 2) == "22" ? without_quoted_values(message) : std::string(message);
  std::string cause = fmt::format("SQLSTATE {}: {}", sqlstate, shown);
  if (!objects.table.empty() && !objects.constraint.empty())
    cause += fmt::format(" (table {}, constraint {})", objects.table, objects.constraint);
  else if (!objects.table.empty())
    cause += fmt::format(" (table {})", objects.table);
  else if (!objects.constraint.empty())
    cause += fmt::format(" (constraint {})", objects.constraint);
  return Error{std::string(name), std::move(cause)};
}

}  // namespace conflictctl::db

#include "db/pg_error.h"

#include <fmt/format.h>

#include <string>

#include "db/database.h"

namespace conflictctl::db {

bool is_connection_lost(std::string_view sqlstate) {
  return sqlstate.substr(0, 2) == "08" || sqlstate == "57P01" || sqlstate == "57P02";
}

Error error_from_sqlstate(std::string_view sqlstate, std::string_view message,
                          std::string_view detail) {
  std::string_view name = error_names::kQueryFailed;
  if (is_connection_lost(sqlstate))
    name = error_names::kConnectionLost;
  else if (sqlstate == "57014")
    name = error_names::kCanceled;
  else if (sqlstate == "55P03")
    name = error_names::kBusy;
  std::string cause = fmt::format("SQLSTATE {}: {}", sqlstate, message);
  if (!detail.empty()) cause += fmt::format(" ({})", detail);
  return Error{std::string(name), std::move(cause)};
}

}  // namespace conflictctl::db

#pragma once
// How a server error becomes one of the Database.* errors of db/database.h, by SQLSTATE:
//   class 08 (connection exception), 57P01/57P02 (the server ended the session)
//                          → Database.ConnectionLost
//   57014 (query_canceled) → Database.Canceled
//   55P03 (lock_not_available) → Database.Busy
//   anything else          → Database.QueryFailed
//
// The cause is "SQLSTATE xxxxx: message", plus " (table t, constraint c)" when the server
// named them. Never row values: the server's DETAIL ("Failing row contains (…)",
// "Key (ssn)=(…) already exists") is not part of the cause, and in a data exception's message
// (class 22: `invalid input syntax for type integer: "…"`) every double-quoted value is
// replaced by "…". Causes reach task errors, histories and run records (docs/budget.md).
// Internal to lib/db (postgres.cc); kept apart so the mapping is tested without a server.
#include <string_view>

#include "core/error.h"

namespace conflictctl::db {

// The names the server attached to an error (PG_DIAG_TABLE_NAME, PG_DIAG_CONSTRAINT_NAME);
// empty when it sent none.
struct ErrorObjects {
  std::string_view table;
  std::string_view constraint;
};

Error error_from_sqlstate(std::string_view sqlstate, std::string_view message,
                          ErrorObjects objects = {});

// True for the SQLSTATEs that mean the session is gone (the first row above).
bool is_connection_lost(std::string_view sqlstate);

}  // namespace conflictctl::db

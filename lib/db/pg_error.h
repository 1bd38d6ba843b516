#pragma once
// How a server error becomes one of the Database.* errors of db/database.h, by SQLSTATE:
//   class 08 (connection exception), 57P01/57P02 (the server ended the session)
//                          → Database.ConnectionLost
//   57014 (query_canceled) → Database.Canceled
//   55P03 (lock_not_available) → Database.Busy
//   anything else          → Database.QueryFailed
// The cause is "SQLSTATE xxxxx: message", plus " (detail)" when the server sent a detail.
// Internal to lib/db (postgres.cc); kept apart so the mapping is tested without a server.
#include <string_view>

#include "core/error.h"

namespace conflictctl::db {

Error error_from_sqlstate(std::string_view sqlstate, std::string_view message,
                          std::string_view detail);

// True for the SQLSTATEs that mean the session is gone (the first row above).
bool is_connection_lost(std::string_view sqlstate);

}  // namespace conflictctl::db

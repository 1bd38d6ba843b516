#pragma once
// Opening a PostgreSQL connection: the one place that makes a real db::Session.
//
// `connect` opens one libpq connection with the settings' host, port, database, user,
// password, sslmode and sslrootcert (passed as separate keywords, never as a conninfo string
// built from values; an empty one leaves libpq's default),
// connect_timeout 10 s, TCP keepalives (idle 30 s, then 3 probes 10 s apart),
// application_name "conflictctl", client_encoding UTF8. Once connected
// the session runs `SET TIME ZONE 'UTC'`, and server NOTICEs and WARNINGs are discarded (they
// never reach stderr).
//
// The returned Session (db/database.h) owns the connection and closes it when destroyed.
// Its behaviour, beyond the interface's contract:
//   query           one statement through the extended protocol (as PQexecParams), every
//                   parameter sent as text (nullopt = NULL).
//   execute_script  the simple protocol (as PQexec): several statements, stops at the first
//                   error.
//   copy_in         COPY … FROM STDIN in text format, sent in blocks of about 1 MiB; a row
//                   with the wrong number of values aborts the COPY (nothing is written).
//   cancel          never waits: the cancel request (PQcancel) is sent from a thread of its
//                   own (at most one at a time per session; PQcancel has no timeout in
//                   PostgreSQL 15, and against a silent server it would block for good).
//                   Sticky until clear_cancel(): a statement that had not started yet fails
//                   at once with Database.Canceled instead of being sent (except ROLLBACK); a
//                   cancel that arrives while a statement is being sent still stops it; a
//                   copy_in in progress stops too. After a cancel, a statement whose server
//                   sends nothing for kCancelGraceMillis has its connection shut down:
//                   Database.ConnectionLost, healthy() false, the server rolls back.
//   clear_cancel    forgets the cancel (the pool calls it when a lease ends); a session left
//                   inside a transaction, or whose cancel request is still on its way, then
//                   turns unhealthy, so the pool closes it.
// Errors (names in db/database.h):
//   SQLSTATE class 08, 57P01/57P02 or a broken connection  Database.ConnectionLost, and
//                                                           healthy() is false from then on
//   57014 (query_canceled)                                 Database.Canceled
//   55P03 (lock_not_available)                             Database.Busy
//   anything else                                          Database.QueryFailed with cause
//                                                          "SQLSTATE xxxxx: message (table t,
//                                                          constraint c)", never the DETAIL
//                                                          or a row value (db/pg_error.h)
// A failed connect is Database.ConnectionFailed with a cause naming settings.describe() and
// libpq's reason; never the password.
#include <memory>

#include "core/error.h"
#include "db/database.h"
#include "db/settings.h"

namespace conflictctl::db {

inline constexpr int kConnectTimeoutSeconds = 10;
// How long a cancelled statement may stay silent before its connection is shut down.
inline constexpr int kCancelGraceMillis = 5000;

Result<std::unique_ptr<Session>> connect(const ConnectionSettings& settings);

}  // namespace conflictctl::db

#pragma once
// What a Conflict Report task works with when it runs against the database: a session leased
// for it (the caller cancels that session when the task's deadline passes, and gives the
// session back to the pool afterwards), the schema names, and the task's start time from its
// Clock (today's window and every created_at/updated_at come from it, never from the
// database's now()).
//
// Every task runs in one transaction on `session`: it commits everything or nothing.
#include "core/logger.h"
#include "core/timestamp.h"
#include "db/database.h"
#include "db/sql_template.h"

namespace conflictctl::conflict {

struct Job {
  db::Session& session;
  const db::Schemas& schemas;
  Timestamp now;
  Logger& log;
};

}  // namespace conflictctl::conflict

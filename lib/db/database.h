#pragma once
// The project's own database interface: what tasks, the seed and the checker use to talk to
// PostgreSQL. libpq types never leave lib/db; everything above sees only this header.
//
// A `Session` is one connection. Every statement takes its values as bind parameters
// ($1, $2, …, sent as text or NULL); SQL text is never built from values. Identifiers (the
// configurable schema names) go into SQL only through `db::render` (db/sql_template.h), which
// quotes them.
//
// Errors are values (core/error.h) with these names, so a Retry policy can match them:
//   Database.ConnectionFailed  could not connect (host, port, database and user in the
//                              cause; never the password)
//   Database.ConnectionLost    the connection broke during a statement (SQLSTATE class 08,
//                              or the server went away); the session is unusable afterwards
//   Database.Canceled          the statement was cancelled (cancel(), SQLSTATE 57014); the
//                              task layer turns this into States.Timeout at a deadline
//   Database.Busy              a lock another run holds (db/run_lock.h)
//   Database.QueryFailed       any other error; the cause holds the SQLSTATE and message
//   Database.SchemaMismatch    the schema is missing or at another version (db/schema.h)
//
// Thread safety: a Session is used by one thread at a time, except `cancel()`, which any
// thread may call while a statement runs (it is how a deadline stops the work).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace conflictctl::db {

namespace error_names {
inline constexpr std::string_view kConnectionFailed = "Database.ConnectionFailed";
inline constexpr std::string_view kConnectionLost = "Database.ConnectionLost";
inline constexpr std::string_view kCanceled = "Database.Canceled";
inline constexpr std::string_view kBusy = "Database.Busy";
inline constexpr std::string_view kQueryFailed = "Database.QueryFailed";
inline constexpr std::string_view kSchemaMismatch = "Database.SchemaMismatch";
}  // namespace error_names

// One bind parameter in PostgreSQL's text form; nullopt is SQL NULL.
using Param = std::optional<std::string>;
using Params = std::vector<Param>;

// The rows a statement returned, copied out of the driver; plus its affected-row count.
class Rows {
 public:
  Rows() = default;
  Rows(std::vector<std::string> columns, std::vector<std::vector<Param>> cells,
       std::int64_t affected)
      : columns_(std::move(columns)), cells_(std::move(cells)), affected_(affected) {}

  std::size_t size() const { return cells_.size(); }
  bool empty() const { return cells_.empty(); }
  const std::vector<std::string>& columns() const { return columns_; }
  // The column's index; throws std::out_of_range for a name the statement did not return
  // (a programming error, not a data error).
  std::size_t column(std::string_view name) const;
  // The cell as text; nullopt for NULL.
  const Param& at(std::size_t row, std::size_t column) const { return cells_.at(row).at(column); }
  const Param& at(std::size_t row, std::string_view name) const { return at(row, column(name)); }
  // Rows inserted, updated or deleted (INSERT/UPDATE/DELETE/COPY/SELECT count); 0 otherwise.
  std::int64_t affected() const { return affected_; }

 private:
  std::vector<std::string> columns_;
  std::vector<std::vector<Param>> cells_;
  std::int64_t affected_ = 0;
};

// Produces the rows of a COPY: called until it returns false; each call fills `row` with one
// value per column (nullopt = NULL).
using RowSource = std::function<bool(std::vector<Param>& row)>;

class Session {
 public:
  virtual ~Session() = default;

  // Runs one statement (no semicolon-separated scripts) with its bind parameters.
  virtual Result<Rows> query(std::string_view sql, const Params& params = {}) = 0;

  // Runs a parameterless script of several statements (schema migrations only: their
  // statements are DDL; nothing reads a row count from them).
  virtual Result<void> execute_script(std::string_view sql) = 0;

  // COPY `table` (columns) FROM STDIN from `rows`; returns the number of rows copied.
  // `table` must already be a quoted, schema-qualified name (db/sql_template.h).
  virtual Result<std::int64_t> copy_in(std::string_view table,
                                       const std::vector<std::string>& columns,
                                       const RowSource& rows) = 0;

  // Asks the server to cancel the statement running now, and refuses (Database.Canceled)
  // the statements started after it, ROLLBACK excepted, until clear_cancel(): a cancel that
  // arrives just before a statement starts is not lost. Never blocks. Any thread.
  virtual void cancel() = 0;

  // Forgets an earlier cancel(); called by the pool when the session's lease ends.
  virtual void clear_cancel() {}

  // False once the connection is known to be broken; a pool drops such sessions.
  virtual bool healthy() const = 0;
};

// Runs `work` inside BEGIN … COMMIT on `session`. Any error from `work` or from COMMIT rolls
// the transaction back (a cancelled or broken statement leaves nothing written) and is
// returned unchanged.
Result<void> in_transaction(Session& session, const std::function<Result<void>()>& work);

}  // namespace conflictctl::db

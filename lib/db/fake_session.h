#pragma once
// An in-memory db::Session for unit tests of the code above lib/db (tasks, seed, checker):
// no server, every statement recorded, answers scripted.
//
//   FakeSession session;
//   session.respond("FROM {conflict}.settings", Rows({"id"}, {{"0"}}, 1));  // hypothetical
//   session.fail("INSERT INTO", Error{"Database.QueryFailed", "boom"});
//   ... run the code under test with `session` ...
//   CHECK(session.statements()[0].sql == "BEGIN");
//
// Matching: each query, execute_script and copy_in takes the first scripted answer (in the
// order they were added) whose `sql_part` occurs in its SQL text and that has uses left;
// a statement nothing matches succeeds with no rows. copy_in's SQL text is
// "COPY <table> (<col>, …) FROM STDIN" and its rows are kept (copies()).
// A failure named Database.ConnectionLost also turns the session unhealthy, as a real one
// does. Statements on an unhealthy session fail with Database.ConnectionLost.
//
// Thread safety: every member is safe to call from any thread (a test may cancel from
// another thread while the code under test runs statements).
#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <variant>
#include <vector>

#include "db/database.h"

namespace conflictctl::db {

class FakeSession final : public Session {
 public:
  struct Statement {
    std::string sql;
    Params params;  // empty for scripts and copies
  };
  struct Copy {
    std::string table;
    std::vector<std::string> columns;
    std::vector<std::vector<Param>> rows;
  };
  static constexpr int kAlways = -1;

  // The next `times` statements containing `sql_part` return `rows` (kAlways: every one).
  void respond(std::string sql_part, Rows rows, int times = 1);
  // The next `times` statements containing `sql_part` fail with `error`.
  void fail(std::string sql_part, Error error, int times = 1);
  // From now on healthy() is false and every statement fails with Database.ConnectionLost.
  void make_unhealthy();

  std::vector<Statement> statements() const;
  // Only the SQL texts of statements(), for short assertions.
  std::vector<std::string> sql() const;
  std::vector<Copy> copies() const;
  int cancel_count() const { return cancels_.load(); }

  Result<Rows> query(std::string_view sql, const Params& params = {}) override;
  Result<void> execute_script(std::string_view sql) override;
  Result<std::int64_t> copy_in(std::string_view table, const std::vector<std::string>& columns,
                               const RowSource& rows) override;
  void cancel() override { ++cancels_; }
  bool healthy() const override { return healthy_.load(); }

 private:
  struct Script {
    std::string sql_part;
    std::variant<Rows, Error> answer;
    int uses_left;
  };
  // Records the statement and finds its answer (empty Rows when none matches).
  std::variant<Rows, Error> answer(std::string sql, Params params);

  mutable std::mutex mutex_;
  std::vector<Script> scripts_;
  std::vector<Statement> statements_;
  std::vector<Copy> copies_;
  std::atomic<int> cancels_{0};
  std::atomic<bool> healthy_{true};
};

}  // namespace conflictctl::db

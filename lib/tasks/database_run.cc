#include "tasks/database_run.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "core/error_names.h"
#include "db/schema.h"

namespace conflictctl::tasks {

namespace {

// The leased session seen through the invocation's cancellation: once the token is
// cancelled, every further statement fails at once with Database.Canceled — a cancel that
// arrives between two statements would otherwise find the session idle and be lost, and the
// task would go on to COMMIT. Only ROLLBACK still goes through. Each statement that returns
// sends the task's heartbeat.
//
// Every transaction it begins gets the server-side backstops of database_run.h.
class DeadlineSession final : public db::Session {
 public:
  DeadlineSession(db::Session& inner, const engine::TaskContext& context)
      : inner_(inner), context_(context), token_(context.cancel) {}

  Result<db::Rows> query(std::string_view sql, const db::Params& params) override {
    if (token_.cancelled() && sql != "ROLLBACK") return canceled();
    auto result = inner_.query(sql, params);
    if (result && sql == "BEGIN") {
      if (auto limited = set_backstops(); !limited) return limited.error();
    }
    context_.heartbeat();
    return result;
  }
  Result<void> execute_script(std::string_view sql) override {
    if (token_.cancelled()) return canceled();
    auto result = inner_.execute_script(sql);
    context_.heartbeat();
    return result;
  }
  Result<std::int64_t> copy_in(std::string_view table, const std::vector<std::string>& columns,
                               const db::RowSource& rows) override {
    if (token_.cancelled()) return canceled();
    auto result = inner_.copy_in(table, columns, rows);
    context_.heartbeat();
    return result;
  }
  void cancel() override { inner_.cancel(); }
  void clear_cancel() override { inner_.clear_cancel(); }
  bool healthy() const override { return inner_.healthy(); }

 private:
  // SET LOCAL statement_timeout, lock_timeout, idle_in_transaction_session_timeout, as
  // set_config(…, true) with the values as bind parameters.
  Result<void> set_backstops() {
    const BackstopMillis limits = backstop_millis(context_.remaining_seconds());
    auto set = inner_.query(
        "SELECT set_config('statement_timeout', $1, true), "
        "set_config('idle_in_transaction_session_timeout', $1, true), "
        "set_config('lock_timeout', $2, true)",
        {std::to_string(limits.statement), std::to_string(limits.lock)});
    if (!set) return set.error();
    return {};
  }

  static Error canceled() {
    return Error{std::string(db::error_names::kCanceled), "the task was cancelled"};
  }
  db::Session& inner_;
  const engine::TaskContext& context_;
  CancellationToken token_;
};

Result<Json> leased_run(const TaskDatabase& database, engine::TaskContext& context,
                        std::string_view action, const DatabaseWork& work, Timestamp started) {
  auto lease = database.pool->acquire(context.cancel);
  if (!lease) return lease.error();
  DeadlineSession session(lease->session(), context);
  if (auto current = db::require_current_schema(session, database.settings.schemas); !current)
    return current.error();
  context.log.info(fmt::format("conflict-report: {} on {}", action,
                               database.settings.describe()));
  conflict::Job job{session, database.settings.schemas, started, context.log};
  return work(job);
}

}  // namespace

BackstopMillis backstop_millis(std::optional<double> remaining_seconds) {
  if (!remaining_seconds) return {0, kLockTimeoutMillis};
  const double millis = std::clamp(*remaining_seconds * 1000.0, 0.0, double(kMaxBackstopMillis));
  const std::int64_t statement = static_cast<std::int64_t>(millis) + kStatementTimeoutMarginMillis;
  return {statement, std::min<std::int64_t>(statement, kLockTimeoutMillis)};
}

DatabaseRun run_on_database(const TaskDatabase& database, engine::TaskContext& context,
                            std::string_view action, const DatabaseWork& work) {
  const Timestamp started = context.clock.now();
  Result<Json> result = leased_run(database, context, action, work, started);
  const double seconds = millis_to_seconds(context.clock.now() - started);
  // Whatever a cancelled statement reported (Canceled, a lost connection), the cause is the
  // deadline: the state fails with States.Timeout, after the transaction rolled back.
  if (!result && context.cancel.cancelled())
    result = Error{std::string(errors::kTimeout),
                   fmt::format("{} was cancelled at its deadline after {:.1f} s; its "
                               "transaction was rolled back ({})",
                               action, seconds, result.error().name)};
  return DatabaseRun{std::move(result), started, seconds};
}

}  // namespace conflictctl::tasks

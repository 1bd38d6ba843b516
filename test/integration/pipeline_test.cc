// The Conflict Report pipeline end to end against the real PostgreSQL that test/run.sh
// starts: seeded data, the pipelines of pipelines/ run by the engine with the real tasks, and
// the independent C++ check of the result. Each test works in schemas of its own.
#include <catch2/catch.hpp>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <sstream>
#include <map>
#include <memory>
#include <string>

#include "conflict/check.h"
#include "conflict/run_lock.h"
#include "conflict/seed.h"
#include "conflict/window.h"
#include "core/clock.h"
#include "db/postgres.h"
#include "db/schema.h"
#include "db/sql_template.h"
#include "db/test_database.h"
#include "db/test_proxy.h"
#include "pipeline/run.h"
#include "pipeline/run_task.h"

namespace conflictctl {
namespace {

constexpr int kVisits = 12000;

#define REQUIRE_OK(expr)                                          \
  do {                                                            \
    auto&& require_ok_result = (expr);                            \
    INFO((require_ok_result ? std::string() : [&] {               \
      std::ostringstream out;                                     \
      out << require_ok_result.error();                           \
      return out.str();                                           \
    }()));                                                        \
    REQUIRE(require_ok_result);                                   \
  } while (false)

std::unique_ptr<db::Session> open(const db::ConnectionSettings& settings) {
  return db::testing::connected(settings);
}

// Migrated schemas holding the seeded data set.
void prepare(const db::ConnectionSettings& settings) {
  auto session = open(settings);
  REQUIRE_OK(db::migrate(*session, settings.schemas, SystemClock().now()));
  conflict::SeedOptions options;
  options.visits = kVisits;
  options.seed = 7;
  options.today = conflict::utc_date(SystemClock().now());
  REQUIRE_OK(conflict::seed_database(*session, settings.schemas, options));
}

// md5 of every row of each conflict-side table, in a stable order; `without_times` leaves out
// the columns that hold the time a task ran (to compare runs made at different times).
std::map<std::string, std::string> content_hashes(const db::ConnectionSettings& settings,
                                                  bool without_times = false) {
  const std::string row =
      without_times ? "(to_jsonb(t) - 'created_at' - 'updated_at' - 'resolve_date' - "
                      "'created_date' - 'recorded_at' - 'last_load_date')::text"
                    : "t::text";
  auto session = open(settings);
  std::map<std::string, std::string> hashes;
  for (std::string table : {"conflictvisitmaps", "conflicts", "conflictvisitmaps_temp",
                            "payer_provider_reminders", "settings"}) {
    auto rows = session->query(db::render(
        "SELECT md5(coalesce(string_agg(" + row + ", '|' ORDER BY " + row +
            "), '')) FROM {conflict}." + table + " t",
        settings.schemas));
    REQUIRE(rows);
    hashes[table] = rows->at(0, 0).value_or("");
  }
  return hashes;
}

std::int64_t count(const db::ConnectionSettings& settings, const std::string& sql) {
  auto session = open(settings);
  auto rows = session->query(db::render(sql, settings.schemas));
  REQUIRE(rows);
  return std::stoll(rows->at(0, 0).value_or("0"));
}

pipeline::RunOutcome run_pipeline(const db::ConnectionSettings& settings,
                                  const std::string& name) {
  pipeline::RunRequest request;
  request.pipeline = name;
  request.mode = tasks::TaskMode::kDatabase;
  request.database = settings;
  request.virtual_clock = false;
  NullLogger log;
  auto outcome = pipeline::run(request, log);
  REQUIRE(outcome.diagnostics.empty());
  REQUIRE(outcome.result);
  INFO(outcome.result->history.to_json().dump(1));
  CHECK(outcome.result->status == engine::ExecutionStatus::kSucceeded);
  return outcome;
}

// TASK_03 of the daily pipeline, alone, in database mode against `settings`.
pipeline::TaskRequest task_03(const db::ConnectionSettings& settings) {
  pipeline::TaskRequest request;
  request.pipeline = "conflict_report_daily";
  request.action = "task_03";
  request.mode = tasks::TaskMode::kDatabase;
  request.database = settings;
  return request;
}

// True when the run lock of `settings`' schemas can be taken now (and gives it back).
bool run_lock_free(const db::ConnectionSettings& settings) {
  auto session = open(settings);
  REQUIRE_OK(session->query("BEGIN"));
  const bool taken =
      conflict::take_run_lock(*session, settings.schemas, conflict::RunLockMode::kExclusive).ok();
  REQUIRE_OK(session->query("ROLLBACK"));
  return taken;
}

// Waits `milliseconds` of real time on `clock` (time only through the Clock, in tests too).
void wait_for(Clock& clock, long long milliseconds) {
  std::mutex mutex;
  std::condition_variable never;
  std::unique_lock lock(mutex);
  const Timestamp until = clock.now() + Millis(milliseconds);
  while (clock.now() < until) clock.wait_until(never, lock, until);
}

conflict::CheckReport check(const db::ConnectionSettings& settings) {
  auto session = open(settings);
  auto report = conflict::check_conflicts(*session, settings.schemas,
                                          conflict::utc_date(SystemClock().now()), {});
  REQUIRE_OK(report);
  for (const conflict::Difference& d : report->differences)
    UNSCOPED_INFO(d.visit_id << " / " << d.con_visit_id << ": " << conflict::kind_name(d.kind)
                             << ": " << d.field << ": expected " << d.expected << ", found "
                             << d.actual << " (" << d.detail << ")");
  return std::move(*report);
}

TEST_CASE("the daily pipeline on seeded data matches the independent check, and a second run "
          "changes nothing",
          "[integration]") {
  REQUIRE_TEST_DATABASE(base);
  db::testing::ScratchSchemas scratch(*base, "daily");
  const auto& settings = scratch.settings();
  prepare(settings);

  run_pipeline(settings, "conflict_report_daily");
  const std::int64_t rows = count(settings, "SELECT count(*) FROM {conflict}.conflictvisitmaps");
  CHECK(rows > 100);
  CHECK(count(settings, "SELECT count(*) FROM {conflict}.conflictvisitmaps "
                        "WHERE conflict_id IS NULL OR group_id IS NULL") == 0);
  CHECK(count(settings, "SELECT count(*) FROM {conflict}.conflictvisitmaps "
                        "WHERE update_flag IS NOT NULL") == 0);
  auto report = check(settings);
  CHECK(report.differences.empty());

  // TASK_01's snapshot is the state *before* a run, so the run after the one that inserted
  // the pairs snapshots them; from then on a run over unchanged data changes nothing at all.
  run_pipeline(settings, "conflict_report_daily");
  auto before = content_hashes(settings);
  run_pipeline(settings, "conflict_report_daily");
  auto after = content_hashes(settings);
  for (const auto& [table, hash] : before) {
    INFO(table);
    CHECK(after[table] == hash);
  }
  CHECK(check(settings).differences.empty());
}

// Changes to the source data between two daily runs: a deleted visit, a missed one, and a
// pair that no longer conflicts (visits of seven-rule rows: session rows also have session
// ids on one side).
void change_source_data(const db::ConnectionSettings& settings) {
  auto session = open(settings);
  for (std::string sql : {
           // Deleted: the visit leaves the fact table and its id is listed as deleted.
           "INSERT INTO {analytics}.deleted_visit (visit_id) SELECT visit_id FROM "
           "{conflict}.conflictvisitmaps WHERE in_service_flag = 'N' AND pto_flag = 'N' "
           "ORDER BY id LIMIT 3",
           "DELETE FROM {analytics}.visit WHERE visit_id IN (SELECT visit_id FROM "
           "{conflict}.conflictvisitmaps WHERE in_service_flag = 'N' AND pto_flag = 'N' "
           "ORDER BY id LIMIT 3)",
           // Missed.
           "UPDATE {analytics}.visit SET is_missed = true WHERE visit_id IN (SELECT visit_id "
           "FROM {conflict}.conflictvisitmaps WHERE in_service_flag = 'N' AND pto_flag = 'N' "
           "ORDER BY id OFFSET 40 LIMIT 3)",
           // No longer conflicting: moved to another day.
           "UPDATE {analytics}.visit SET visit_date = visit_date + 1, sch_start = sch_start + "
           "interval '1 day', sch_end = sch_end + interval '1 day', visit_start = visit_start + "
           "interval '1 day', visit_end = visit_end + interval '1 day' WHERE visit_id IN (SELECT "
           "visit_id FROM {conflict}.conflictvisitmaps WHERE in_service_flag = 'N' AND pto_flag = 'N' "
           "ORDER BY id OFFSET 80 LIMIT 3)"}) {
    auto done = session->query(db::render(sql, settings.schemas));
    REQUIRE_OK(done);
  }
}

TEST_CASE("the chunked pipeline leaves the same tables as the sequential one", "[integration]") {
  REQUIRE_TEST_DATABASE(base);
  db::testing::ScratchSchemas sequential(*base, "seq");
  db::testing::ScratchSchemas chunked(*base, "chunked");
  for (const auto* scratch : {&sequential, &chunked}) {
    prepare(scratch->settings());
    run_pipeline(scratch->settings(), "conflict_report_daily");
    change_source_data(scratch->settings());
  }
  run_pipeline(sequential.settings(), "conflict_report");
  auto outcome = run_pipeline(chunked.settings(), "conflict_report_chunked");
  CHECK(outcome.result->output["task02_chunks"]["num_chunks"].get<int>() >= 1);

  CHECK(content_hashes(sequential.settings(), true) == content_hashes(chunked.settings(), true));
  CHECK(count(chunked.settings(), "SELECT count(*) FROM {conflict}.conflictvisitmaps "
                                  "WHERE status_flag = 'D'") >= 3);
  CHECK(count(chunked.settings(), "SELECT count(*) FROM {conflict}.conflictvisitmaps "
                                  "WHERE status_flag = 'R'") >= 6);
  CHECK(check(chunked.settings()).differences.empty());
}

TEST_CASE("a task refused by another run's lock fails fast with Database.Busy and writes "
          "nothing",
          "[integration]") {
  REQUIRE_TEST_DATABASE(base);
  db::testing::ScratchSchemas scratch(*base, "busy");
  const auto& settings = scratch.settings();
  prepare(settings);
  auto before = content_hashes(settings);

  auto holder = open(settings);
  REQUIRE_OK(holder->query("BEGIN"));
  REQUIRE_OK(conflict::take_run_lock(*holder, settings.schemas, conflict::RunLockMode::kExclusive));

  pipeline::TaskRequest request = task_03(settings);
  NullLogger log;
  auto run = pipeline::run_task(request, log);
  REQUIRE(run.outcome);
  REQUIRE_FALSE(run.outcome->result);
  CHECK(run.outcome->result.error().name == "Database.Busy");
  CHECK_THAT(run.outcome->result.error().cause, Catch::Contains("another conflictctl task"));
  CHECK(run.seconds < 5);

  // `db seed` takes the same lock: refused at once, instead of queueing its TRUNCATE behind
  // the run (and every task behind the TRUNCATE). Regression (issue 14).
  SystemClock clock;
  const Timestamp seeding = clock.now();
  auto seeder = open(settings);
  conflict::SeedOptions options;
  options.visits = 100;
  options.today = conflict::utc_date(clock.now());
  auto seeded = conflict::seed_database(*seeder, settings.schemas, options);
  REQUIRE_FALSE(seeded);
  CHECK(seeded.error().name == "Database.Busy");
  CHECK_THAT(seeded.error().cause, Catch::StartsWith("db seed: another conflictctl task is running"));
  CHECK(millis_to_seconds(clock.now() - seeding) < 5);

  REQUIRE_OK(holder->query("ROLLBACK"));
  CHECK(content_hashes(settings) == before);
}

// A real session with a fault planted before one statement: `before` runs first (on the same
// connection or another) and decides whether the statement itself is still sent.
class FaultySession final : public db::Session {
 public:
  using Fault = std::function<std::optional<Error>(db::Session& self, std::string_view sql)>;
  FaultySession(std::unique_ptr<db::Session> inner, Fault fault)
      : inner_(std::move(inner)), fault_(std::move(fault)) {}
  Result<db::Rows> query(std::string_view sql, const db::Params& params) override {
    if (auto error = fault_(*inner_, sql)) return *error;
    return inner_->query(sql, params);
  }
  Result<void> execute_script(std::string_view sql) override {
    return inner_->execute_script(sql);
  }
  Result<std::int64_t> copy_in(std::string_view table, const std::vector<std::string>& columns,
                               const db::RowSource& rows) override {
    return inner_->copy_in(table, columns, rows);
  }
  void cancel() override { inner_->cancel(); }
  void clear_cancel() override { inner_->clear_cancel(); }
  bool healthy() const override { return inner_->healthy(); }

 private:
  std::unique_ptr<db::Session> inner_;
  Fault fault_;
};

db::Connector faulty_connector(const db::ConnectionSettings& settings,
                               FaultySession::Fault fault) {
  return [settings, fault]() -> Result<std::unique_ptr<db::Session>> {
    auto session = db::connect(settings);
    if (!session) return session.error();
    return std::unique_ptr<db::Session>(
        std::make_unique<FaultySession>(std::move(*session), fault));
  };
}

TEST_CASE("a connection killed in the middle of a task is retried and the run succeeds",
          "[integration]") {
  REQUIRE_TEST_DATABASE(base);
  db::testing::ScratchSchemas scratch(*base, "killed");
  const auto& settings = scratch.settings();
  prepare(settings);
  run_pipeline(settings, "conflict_report_daily");

  // The first UPDATE of the run (inside TASK_01's transaction) finds its connection terminated
  // by the server (pg_terminate_backend from another connection), as when a database restarts.
  auto killed = std::make_shared<std::atomic<bool>>(false);
  auto admin = std::shared_ptr<db::Session>(open(settings));
  pipeline::RunRequest request;
  request.pipeline = "conflict_report";
  request.mode = tasks::TaskMode::kDatabase;
  request.database = settings;
  request.virtual_clock = false;
  request.connector = faulty_connector(
      settings, [killed, admin](db::Session& self, std::string_view sql) -> std::optional<Error> {
        if (sql.find("UPDATE ") == std::string_view::npos || killed->exchange(true))
          return std::nullopt;
        // (No Catch2 assertions here: this runs on a worker thread.)
        if (auto pid = self.query("SELECT pg_backend_pid()"))
          (void)admin->query("SELECT pg_terminate_backend($1::int)", {pid->at(0, 0)});
        return std::nullopt;
      });
  NullLogger log;
  auto outcome = pipeline::run(request, log);
  REQUIRE(outcome.result);
  CHECK(*killed);
  CHECK(outcome.result->status == engine::ExecutionStatus::kSucceeded);
  auto history = outcome.result->history.to_json().dump();
  CHECK_THAT(history, Catch::Contains("Database.ConnectionLost"));
  CHECK(check(settings).differences.empty());
}

TEST_CASE("a task cancelled at its deadline just before COMMIT leaves nothing written",
          "[integration]") {
  REQUIRE_TEST_DATABASE(base);
  db::testing::ScratchSchemas scratch(*base, "deadline");
  const auto& settings = scratch.settings();
  prepare(settings);
  auto before = content_hashes(settings);

  // TASK_03 has written its rows; before COMMIT its connection runs a long statement, which
  // the deadline cancels on the server (PQcancel).
  pipeline::TaskRequest request = task_03(settings);
  request.timeout_seconds = 2;
  request.connector =
      faulty_connector(settings, [](db::Session& self, std::string_view sql) -> std::optional<Error> {
        if (sql != "COMMIT") return std::nullopt;
        auto slept = self.query("SELECT pg_sleep(60)");
        if (!slept) return slept.error();
        return std::nullopt;
      });
  NullLogger log;
  auto run = pipeline::run_task(request, log);
  REQUIRE(run.outcome);
  REQUIRE_FALSE(run.outcome->result);
  CHECK(run.outcome->result.error().name == "States.Timeout");
  CHECK(run.seconds < 10);
  CHECK(content_hashes(settings) == before);
  CHECK(count(settings, "SELECT count(*) FROM {conflict}.conflictvisitmaps") == 0);
  CHECK(run_lock_free(settings));
}

// Regression (issue 14): the server going silent mid-task (a network that drops everything)
// stalled the run for good: PQcancel waited on the cancel request's connection, and the
// statement's own wait never ended. Now the run ends inside its budget (the deadline, then
// 5 s for the cancel), and the server-side backstop (idle_in_transaction_session_timeout,
// set just beyond the deadline) ends the orphaned transaction, so the run lock comes free and
// nothing is written.
TEST_CASE("a task whose server goes silent mid-task ends inside its budget, the lock comes free",
          "[integration]") {
  REQUIRE_TEST_DATABASE(base);
  db::testing::ScratchSchemas scratch(*base, "silent");
  const auto& settings = scratch.settings();
  prepare(settings);
  auto before = content_hashes(settings);

  db::testing::BlackholeProxy proxy(settings.host, settings.port);
  db::ConnectionSettings through = settings;
  through.port = proxy.port();
  pipeline::TaskRequest request = task_03(through);
  request.timeout_seconds = 2;
  // TASK_03 has written its rows; its COMMIT goes into the black hole.
  request.connector = faulty_connector(
      through, [&proxy](db::Session&, std::string_view sql) -> std::optional<Error> {
        if (sql == "COMMIT") proxy.cut();
        return std::nullopt;
      });
  NullLogger log;
  auto run = pipeline::run_task(request, log);
  REQUIRE(run.outcome);
  REQUIRE_FALSE(run.outcome->result);
  INFO(run.outcome->result.error());
  CHECK(run.outcome->result.error().name == "States.Timeout");
  CHECK_THAT(run.outcome->result.error().cause, Catch::Contains("Database.ConnectionLost"));
  CHECK(run.seconds < 2 + db::kCancelGraceMillis / 1000.0 + 3);
  CHECK(proxy.silent_connections() >= 1);  // the cancel request, never answered

  // The server still holds the transaction open (the proxy keeps its connection) until the
  // backstop ends it: at most the 2 s deadline + 5 s after BEGIN.
  SystemClock clock;
  const Timestamp until = clock.now() + Millis(20000);
  bool free = false;
  while (!(free = run_lock_free(settings)) && clock.now() < until) wait_for(clock, 250);
  CHECK(free);
  CHECK(content_hashes(settings) == before);
}

}  // namespace
}  // namespace conflictctl

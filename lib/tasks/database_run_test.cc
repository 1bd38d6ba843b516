#include "tasks/database_run.h"

#include <catch2/catch.hpp>

#include "core/clock.h"
#include "core/logger.h"
#include "db/database.h"
#include "db/fake_session.h"
#include "db/schema.h"

using namespace conflictctl;
using namespace conflictctl::tasks;

namespace {

// A task database whose pool hands out one FakeSession, answering the schema check.
struct FakeDatabase {
  db::FakeSession* session = nullptr;
  std::shared_ptr<TaskDatabase> database = std::make_shared<TaskDatabase>();

  FakeDatabase() {
    database->pool = std::make_shared<db::Pool>(1, [this]() -> Result<std::unique_ptr<db::Session>> {
      auto fake = std::make_unique<db::FakeSession>();
      fake->respond("to_regclass", db::Rows({"present"}, {{"t"}}, 1), db::FakeSession::kAlways);
      fake->respond("max(version)", db::Rows({"version"}, {{std::to_string(db::kSchemaVersion)}}, 1),
                    db::FakeSession::kAlways);
      session = fake.get();
      return std::unique_ptr<db::Session>(std::move(fake));
    });
  }
};

const Timestamp kStart = *parse_timestamp("2024-01-02T03:04:05Z");

}  // namespace

TEST_CASE("database run: backstop values follow the time left") {
  CHECK(backstop_millis(std::nullopt) == BackstopMillis{0, 30000});
  CHECK(backstop_millis(12.5) == BackstopMillis{17500, 17500});
  CHECK(backstop_millis(600) == BackstopMillis{605000, 30000});
  CHECK(backstop_millis(0) == BackstopMillis{5000, 5000});
  CHECK(backstop_millis(1e300) == BackstopMillis{86'405'000, 30000});
}

// Regression (issue 14): a statement whose cancel never reached the server ran on, holding
// the run lock, and later runs failed Database.Busy. Every task transaction now sets
// server-side limits just beyond the deadline, as bind parameters.
TEST_CASE("database run: every task transaction begins with statement and lock timeouts") {
  FakeDatabase fake;
  VirtualClock clock(kStart);
  NullLogger log;
  CancellationSource cancel;
  engine::TaskContext context{clock, kStart + Millis(20000), cancel.token(), log};
  DatabaseRun run = run_on_database(*fake.database, context, "task_01", [](conflict::Job& job) {
    auto done = db::in_transaction(job.session, [&]() -> Result<void> {
      auto work = job.session.query("SELECT 1");
      if (!work) return work.error();
      return {};
    });
    if (!done) return Result<Json>(done.error());
    return Result<Json>(Json::object());
  });
  REQUIRE(run.result.ok());
  const auto statements = fake.session->statements();
  std::size_t begin = 0;
  while (begin < statements.size() && statements[begin].sql != "BEGIN") ++begin;
  REQUIRE(begin + 3 < statements.size());
  const auto& limits = statements[begin + 1];
  CHECK(limits.sql ==
        "SELECT set_config('statement_timeout', $1, true), "
        "set_config('idle_in_transaction_session_timeout', $1, true), "
        "set_config('lock_timeout', $2, true)");
  CHECK(limits.params == db::Params{std::string("25000"), std::string("25000")});
  CHECK(statements[begin + 2].sql == "SELECT 1");
  CHECK(statements[begin + 3].sql == "COMMIT");
}

namespace {
class CountingBeats final : public engine::HeartbeatReporter {
 public:
  void beat() override { ++beats; }
  int beats = 0;
};
}  // namespace

// HeartbeatSeconds on the real clock (engine/heartbeat.h): each statement that returns is a
// heartbeat, so a state's HeartbeatSeconds bounds how long one statement may run.
TEST_CASE("database run: every statement the task runs sends a heartbeat") {
  FakeDatabase fake;
  VirtualClock clock(kStart);
  NullLogger log;
  CancellationSource cancel;
  CountingBeats beats;
  engine::TaskContext context{clock, kStart + Millis(20000), cancel.token(), log};
  context.heartbeats = &beats;
  DatabaseRun run = run_on_database(*fake.database, context, "task_01", [](conflict::Job& job) {
    auto done = db::in_transaction(job.session, [&]() -> Result<void> {
      for (int i = 0; i < 3; ++i) {
        auto work = job.session.query("SELECT 1");
        if (!work) return work.error();
      }
      return {};
    });
    if (!done) return Result<Json>(done.error());
    return Result<Json>(Json::object());
  });
  REQUIRE(run.result.ok());
  // Every statement but the backstops' set_config, which BEGIN runs itself.
  CHECK(beats.beats == static_cast<int>(fake.session->statements().size()) - 1);
  CHECK(beats.beats >= 5);  // the schema check, BEGIN, three SELECTs, COMMIT
}

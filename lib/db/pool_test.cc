#include "db/pool.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include "db/fake_session.h"

using namespace conflictctl;
using namespace conflictctl::db;

namespace {

// A connector of FakeSessions that remembers each one it opened.
struct FakeConnector {
  std::mutex mutex;
  std::vector<FakeSession*> opened;
  std::optional<Error> fail_next;

  Connector connector() {
    return [this]() -> Result<std::unique_ptr<Session>> {
      std::lock_guard lock(mutex);
      if (fail_next) {
        Error error = *fail_next;
        fail_next.reset();
        return error;
      }
      auto session = std::make_unique<FakeSession>();
      opened.push_back(session.get());
      return std::unique_ptr<Session>(std::move(session));
    };
  }
  std::size_t count() {
    std::lock_guard lock(mutex);
    return opened.size();
  }
};

// Waits up to `millis` of real time for `ready` to become ready.
template <class T>
bool ready_within(std::future<T>& ready, int millis) {
  return ready.wait_for(std::chrono::milliseconds(millis)) == std::future_status::ready;
}

}  // namespace

TEST_CASE("pool: sessions are opened lazily and reused") {
  FakeConnector fake;
  Pool pool(3, fake.connector());
  CHECK(fake.count() == 0);
  {
    auto lease = pool.acquire();
    REQUIRE(lease.ok());
    CHECK(fake.count() == 1);
  }
  auto again = pool.acquire();
  REQUIRE(again.ok());
  CHECK(fake.count() == 1);
  CHECK(&again->session() == fake.opened[0]);
  CHECK(pool.open_sessions() == 1);
}

TEST_CASE("pool: acquire blocks while all N sessions are leased") {
  FakeConnector fake;
  Pool pool(2, fake.connector());
  auto first = pool.acquire();
  auto second = pool.acquire();
  REQUIRE(first.ok());
  REQUIRE(second.ok());

  auto third = std::async(std::launch::async, [&] {
    auto lease = pool.acquire();
    REQUIRE(lease.ok());
    return &lease->session();
  });
  CHECK_FALSE(ready_within(third, 100));
  Session* given_back = &first->session();
  first->release();
  REQUIRE(ready_within(third, 5000));
  CHECK(third.get() == given_back);
  CHECK(fake.count() == 2);
}

TEST_CASE("pool: cancelling the token reaches the leased session") {
  FakeConnector fake;
  Pool pool(1, fake.connector());
  CancellationSource source;
  auto lease = pool.acquire(source.token());
  REQUIRE(lease.ok());
  source.cancel();
  CHECK(fake.opened[0]->cancel_count() == 1);
}

TEST_CASE("pool: a released lease is disarmed: its token no longer reaches the session") {
  FakeConnector fake;
  Pool pool(1, fake.connector());
  CancellationSource earlier;
  {
    auto lease = pool.acquire(earlier.token());
    REQUIRE(lease.ok());
  }
  CancellationSource later;
  auto lease = pool.acquire(later.token());
  REQUIRE(lease.ok());
  earlier.cancel();
  CHECK(fake.opened[0]->cancel_count() == 0);
  later.cancel();
  CHECK(fake.opened[0]->cancel_count() == 1);
}

TEST_CASE("pool: an unhealthy session is dropped and replaced by a new one") {
  FakeConnector fake;
  Pool pool(1, fake.connector());
  {
    auto lease = pool.acquire();
    REQUIRE(lease.ok());
    auto lost = Error{"Database.ConnectionLost", "server closed the connection"};
    fake.opened[0]->fail("SELECT", lost);
    CHECK_FALSE((*lease)->query("SELECT 1").ok());
    CHECK_FALSE((*lease)->healthy());
  }
  CHECK(pool.open_sessions() == 0);
  auto lease = pool.acquire();
  REQUIRE(lease.ok());
  CHECK(fake.count() == 2);
  CHECK(&lease->session() == fake.opened[1]);
  CHECK((*lease)->query("SELECT 1").ok());
}

TEST_CASE("pool: a failed connect is returned and frees its slot") {
  FakeConnector fake;
  Pool pool(1, fake.connector());
  fake.fail_next = Error{"Database.ConnectionFailed", "could not connect to u@h:1/d: refused"};
  auto failed = pool.acquire();
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error() == Error{"Database.ConnectionFailed", "could not connect to u@h:1/d: refused"});
  CHECK(pool.open_sessions() == 0);
  CHECK(pool.acquire().ok());
}

TEST_CASE("pool: a cancelled token stops a waiting acquire") {
  FakeConnector fake;
  Pool pool(1, fake.connector());
  auto held = pool.acquire();
  REQUIRE(held.ok());
  CancellationSource source;
  auto waiting = std::async(std::launch::async, [&] { return pool.acquire(source.token()); });
  CHECK_FALSE(ready_within(waiting, 50));
  source.cancel();
  REQUIRE(ready_within(waiting, 5000));
  auto result = waiting.get();
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().name == "Database.Canceled");
  CHECK(pool.open_sessions() == 1);
}

TEST_CASE("pool: a lease may outlive its pool") {
  FakeConnector fake;
  std::optional<Pool::Lease> lease;
  {
    Pool pool(1, fake.connector());
    auto acquired = pool.acquire();
    REQUIRE(acquired.ok());
    lease.emplace(std::move(acquired.value()));
  }
  CHECK((*lease)->query("SELECT 1").ok());
  lease.reset();
}

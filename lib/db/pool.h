#pragma once
// A pool of up to N database sessions (N = MAX_WORKERS), shared by the tasks that run at the
// same time.
//
// Sessions are opened lazily, by the pool's `Connector`, the first time all open ones are
// leased and fewer than N exist. `acquire` hands out one session as a `Lease`; while all N
// are leased it blocks until one comes back. While a Lease is held, cancelling the token given
// to `acquire` calls the session's cancel() (PQcancel for a real session), so a deadline stops
// the running statement. When the Lease is released the link to the token is cut: a later
// cancel of that token never reaches the session's next user. A cancel that arrives between
// two statements makes the next ones fail with Database.Canceled (Session::cancel); the
// release calls the session's clear_cancel().
//
// A session that is !healthy() when its Lease is released (its connection broke) is closed
// and not reused; the next acquire opens a new one in its place. That is how a retry after
// Database.ConnectionLost gets a working connection.
//
// Ownership: the pool owns its idle sessions; a Lease owns its session until released and
// may outlive the Pool (the session is then closed on release). Thread safety: acquire and
// Lease release may be called from any thread; one Lease is used by one thread at a time.
#include <functional>
#include <memory>

#include "core/cancellation.h"
#include "core/error.h"
#include "db/database.h"
#include "db/settings.h"

namespace conflictctl::db {

// Opens one session; connect() (db/postgres.h) in production, a fake in unit tests.
using Connector = std::function<Result<std::unique_ptr<Session>>()>;

class Pool {
 public:
  class Lease;

  // `size` is clamped to at least 1.
  Pool(int size, Connector connector);
  Pool(Pool&&) noexcept = default;
  Pool& operator=(Pool&&) noexcept = default;
  ~Pool();

  // A session for the caller's exclusive use until the Lease is destroyed or release()d.
  // Blocks while all `size()` sessions are leased. Errors: the Connector's error (e.g.
  // Database.ConnectionFailed) when opening a new session fails; Database.Canceled when
  // `cancel` is cancelled before a session was handed out (also while waiting).
  Result<Lease> acquire(const CancellationToken& cancel = CancellationToken());

  int size() const;
  // Sessions open now, leased or idle (for tests and status output).
  int open_sessions() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

class Pool::Lease {
 public:
  Lease(Lease&& other) noexcept = default;
  Lease& operator=(Lease&& other) noexcept;
  ~Lease() { release(); }

  Session& session() const { return *session_; }
  Session& operator*() const { return *session_; }
  Session* operator->() const { return session_.get(); }

  // Gives the session back to the pool now (idempotent); the Lease is empty afterwards.
  void release();

 private:
  friend class Pool;
  struct Arm;
  Lease(std::shared_ptr<State> pool, std::unique_ptr<Session> session, std::shared_ptr<Arm> arm);

  std::shared_ptr<State> pool_;
  std::unique_ptr<Session> session_;
  std::shared_ptr<Arm> arm_;  // shared with the token's callback; disarmed on release
};

// A pool of settings.max_workers sessions opened with connect(settings).
Pool make_pool(const ConnectionSettings& settings);

}  // namespace conflictctl::db

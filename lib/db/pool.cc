#include "db/pool.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <vector>

#include "db/postgres.h"

namespace conflictctl::db {

struct Pool::State {
  int size = 1;
  Connector connector;
  std::mutex mutex;
  std::condition_variable available;
  std::vector<std::unique_ptr<Session>> idle;
  int open = 0;  // idle + leased + being opened
};

// What a token's callback reaches: the leased session, or nothing once released.
struct Pool::Lease::Arm {
  std::mutex mutex;
  Session* session = nullptr;
};

namespace {

Error canceled_while_waiting() {
  return Error{std::string(error_names::kCanceled),
               "canceled while waiting for a database connection"};
}

}  // namespace

Pool::Pool(int size, Connector connector) : state_(std::make_shared<State>()) {
  state_->size = std::max(size, 1);
  state_->connector = std::move(connector);
}

Pool::~Pool() = default;

int Pool::size() const { return state_->size; }

int Pool::open_sessions() const {
  std::lock_guard lock(state_->mutex);
  return state_->open;
}

Result<Pool::Lease> Pool::acquire(const CancellationToken& cancel) {
  State& state = *state_;
  // Wakes this waiter when the token is cancelled; harmless after the pool is gone.
  bool wake_registered = false;
  std::unique_ptr<Session> session;
  {
    std::unique_lock lock(state.mutex);
    while (true) {
      if (cancel.cancelled()) return canceled_while_waiting();
      if (!state.idle.empty()) {
        session = std::move(state.idle.back());
        state.idle.pop_back();
        break;
      }
      if (state.open < state.size) {
        ++state.open;
        break;  // opens a new one below, outside the lock
      }
      if (!wake_registered) {
        wake_registered = true;
        std::weak_ptr<State> weak = state_;
        lock.unlock();
        cancel.on_cancel([weak] {
          if (auto pool = weak.lock()) {
            std::lock_guard guard(pool->mutex);
            pool->available.notify_all();
          }
        });
        lock.lock();
        continue;
      }
      state.available.wait(lock);
    }
  }
  if (!session) {
    auto opened = state.connector();
    if (!opened || !*opened) {
      std::lock_guard lock(state.mutex);
      --state.open;
      state.available.notify_one();
      if (!opened) return opened.error();
      return Error{std::string(error_names::kConnectionFailed), "the connector returned no session"};
    }
    session = std::move(opened.value());
  }
  auto arm = std::make_shared<Lease::Arm>();
  arm->session = session.get();
  Lease lease(state_, std::move(session), arm);
  cancel.on_cancel([arm] {
    std::lock_guard lock(arm->mutex);
    if (arm->session) arm->session->cancel();
  });
  if (cancel.cancelled()) return canceled_while_waiting();  // the lease goes back at once
  return lease;
}

Pool::Lease::Lease(std::shared_ptr<State> pool, std::unique_ptr<Session> session,
                   std::shared_ptr<Arm> arm)
    : pool_(std::move(pool)), session_(std::move(session)), arm_(std::move(arm)) {}

Pool::Lease& Pool::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    release();
    pool_ = std::move(other.pool_);
    session_ = std::move(other.session_);
    arm_ = std::move(other.arm_);
  }
  return *this;
}

void Pool::Lease::release() {
  if (!session_) return;
  if (arm_) {
    std::lock_guard lock(arm_->mutex);  // waits for a cancel() in progress
    arm_->session = nullptr;
  }
  arm_.reset();
  session_->clear_cancel();  // the next user starts uncancelled
  std::unique_ptr<Session> dropped;
  {
    std::lock_guard lock(pool_->mutex);
    if (session_->healthy()) {
      pool_->idle.push_back(std::move(session_));
    } else {
      dropped = std::move(session_);
      --pool_->open;
    }
    pool_->available.notify_one();
  }
  pool_.reset();
  // `dropped` closes its connection here, outside the pool's lock.
}

Pool make_pool(const ConnectionSettings& settings) {
  return Pool(settings.max_workers, [settings] { return connect(settings); });
}

}  // namespace conflictctl::db

#pragma once
// Time only through a Clock. Nothing else in conflictctl reads the wall time or sleeps.
//
// The engine's event loop asks the clock for `now()` and, when it has nothing to do before a
// future instant, calls `wait_until(...)`. The real clock blocks on the condition variable
// (woken early when a worker thread posts a task result). The virtual clock jumps: it sets
// its time to the instant and returns at once, so Wait states, retry backoff and timeouts take
// no real time while every timestamp is what AWS would show.
//
// Thread safety: now() may be called from any thread; wait_until() only from the loop thread.
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>

#include "core/timestamp.h"

namespace conflictctl {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
  virtual bool is_virtual() const = 0;
  // Waits (real) or jumps (virtual) to `until`; may return early when `wake` is notified.
  virtual void wait_until(std::condition_variable& wake, std::unique_lock<std::mutex>& lock,
                          Timestamp until) = 0;
};

// Wall time (system_clock), truncated to milliseconds.
class SystemClock final : public Clock {
 public:
  Timestamp now() const override;
  bool is_virtual() const override { return false; }
  void wait_until(std::condition_variable& wake, std::unique_lock<std::mutex>& lock,
                  Timestamp until) override;
};

// Simulated time starting at `start`; advances only when the loop waits.
class VirtualClock final : public Clock {
 public:
  explicit VirtualClock(Timestamp start) : now_(start.time_since_epoch().count()) {}
  Timestamp now() const override { return Timestamp{Millis{now_.load()}}; }
  bool is_virtual() const override { return true; }
  void wait_until(std::condition_variable& wake, std::unique_lock<std::mutex>& lock,
                  Timestamp until) override;
  void advance_to(Timestamp t);

 private:
  std::atomic<long long> now_;
};

}  // namespace conflictctl

#include "core/clock.h"

namespace conflictctl {

Timestamp SystemClock::now() const {
  return std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now());
}

void SystemClock::wait_until(std::condition_variable& wake, std::unique_lock<std::mutex>& lock,
                             Timestamp until) {
  wake.wait_until(lock, until);
}

void VirtualClock::wait_until(std::condition_variable&, std::unique_lock<std::mutex>&,
                              Timestamp until) {
  advance_to(until);
}

void VirtualClock::advance_to(Timestamp t) {
  long long target = t.time_since_epoch().count();
  long long current = now_.load();
  while (target > current && !now_.compare_exchange_weak(current, target)) {
  }
}

}  // namespace conflictctl

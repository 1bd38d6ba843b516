#pragma once
// Cooperative cancellation, shared between the engine and the task it started.
//
// The engine keeps a CancellationSource per task invocation and calls cancel() when the
// state's deadline passes or the execution stops. The task polls `cancelled()` or registers a
// callback (the database wrapper registers PQcancel; the HTTP client aborts its transfer).
// Thread-safe: cancel() may be called from any thread; callbacks run on the cancelling
// thread, once; a callback registered after cancellation runs at once.
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace conflictctl {

class CancellationToken {
 public:
  CancellationToken();
  bool cancelled() const;
  void on_cancel(std::function<void()> callback) const;

 private:
  friend class CancellationSource;
  struct Shared {
    std::atomic<bool> cancelled{false};
    std::mutex mutex;
    std::vector<std::function<void()>> callbacks;
  };
  std::shared_ptr<Shared> shared_;
};

class CancellationSource {
 public:
  CancellationToken token() const { return token_; }
  void cancel();

 private:
  CancellationToken token_;
};

}  // namespace conflictctl

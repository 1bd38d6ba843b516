#include "aws/fake_http.h"

#include <utility>

namespace conflictctl::aws {

void FakeHttpClient::set_handler(Handler handler) {
  std::lock_guard lock(mutex_);
  handler_ = std::move(handler);
}

void FakeHttpClient::queue(Result<HttpResponse> response) {
  std::lock_guard lock(mutex_);
  queued_.push_back(std::move(response));
}

std::vector<HttpRequest> FakeHttpClient::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

Result<HttpResponse> FakeHttpClient::send(const HttpRequest& request, const HttpLimits& limits) {
  Handler handler;
  {
    std::lock_guard lock(mutex_);
    requests_.push_back(request);
    if (!queued_.empty()) {
      Result<HttpResponse> next = std::move(queued_.front());
      queued_.erase(queued_.begin());
      return next;
    }
    handler = handler_;
  }
  // Called without the lock, so a handler may block (a test of concurrency or cancellation).
  if (!handler)
    return Error{"Http.ConnectionFailed", "FakeHttpClient: no queued response and no handler"};
  return handler(request, limits);
}

}  // namespace conflictctl::aws

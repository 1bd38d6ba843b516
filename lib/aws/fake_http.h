#pragma once
// An in-memory HttpClient for unit tests: every request is recorded, and a handler the test
// sets answers it (a response or an Error, e.g. Http.Timeout). Without a handler every
// request fails with Http.ConnectionFailed. Thread-safe.
#include <functional>
#include <mutex>
#include <vector>

#include "aws/http.h"

namespace conflictctl::aws {

class FakeHttpClient final : public HttpClient {
 public:
  using Handler = std::function<Result<HttpResponse>(const HttpRequest&, const HttpLimits&)>;

  void set_handler(Handler handler);
  // Answers the next requests with these, in order; then falls back to the handler.
  void queue(Result<HttpResponse> response);
  std::vector<HttpRequest> requests() const;  // every request sent so far, in order

  Result<HttpResponse> send(const HttpRequest& request, const HttpLimits& limits) override;

 private:
  mutable std::mutex mutex_;
  Handler handler_;
  std::vector<Result<HttpResponse>> queued_;
  std::vector<HttpRequest> requests_;
};

}  // namespace conflictctl::aws

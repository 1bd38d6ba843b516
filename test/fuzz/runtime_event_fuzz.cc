// libFuzzer entry point: the Runtime API's answer to "next invocation" (read as
// http_input.h says: status, Lambda-Runtime-* headers, the event as body) → one turn of
// tasks::serve_invocations with a task that returns its event. Whatever the answer: the loop
// returns (success, or the Runtime API's error), and what it posts back — the result or an
// error document — is JSON that reads back.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "aws/fake_http.h"
#include "aws/runtime_api.h"
#include "core/clock.h"
#include "core/json_text.h"
#include "core/logger.h"
#include "http_input.h"
#include "tasks/function_runtime.h"

using namespace conflictctl;

namespace {

// Succeeds with the event it was given.
class Echo final : public engine::TaskRunner {
 public:
  engine::TaskOutcome invoke(const engine::TaskInvocation& invocation, engine::TaskContext&) override {
    return engine::TaskOutcome::success(invocation.payload);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  aws::FakeHttpClient http;
  http.queue(fuzz::http_response(data, size));
  http.set_handler([](const aws::HttpRequest& request, const aws::HttpLimits&) -> Result<aws::HttpResponse> {
    if (request.method == "GET") return Error{"Http.ConnectionFailed", "one event only"};
    return aws::HttpResponse{202, {}, R"({"status":"OK"})"};
  });
  aws::RuntimeApi api(http, "127.0.0.1:9001");
  Echo runner;
  VirtualClock clock(*parse_timestamp("2024-01-01T00:00:00Z"));
  NullLogger log;
  tasks::RuntimeOptions options;
  options.function_name = "fuzz-function";
  options.max_invocations = 1;
  (void)tasks::serve_invocations(api, runner, clock, log, options);

  const std::vector<aws::HttpRequest> requests = http.requests();
  if (requests.empty() || requests[0].method != "GET") __builtin_trap();
  for (std::size_t i = 1; i < requests.size(); ++i)
    if (!parse_json_text(requests[i].body, "posted")) __builtin_trap();
  return 0;
}

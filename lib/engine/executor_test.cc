// The engine on the real clock: tasks run on worker threads, deadlines cancel them.
// (Virtual-clock behaviour is covered by the golden tests in test/golden/.)
#include "engine/executor.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <condition_variable>
#include <mutex>

#include "asl/parser.h"

namespace conflictctl::engine {
namespace {

std::shared_ptr<const asl::StateMachine> machine(const std::string& text) {
  auto loaded = asl::parse_definition(text, "test.asl.json");
  for (const auto& diagnostic : loaded.diagnostics) FAIL(diagnostic.to_string());
  return loaded.machine;
}

// Doubles the number it is given, on whichever worker thread calls it.
class Doubler final : public engine::TaskRunner {
 public:
  engine::TaskOutcome invoke(const engine::TaskInvocation& invocation,
                            engine::TaskContext&) override {
    ++calls;
    return engine::TaskOutcome::success(invocation.payload.get<int>() * 2);
  }
  std::atomic<int> calls{0};
};

// Runs until it is cancelled, then reports whether the token fired.
class Hangs final : public engine::TaskRunner {
 public:
  engine::TaskOutcome invoke(const engine::TaskInvocation&, engine::TaskContext& context) override {
    std::unique_lock lock(mutex_);
    context.cancel.on_cancel([this] {
      std::lock_guard inner(mutex_);
      cancelled_ = true;
      wake_.notify_all();
    });
    wake_.wait(lock, [this] { return cancelled_; });
    return engine::TaskOutcome::success("too late");
  }
  bool cancelled() {
    std::lock_guard lock(mutex_);
    return cancelled_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool cancelled_ = false;
};

}  // namespace

TEST_CASE("a Map on the real clock runs its tasks on workers and keeps item order") {
  auto definition = machine(R"({"StartAt": "M", "States": {"M": {"Type": "Map",
      "MaxConcurrency": 2, "ItemProcessor": {"StartAt": "T", "States": {
      "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:double", "End": true}}},
      "End": true}}})");
  Doubler runner;
  SystemClock clock;
  NullLogger log;
  ExecutionOptions options;
  options.input = Json::parse("[1, 2, 3, 4, 5]");
  options.max_workers = 2;
  auto result = execute(*definition, options, {runner, clock, log});
  CHECK(result.status == ExecutionStatus::kSucceeded);
  CHECK(result.output == Json::parse("[2, 4, 6, 8, 10]"));
  CHECK(runner.calls == 5);
}

TEST_CASE("a task past its TimeoutSeconds on the real clock is cancelled and times out") {
  auto definition = machine(R"({"StartAt": "T", "States": {
      "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:hang",
            "TimeoutSeconds": 1,
            "Catch": [{"ErrorEquals": ["States.Timeout"], "ResultPath": "$.error", "Next": "Done"}],
            "End": true},
      "Done": {"Type": "Pass", "End": true}}})");
  Hangs runner;
  SystemClock clock;
  NullLogger log;
  auto result = execute(*definition, {}, {runner, clock, log});
  CHECK(result.status == ExecutionStatus::kSucceeded);
  CHECK(result.output.at("error").at("Error") == "States.Timeout");
  CHECK(runner.cancelled());
  auto elapsed = result.stopped - result.started;
  CHECK(elapsed >= Millis{1000});
  CHECK(elapsed < Millis{5000});
  bool timed_out = false;
  for (const auto& event : result.history.events())
    timed_out = timed_out || event.type == "LambdaFunctionTimedOut";
  CHECK(timed_out);
}

}  // namespace conflictctl::engine

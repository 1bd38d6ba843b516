#include "engine/heartbeat.h"

#include <catch2/catch.hpp>

#include <condition_variable>
#include <mutex>

#include "asl/parser.h"
#include "engine/executor.h"

namespace conflictctl::engine {
namespace {

TEST_CASE("a heartbeat is missed when more than HeartbeatSeconds pass without one") {
  // From the start to the first heartbeat, between two, from the last to the end.
  CHECK(missed_heartbeat({}, 5, 5) == std::nullopt);  // exactly HeartbeatSeconds is in time
  CHECK(missed_heartbeat({}, 5.001, 5) == 5.0);
  CHECK(missed_heartbeat({6}, 8, 5) == 5.0);
  CHECK(missed_heartbeat({4, 8}, 10, 5) == std::nullopt);
  CHECK(missed_heartbeat({4, 10}, 12, 5) == 9.0);
  CHECK(missed_heartbeat({4}, 12, 5) == 9.0);
  CHECK(missed_heartbeat({4, 9, 14}, 19, 5) == std::nullopt);
}

TEST_CASE("a missed heartbeat is seen as States.Timeout naming HeartbeatSeconds") {
  Error error = heartbeat_timeout(5);
  CHECK(is_missed_heartbeat(error));
  CHECK(as_timeout(error) ==
        Error{"States.Timeout",
              "The task sent no heartbeat for more than its HeartbeatSeconds (5 s)."});
  CHECK_FALSE(is_missed_heartbeat(as_timeout(error)));
}

}  // namespace
}  // namespace conflictctl::engine

// HeartbeatSeconds on the real clock: tasks run on workers and send heartbeats through
// TaskContext::heartbeat(); the loop times them. HeartbeatSeconds is at least 1 s, so these
// take a second or two; every wait is on a condition, never a fixed sleep that could flake.
namespace conflictctl::engine {
namespace {

std::shared_ptr<const asl::StateMachine> task_machine(const std::string& resource,
                                                      const std::string& fields) {
  auto loaded = asl::parse_definition(
      R"({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": ")" + resource +
          R"(", )" + fields + R"(, "End": true}}})",
      "test.asl.json");
  for (const auto& diagnostic : loaded.diagnostics) FAIL(diagnostic.to_string());
  return loaded.machine;
}

// Sends `beats` heartbeats, one every `every`, then waits for `then` (or until cancelled) and
// answers; records whether it was cancelled. Declares heartbeats when `declares`.
class Beating final : public TaskRunner {
 public:
  Beating(bool declares, int beats, Millis every, Millis then)
      : declares_(declares), beats_(beats), every_(every), then_(then) {}

  TaskOutcome invoke(const TaskInvocation&, TaskContext& context) override {
    context.cancel.on_cancel([this] {
      std::lock_guard lock(mutex_);
      cancelled_ = true;
      wake_.notify_all();
    });
    std::unique_lock lock(mutex_);
    for (int i = 0; i < beats_; ++i) {
      if (wake_.wait_for(lock, every_, [this] { return cancelled_; })) break;
      context.heartbeat();
    }
    wake_.wait_for(lock, then_, [this] { return cancelled_; });
    return TaskOutcome::success("done");
  }
  bool sends_heartbeats(const TaskInvocation&) const override { return declares_; }
  bool cancelled() {
    std::lock_guard lock(mutex_);
    return cancelled_;
  }

 private:
  bool declares_;
  int beats_;
  Millis every_, then_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool cancelled_ = false;
};

// A callback nobody answers.
class Silent final : public TaskRunner {
 public:
  TaskOutcome invoke(const TaskInvocation& invocation, TaskContext&) override {
    token = invocation.task_token;
    return TaskOutcome::no_answer();
  }
  std::string token;
};

const HistoryEvent* find_event(const ExecutionResult& result, std::string_view type) {
  for (const auto& event : result.history.events())
    if (event.type == type) return &event;
  return nullptr;
}

}  // namespace

TEST_CASE("on the real clock a task that sends heartbeats in time runs past HeartbeatSeconds") {
  auto definition = task_machine("arn:aws:lambda:us-east-1:1:function:beats",
                                 R"("TimeoutSeconds": 30, "HeartbeatSeconds": 1)");
  Beating runner(true, 12, Millis(150), Millis(0));  // 1.8 s, a heartbeat every 0.15 s
  SystemClock clock;
  NullLogger log;
  auto result = execute(*definition, {}, {runner, clock, log});
  CHECK(result.status == ExecutionStatus::kSucceeded);
  CHECK(result.output == "done");
  CHECK(result.stopped - result.started >= Millis(1800));
  CHECK_FALSE(runner.cancelled());
}

TEST_CASE("on the real clock a task silent for HeartbeatSeconds is cancelled and times out") {
  auto definition = task_machine("arn:aws:lambda:us-east-1:1:function:beats",
                                 R"("TimeoutSeconds": 30, "HeartbeatSeconds": 1)");
  Beating runner(true, 2, Millis(100), Millis(30000));  // two heartbeats, then silence
  SystemClock clock;
  NullLogger log;
  auto result = execute(*definition, {}, {runner, clock, log});
  CHECK(result.status == ExecutionStatus::kFailed);
  REQUIRE(result.error);
  CHECK(*result.error == as_timeout(heartbeat_timeout(1)));
  CHECK(runner.cancelled());
  const auto elapsed = result.stopped - result.started;
  CHECK(elapsed >= Millis(1200));  // 1 s after the last heartbeat, at 0.2 s
  CHECK(elapsed < Millis(10000));
  const HistoryEvent* timed_out = find_event(result, "LambdaFunctionTimedOut");
  REQUIRE(timed_out);
  CHECK(timed_out->details.text_of("error") == "States.Timeout");
}

TEST_CASE("on the real clock a task that does not send heartbeats is not held to them") {
  auto definition = task_machine("arn:aws:lambda:us-east-1:1:function:quiet",
                                 R"("TimeoutSeconds": 30, "HeartbeatSeconds": 1)");
  Beating runner(false, 0, Millis(0), Millis(1500));
  SystemClock clock;
  NullLogger log;
  auto result = execute(*definition, {}, {runner, clock, log});
  CHECK(result.status == ExecutionStatus::kSucceeded);
  CHECK_FALSE(runner.cancelled());
}

TEST_CASE("on the real clock a callback nobody answers times out at HeartbeatSeconds") {
  auto definition = task_machine("arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                                 R"("HeartbeatSeconds": 1)");
  Silent runner;
  SystemClock clock;
  NullLogger log;
  auto result = execute(*definition, {}, {runner, clock, log});
  CHECK(result.status == ExecutionStatus::kFailed);
  REQUIRE(result.error);
  CHECK(result.error->name == "States.Timeout");
  CHECK(runner.token.size() == 88);
  CHECK(result.stopped - result.started >= Millis(1000));
  REQUIRE(find_event(result, "TaskTimedOut"));
  CHECK(find_event(result, "TaskSubmitted"));
}

}  // namespace conflictctl::engine

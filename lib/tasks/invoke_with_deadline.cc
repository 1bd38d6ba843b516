#include "tasks/invoke_with_deadline.h"

#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace conflictctl::tasks {

TaskOutcome invoke_with_deadline(TaskRunner& runner, const TaskInvocation& invocation,
                                 TaskContext& context, Clock& clock, CancellationSource& cancel) {
  if (!context.deadline) return runner.invoke(invocation, context);
  std::mutex mutex;
  std::condition_variable finished;
  std::optional<TaskOutcome> outcome;
  std::thread worker([&] {
    auto result = runner.invoke(invocation, context);
    std::lock_guard lock(mutex);
    outcome = std::move(result);
    finished.notify_all();
  });
  bool late = false;
  {
    std::unique_lock lock(mutex);
    while (!outcome && clock.now() < *context.deadline)
      clock.wait_until(finished, lock, *context.deadline);
    late = !outcome;
  }
  if (late) cancel.cancel();
  worker.join();
  return std::move(*outcome);
}

}  // namespace conflictctl::tasks

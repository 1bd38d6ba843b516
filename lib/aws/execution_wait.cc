#include "aws/execution_wait.h"

#include <condition_variable>
#include <mutex>

namespace conflictctl::aws {

bool execution_running(const std::string& status) {
  return status == "RUNNING" || status == "PENDING_REDRIVE";
}

Result<ExecutionDescription> wait_for_execution(const StepFunctions& sfn,
                                                const std::string& execution_arn, Clock& clock,
                                                Millis interval, StepObserver* steps) {
  std::string step = execution_arn.substr(execution_arn.rfind(':') + 1) +
                     " on AWS Step Functions";
  if (steps) steps->started(step);
  std::mutex mutex;
  std::condition_variable never_notified;
  for (;;) {
    Result<ExecutionDescription> described = sfn.describe_execution(execution_arn);
    if (!described) return described;
    if (!execution_running(described->status)) {
      if (steps) steps->finished(step, described->status);
      return described;
    }
    std::unique_lock<std::mutex> lock(mutex);
    const Timestamp until = clock.now() + interval;
    while (clock.now() < until) clock.wait_until(never_notified, lock, until);
  }
}

}  // namespace conflictctl::aws

#include "engine/executor.h"

#include "engine/interpreter.h"

namespace conflictctl::engine {

std::string_view to_string(ExecutionStatus status) {
  switch (status) {
    case ExecutionStatus::kRunning: return "RUNNING";
    case ExecutionStatus::kSucceeded: return "SUCCEEDED";
    case ExecutionStatus::kFailed: return "FAILED";
    case ExecutionStatus::kTimedOut: return "TIMED_OUT";
    case ExecutionStatus::kAborted: return "ABORTED";
  }
  return "RUNNING";
}

ExecutionResult execute(const asl::StateMachine& machine, const ExecutionOptions& options,
                        Environment environment) {
  return Interpreter(machine, options, environment).run();
}

}  // namespace conflictctl::engine

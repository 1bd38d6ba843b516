#pragma once
// Watching a run as it goes: the engine tells an ExecutionObserver of every history event
// the moment it records it, and of every retry it schedules (which the history shows only
// later, as the state's next attempt). A progress display is one; the engine knows nothing of
// terminals (the renderer is lib/progress/run_progress.h).
//
// Thread safety: both calls come on the engine's loop thread, one at a time, while
// engine::execute runs. The event is valid only during the call. An observer must not
// block: the loop waits for it.
#include <string_view>

#include "core/error.h"
#include "core/timestamp.h"
#include "engine/history.h"

namespace conflictctl::engine {

class ExecutionObserver {
 public:
  virtual ~ExecutionObserver() = default;

  // `event` was just appended to the history. `depth`: how many Parallel branches and Map
  // iterations its flow is nested in (0: the top level; a top-level Map's iterations are 1).
  virtual void recorded(const HistoryEvent& event, int depth) = 0;

  // State `state` (at `depth`) failed with `error`, and a Retrier matched it: the state runs
  // again `delay` after the history's last event (`retry` 1 for the first retry, …).
  virtual void retrying(std::string_view state, int depth, const Error& error, Millis delay,
                        int retry) = 0;

  // The Distributed Map at `depth` (its MapRunStarted's) runs `child_executions` child
  // executions in this attempt, in all. Told once a Map Run, as soon as the engine knows: at
  // the start when its items are all known (an ItemsPath array, or a file counted first for
  // ToleratedFailurePercentage) and are not batched, else when the last child execution has
  // started (the items streamed from a file, or batched). Not told for a Map Run that ends
  // before then.
  virtual void map_run_size(int /*depth*/, std::size_t /*child_executions*/) {}
};

}  // namespace conflictctl::engine

#pragma once
// The steps of a long job as it goes — db seed's tables, db check's reads — for whoever
// shows progress (a terminal display: progress/step_progress.h). The job calls started()
// then finished() for each step, in order, on its own thread; a job that fails stops between
// the two. An observer must not block.
#include <string_view>

namespace conflictctl {

class StepObserver {
 public:
  virtual ~StepObserver() = default;
  // `step` begins: "analytics.visit", "reading visits".
  virtual void started(std::string_view step) = 0;
  // `step` ended; `result` says what it did in a few words ("20,000 rows"), or is "".
  virtual void finished(std::string_view step, std::string_view result) = 0;
};

}  // namespace conflictctl

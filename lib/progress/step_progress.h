#pragma once
// Live progress of a job's steps on a terminal (core/steps.h): each step's line shows while
// it runs and is settled with its result and its time when it ends, e.g. for db seed
//
//   … analytics.visit                             (while the COPY runs)
//   ✓ analytics.visit  20,000 rows, 1.2 s
//
// Times come from `clock` (core/clock.h). Thread safety: none; one job's thread.
#include <string>

#include "core/clock.h"
#include "core/steps.h"
#include "progress/terminal.h"

namespace conflictctl::progress {

class StepProgress final : public StepObserver {
 public:
  StepProgress(Terminal& terminal, const Clock& clock) : line_(terminal), clock_(clock) {}
  void started(std::string_view step) override;
  void finished(std::string_view step, std::string_view result) override;

 private:
  StatusLine line_;
  const Clock& clock_;
  Timestamp started_;
};

}  // namespace conflictctl::progress

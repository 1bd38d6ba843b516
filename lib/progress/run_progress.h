#pragma once
// Live progress of a state machine run on a terminal: an engine::ExecutionObserver
// (engine/observer.h) that draws the top-level states as they start and end, the retries
// and their waits, and a top-level Map's iterations as they finish, with an estimate of the
// time left: the work left — each iteration still to start the average finished iteration's
// time, each running one what that average leaves of its own — shared by as many lanes as
// were seen running at once ("finishing" under a second). What it draws, for a pipeline whose Task01 is retried once:
//
//   Pipeline conflict_report: tasks on PostgreSQL …, real clock
//   ✓ ValidateConfig  0.1 s
//   ↻ Task01  Database.Busy, retrying in 5 s (retry 1)
//   ✓ Task01  7.3 s, 1 retry
//   … ProcessChunks  12/40 items, 1 failed, about 30 s left      (redrawn in place)
//   ✓ ProcessChunks  52 s, 40 items, 1 failed
//   ✓ execution SUCCEEDED in 62.4 s
//
// A running state's line ("… Task01") is redrawn in place until the state ends; a state
// whose error a Catcher took ends "✗ Task01  3 s, States.TaskFailed caught"; one the
// execution ended in, "✗ Task01  3 s, States.TaskFailed". States inside
// Parallel branches and Map iterations are not drawn one by one: a Map counts its
// iterations (and the retries inside them). A Distributed Map counts its child executions as
// they end: "… ProcessFiles  1,200 child executions done" until the engine knows how many
// there are (engine/observer.h, map_run_size), then "… ProcessFiles  1,200/5,000 child
// executions, about 40 s left", the time left at the rate they have ended so far. Times are the events' timestamps: the run's
// clock, never the wall's. The report a command prints at the end is not changed by any of
// this: progress goes to the terminal only (progress/terminal.h).
//
// Thread safety: as ExecutionObserver (the engine's loop thread only).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/observer.h"
#include "progress/terminal.h"

namespace conflictctl::progress {

class RunProgress final : public engine::ExecutionObserver {
 public:
  // `title`: the first line, drawn when the execution starts ("" for none).
  RunProgress(Terminal& terminal, std::string title);

  void recorded(const engine::HistoryEvent& event, int depth) override;
  void retrying(std::string_view state, int depth, const Error& error, Millis delay,
                int retry) override;
  void map_run_size(int depth, std::size_t child_executions) override;

  // A Map's progress line is redrawn at most once per this much run time, and when its last
  // iteration ends.
  static constexpr Millis kRedrawInterval{200};

 private:
  struct Running {  // the top-level state that runs now
    std::string name;
    Timestamp entered;
    int retries = 0;
    std::optional<std::string> error;  // the last error it failed with, not retried
    bool is_map = false;
    std::int64_t items = 0, done = 0, failed = 0, item_retries = 0;
    std::int64_t child_executions = -1;  // a Map Run's, once the engine tells (-1: unknown)
    Timestamp map_started;
    // For the estimate: each iteration's start, the sum of the finished ones' durations and
    // of the running ones' starts (ms), and the most iterations seen running at once.
    std::vector<Timestamp> iteration_started;
    std::int64_t started = 0, widest = 0;
    double finished_ms = 0, running_starts_ms = 0;  // ms since map_started
    std::optional<Timestamp> drawn;  // when its progress line was last drawn
  };

  void top_level(const engine::HistoryEvent& event);
  void iteration(const engine::HistoryEvent& event);
  void show_map(Timestamp now);
  // Settles the running state's line: it exited (`exited`), or the execution ended first.
  void end_state(Timestamp at, bool exited);

  StatusLine line_;
  std::string title_;
  Timestamp started_;
  std::optional<Running> running_;
};

}  // namespace conflictctl::progress

#include "progress/run_progress.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/number_text.h"

namespace conflictctl::progress {

namespace {

using Color = StatusLine::Color;

bool ends_with(std::string_view text, std::string_view end) {
  return text.size() >= end.size() && text.substr(text.size() - end.size()) == end;
}

// "0.3 s", "7.3 s", "1,825 s": to a tenth of a second.
std::string duration_text(Millis duration) {
  return seconds_text(std::round(static_cast<double>(duration.count()) / 100.0) / 10.0);
}

// An invocation's failure: its details carry the error.
bool is_task_failure(std::string_view type) {
  return type == "TaskFailed" || type == "TaskTimedOut" || type == "LambdaFunctionFailed" ||
         type == "LambdaFunctionTimedOut" || type == "ActivityFailed" ||
         type == "ActivityTimedOut";
}

// The first event of a state's run, and of each retry of it.
bool is_attempt_start(std::string_view type) {
  return type == "TaskScheduled" || type == "LambdaFunctionScheduled" ||
         type == "ActivityScheduled" || type == "MapStateStarted" ||
         type == "ParallelStateStarted";
}

// ", about 40 s left", or ", finishing" under a second.
std::string time_left_text(double left_ms) {
  return left_ms < 1000
             ? std::string(", finishing")
             : fmt::format(", about {} left", seconds_text(std::ceil(left_ms / 1000.0)));
}

}  // namespace

RunProgress::RunProgress(Terminal& terminal, std::string title)
    : line_(terminal), title_(std::move(title)) {}

void RunProgress::recorded(const engine::HistoryEvent& event, int depth) {
  if (depth == 0) return top_level(event);
  if (depth == 1 && running_ && running_->is_map) iteration(event);
}

void RunProgress::top_level(const engine::HistoryEvent& event) {
  const std::string_view type = event.type;
  if (type == "ExecutionStarted") {
    started_ = event.timestamp;
    if (!title_.empty()) line_.settle(title_);
    return;
  }
  if (ends_with(type, "StateEntered")) {
    if (running_) end_state(event.timestamp, true);
    running_.emplace();
    running_->name = event.details.state;
    running_->entered = event.timestamp;
    line_.show("… " + running_->name);
    return;
  }
  if (!running_ && !type.starts_with("Execution")) return;
  // A Distributed Map (or its Map Run redriven): its child executions count.
  if (running_ && (type == "MapRunStarted" || type == "MapRunRedriven")) {
    running_->is_map = true;
    running_->items = -1;  // not known: the items may stream from a file
    running_->child_executions = -1;  // told by map_run_size, when the engine knows
    running_->done = running_->failed = 0;
    running_->map_started = event.timestamp;
    running_->drawn.reset();
    return show_map(event.timestamp);
  }
  if (running_ && is_attempt_start(type)) {
    running_->error.reset();
    if (type == "MapStateStarted") {
      running_->is_map = true;
      running_->items = event.details.integer_field("length", 0);
      running_->done = running_->failed = running_->started = running_->widest = 0;
      running_->finished_ms = running_->running_starts_ms = 0;
      running_->iteration_started.assign(static_cast<std::size_t>(running_->items), {});
      running_->map_started = event.timestamp;
      running_->drawn.reset();
      return show_map(event.timestamp);
    }
    if (running_->retries > 0)
      line_.show(fmt::format("… {}  retry {}", running_->name, running_->retries));
    return;
  }
  if (running_ && is_task_failure(type)) {
    running_->error = event.details.text_of("error");
    return;
  }
  if (running_ && (type == "MapStateFailed" || type == "ParallelStateFailed")) {
    if (!running_->error) running_->error = "";
    return;
  }
  if (ends_with(type, "StateExited")) return end_state(event.timestamp, true);
  if (type.starts_with("Execution")) {
    std::string error = event.details.text_of("error");
    if (running_) {
      if (!running_->error || running_->error->empty()) running_->error = error;
      end_state(event.timestamp, false);
    }
    std::string status = type == "ExecutionSucceeded"  ? "SUCCEEDED"
                         : type == "ExecutionFailed"   ? "FAILED"
                         : type == "ExecutionTimedOut" ? "TIMED_OUT"
                                                       : "ABORTED";
    line_.settle(line_.marked(status == "SUCCEEDED" ? "✓" : "✗",
                              status == "SUCCEEDED" ? Color::kGreen : Color::kRed,
                              fmt::format("execution {} in {}{}", status,
                                          duration_text(event.timestamp - started_),
                                          error.empty() ? "" : ": " + error)));
  }
}

void RunProgress::iteration(const engine::HistoryEvent& event) {
  const std::string_view type = event.type;
  Running& map = *running_;
  if (map.items < 0) {  // a Map Run's child executions, counted as they end
    if (!type.starts_with("Execution") || type == "ExecutionStarted") return;
    ++map.done;
    if (type != "ExecutionSucceeded") ++map.failed;
    if (!map.drawn || event.timestamp - *map.drawn >= kRedrawInterval) show_map(event.timestamp);
    return;
  }
  const std::int64_t index = event.details.integer_field("index", -1);
  if (index < 0 || index >= map.items) return;
  // Times as ms since the Map started: a sum of many stays exact in a double.
  const double at = static_cast<double>((event.timestamp - map.map_started).count());
  Timestamp& started = map.iteration_started[static_cast<std::size_t>(index)];
  if (type == "MapIterationStarted") {
    started = event.timestamp;
    map.running_starts_ms += at;
    ++map.started;
    map.widest = std::max(map.widest, map.started - map.done);
    return;
  }
  if (type != "MapIterationSucceeded" && type != "MapIterationFailed") return;
  map.running_starts_ms -= static_cast<double>((started - map.map_started).count());
  map.finished_ms += static_cast<double>((event.timestamp - started).count());
  ++running_->done;
  if (type == "MapIterationFailed") ++running_->failed;
  const bool last = running_->done >= running_->items;
  if (last || !running_->drawn || event.timestamp - *running_->drawn >= kRedrawInterval)
    show_map(event.timestamp);
}

void RunProgress::map_run_size(int depth, std::size_t child_executions) {
  if (depth != 0 || !running_ || !running_->is_map || running_->items >= 0) return;
  running_->child_executions = static_cast<std::int64_t>(child_executions);
  show_map(running_->drawn.value_or(running_->map_started));
}

void RunProgress::show_map(Timestamp now) {
  Running& map = *running_;
  map.drawn = now;
  if (map.items < 0) {  // a Map Run
    std::string text =
        map.child_executions < 0
            ? fmt::format("… {}  {} done", map.name, count_text(map.done, "child execution"))
            : fmt::format("… {}  {}/{}", map.name, group_thousands(double(map.done)),
                          count_text(map.child_executions, "child execution"));
    if (map.failed) text += fmt::format(", {} failed", group_thousands(double(map.failed)));
    if (map.item_retries) text += ", " + count_text(map.item_retries, "retry", "retries");
    if (map.done > 0 && map.done < map.child_executions) {  // at the rate so far
      const double elapsed = static_cast<double>((now - map.map_started).count());
      text += time_left_text(elapsed / static_cast<double>(map.done) *
                             static_cast<double>(map.child_executions - map.done));
    }
    return line_.show(text);
  }
  std::string text = fmt::format("… {}  {}/{}", map.name, group_thousands(double(map.done)),
                                 count_text(map.items, "item"));
  if (map.failed) text += fmt::format(", {} failed", group_thousands(double(map.failed)));
  if (map.item_retries) text += ", " + count_text(map.item_retries, "retry", "retries");
  if (map.done > 0 && map.done < map.items) {
    const double average = map.finished_ms / static_cast<double>(map.done);
    const std::int64_t running = map.started - map.done;
    const double now_ms = static_cast<double>((now - map.map_started).count());
    const double mean_age =
        running > 0 ? now_ms - map.running_starts_ms / static_cast<double>(running) : 0.0;
    const double each_running_left = running > 0 ? std::max(0.0, average - mean_age) : 0.0;
    // The work left, shared by as many lanes as were seen running at once.
    const double work = static_cast<double>(running) * each_running_left +
                        static_cast<double>(map.items - map.started) * average;
    const double left = std::max(
        each_running_left, work / static_cast<double>(std::max<std::int64_t>(map.widest, 1)));
    // Under a second: the last iterations run longer than the average, or wait for a worker.
    text += time_left_text(left);
  }
  line_.show(text);
}

void RunProgress::retrying(std::string_view state, int depth, const Error& error, Millis delay,
                           int retry) {
  if (depth == 1 && running_ && running_->is_map) {
    ++running_->item_retries;
    return;
  }
  if (depth != 0 || !running_ || running_->name != state) return;
  running_->retries = retry;
  running_->error.reset();
  line_.settle(line_.marked("↻", Color::kYellow,
                            fmt::format("{}  {}, retrying in {} (retry {})", state, error.name,
                                        duration_text(delay), retry)));
  line_.show(fmt::format("… {}  waiting {} to retry", state, duration_text(delay)));
}

void RunProgress::end_state(Timestamp at, bool exited) {
  Running& state = *running_;
  std::string text = fmt::format("{}  {}", state.name, duration_text(at - state.entered));
  if (state.is_map) {
    text += ", " + (state.items < 0 ? count_text(state.done, "child execution")
                                    : count_text(state.items, "item"));
    if (state.failed) text += fmt::format(", {} failed", group_thousands(double(state.failed)));
    if (state.item_retries) text += ", " + count_text(state.item_retries, "retry", "retries");
  }
  if (state.retries) text += ", " + count_text(state.retries, "retry", "retries");
  if (state.error || !exited) {
    // A state that exits after an error was caught; one that does not, ended the run.
    const std::string error = state.error.value_or("");
    text += exited ? fmt::format(", {} caught", error.empty() ? "failure" : error)
                   : fmt::format(", {}", error.empty() ? "stopped" : error);
    line_.settle(line_.marked("✗", Color::kRed, text));
  } else {
    line_.settle(line_.marked("✓", Color::kGreen, text));
  }
  running_.reset();
}

}  // namespace conflictctl::progress

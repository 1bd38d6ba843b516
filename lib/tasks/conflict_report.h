#pragma once
// The Conflict Report Lambda function, in process: the handler "conflict-report" that the
// pipelines in pipelines/ bind their function to (tasks/bindings.h, tasks/plugins.h).
//
// Like the reference handler (docs/pipelines.md, "The conflict-report handler") it reads the
// event {"action": "…", "use_mock": bool, "chunk_id": int} and runs the action it names:
// validate_config, task_01, task_02, task_03, get_task02_chunks, process_task02_chunk (one file
// each, action_<name>.cc; the shapes of their results are there). "use_mock" is accepted and
// ignored: the mode is chosen when the runner is built — without a database, every action runs
// its mock behaviour; with one, the real work.
//
// Unlike the reference, failures are errors, not statusCode 400/500 payloads, so that Retry
// and Catch fire: an event that is not an object, or whose "action" is missing or unknown,
// fails with "UnknownAction" and a cause that lists the actions.
//
// Thread safety: immutable after construction; invoke() may run concurrently.
#include <memory>
#include <string_view>
#include <vector>

#include "tasks/action.h"
#include "engine/task.h"

namespace conflictctl::tasks {

inline constexpr std::string_view kConflictReportHandler = "conflict-report";

class ConflictReport final : public engine::TaskRunner {
 public:
  // All the actions; mock behaviour when `database` is null.
  explicit ConflictReport(std::shared_ptr<const TaskDatabase> database = nullptr);

  engine::TaskOutcome invoke(const engine::TaskInvocation& invocation, engine::TaskContext& context) override;
  // With a database: each statement sends a heartbeat (tasks/database_run.h), so a Task's
  // HeartbeatSeconds holds on the real clock. The mock behaviour sends none.
  bool sends_heartbeats(const engine::TaskInvocation&) const override {
    return database_ != nullptr;
  }

  // The actions' names, in the order above: what `conflictctl run TASK` accepts.
  std::vector<std::string_view> action_names() const;

 private:
  std::string action_list() const;

  std::vector<std::unique_ptr<Action>> actions_;
  std::shared_ptr<const TaskDatabase> database_;
};

}  // namespace conflictctl::tasks

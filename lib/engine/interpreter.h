#pragma once
// The event loop behind engine::execute (engine/executor.h). Internal to the engine.
//
// Every running path through the machine — the top level, each Parallel branch, each Map
// iteration — is a Flow: a cursor (current state + its raw input) with its own chain of
// history events. Work is driven by timers ordered by (time, sequence): entering a state,
// a task completing, a Wait ending, a retry coming due, a deadline passing. The loop pops
// the earliest timer, asking the clock to wait (real) or jump (virtual) to it.
// Task invocations go to the TaskDispatcher chosen when the run starts
// (engine/task_dispatcher.h): inline on the virtual clock; on the real clock a worker pool
// whose results arrive in a mailbox the loop drains. Everything else happens on the loop
// thread, so no Flow is shared.
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <unordered_map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "engine/context_object.h"
#include "engine/executor.h"
#include "engine/history.h"
#include "engine/item_batcher.h"
#include "engine/item_reader.h"
#include "engine/map_settings.h"
#include "engine/query_language.h"
#include "engine/result_writer.h"
#include "engine/retry.h"
#include "engine/s3_files.h"
#include "engine/task.h"
#include "engine/task_dispatcher.h"
#include "engine/task_events.h"
#include "engine/variables.h"

namespace conflictctl::engine {

using dataflow::PathContext;  // dataflow/path_context.h

// States.Timeout's cause when an Express execution (or an Express child execution of a
// Distributed Map) reaches its five minutes.
std::string express_limit_cause();

class Interpreter final : private TaskLoop {
 public:
  Interpreter(const asl::StateMachine& machine, const ExecutionOptions& options,
              Environment environment);
  ExecutionResult run();

 private:
  struct Group;

  struct Flow {
    const asl::StateMachine* machine = nullptr;
    Group* group = nullptr;  // the Parallel/Map this flow belongs to; null at top level
    std::size_t index = 0;   // branch or iteration index within the group
    const asl::State* state = nullptr;
    Json raw_input;
    Json effective;  // effective input of the current Task/Parallel/Map state
    Timestamp entered;
    std::int64_t entered_event = 0;  // the id of its current state's StateEntered event
    std::int64_t previous_event = 0;
    std::optional<RetryTracker> retries;
    std::uint64_t generation = 0;  // bumped to invalidate pending timers and completions
    std::shared_ptr<CancellationSource> cancel;  // of the running task, if any
    // The running task's TimeoutSeconds, its deadline timer (in later_) and, once the
    // inline dispatcher has it, its result.
    double task_timeout_seconds = 0;
    std::optional<std::pair<Timestamp, std::uint64_t>> deadline_timer;
    std::optional<Result<Json>> task_result;
    // The running task's HeartbeatSeconds and heartbeat deadline (in later_), when the loop
    // times its heartbeats (TaskLoop::arm_heartbeat: the real clock).
    double heartbeat_seconds = 0;
    std::optional<std::pair<Timestamp, std::uint64_t>> heartbeat_timer;
    // The task token of the current Task state's attempt, for a task that waits for an answer
    // ($$.Task.Token of a .waitForTaskToken state); "" otherwise.
    std::string task_token;
    Group* child = nullptr;  // the branches/iterations a Parallel/Map state runs (in groups_)
    bool finished = false;
    // The variables the flow reads: its own scope once it has assigned one (own_scope), until
    // then the scope around it (null: none, as at the top level before any Assign or in a
    // Distributed Map's iteration). engine/variables.h.
    std::shared_ptr<VariableScope> variables;
    bool own_scope = false;
    bool reads_outer = true;  // false in a Distributed Map's iterations
    // What the current state's Assign evaluated to, set when it exits (complete_state).
    std::optional<Json> assigned;
    // Where its events go: its execution's history (null: the run's own). A Distributed
    // Map's child execution has one of its own (own_history), dropped when it ends.
    History* history = nullptr;
    std::unique_ptr<History> own_history;
    std::unique_ptr<ChildExecution> execution;  // a Distributed Map's child execution
    // An Express child execution's five-minute limit (a timer in later_, taken off when the
    // child ends) and whether it struck.
    std::optional<std::pair<Timestamp, std::uint64_t>> execution_timer;
    bool timed_out = false;
    // A Distributed Map's child execution's own context object: its $$.Execution (Id, Name,
    // Input, StartTime) is its own, as AWS documents; null: the enclosing execution's.
    std::unique_ptr<ContextObject> context;
    std::size_t items = 1;  // the Map items it runs: a batch's count, else 1
    // The timers and task invocations that still name the flow: a finished child execution
    // is freed (release_finished) once none do, so a Map Run of a million items does not
    // keep a million flows.
    std::size_t holds = 0;
    // A redrive's: where the flow starts again (engine/redrive.h), until it enters another
    // state or its Map/Parallel state takes it.
    const ResumePoint* resume = nullptr;
  };

  // A Distributed Map's Map Run: child executions made one at a time, as they start, from
  // the items of its ItemReader (or ItemsPath), selected and batched; their results kept in
  // order or streamed to its ResultWriter.
  struct MapRun {
    std::unique_ptr<ItemStream> stream;
    bool exhausted = false;
    std::size_t items_read = 0;    // the next item's $$.Map.Item.Index
    std::size_t total_items = 0;   // known when a ToleratedFailurePercentage needs it
    bool total_known = false;      // total_items counts every item (else it is 0)
    std::size_t started = 0;       // child executions started in this attempt
    bool size_told = false;        // ExecutionObserver::map_run_size
    // $$.Map.Item.Source: "STATE_DATA", "s3://bucket/key", or a listing's "s3://bucket"
    // (the stream's item_source() instead, when it has one).
    std::string source;
    Json map_input;                // what ItemSelector reads
    std::optional<ItemBatcher> batcher;  // with an ItemBatcher
    std::string id;                // the Map Run's UUID
    std::string arn;               // arn:aws:states:…:mapRun:MACHINE/LABEL:ID
    std::string label;             // Label, else the Map state's name
    WorkflowType child_type = WorkflowType::kStandard;  // ProcessorConfig.ExecutionType
    std::unique_ptr<ResultWriter> writer;  // a ResultWriter that exports
    // A ResultWriter's WriterConfig without export: the results so formatted are the Map's
    // output (engine/result_writer.h). Each child's entries go to the group's results.
    std::optional<ResultFormat> preview;
    bool records = false;  // child executions keep their records (any ResultWriter)
    // With ExecutionOptions::keep_map_runs: its record's place in result_.map_runs.
    std::optional<std::size_t> record;
  };

  // The branches of a Parallel state or the iterations of a Map state.
  struct Group {
    Flow* owner = nullptr;
    bool is_map = false;
    std::vector<Json> inputs;  // per branch/iteration
    std::vector<Json> results;
    std::map<std::size_t, Flow*> children;  // by index; a Map Run's leave as they are freed
    std::size_t next_to_start = 0;
    std::size_t running = 0;
    std::size_t succeeded = 0;
    std::size_t failed = 0;
    std::size_t max_concurrency = 0;
    std::optional<double> tolerated_percentage;
    std::optional<std::size_t> tolerated_count;
    std::optional<Error> first_error;
    bool done = false;
    std::unique_ptr<MapRun> run;  // a Distributed Map's; null: `inputs` hold every input
    // A redrive's: the iterations/branches that keep their outputs and where the others
    // start again; null for a group that runs them all.
    const ResumePoint* redrive = nullptr;
    std::size_t total() const { return run ? run->total_items : inputs.size(); }
  };

  // Loop machinery.
  void schedule(Timestamp at, Flow* flow, std::function<void()> action);
  // Now: `flow` enters `state` (a name the machine holds) with `input` (and its text, if
  // known). What most timers do, without a std::function to allocate.
  void schedule_enter(Flow* flow, const std::string* state, Json input, std::string input_text);
  void post(std::function<void()> action);  // from worker threads
  void loop();

  // Flows.
  Flow* new_flow(const asl::StateMachine& machine, Group* group, std::size_t index,
                 std::int64_t previous_event);
  // `input_text` is to_compact(input) when the caller has it already (a state's output text
  // is the next state's input text), else empty.
  void enter(Flow* flow, const std::string& state_name, Json input, std::string input_text = {});
  void run_state(Flow* flow);
  void finish(Flow* flow, Json output);
  void fail_flow(Flow* flow, const Error& error);
  // A JSONata expression's failure (States.QueryEvaluationError) is recorded first as an
  // EvaluationFailed event {state, error, cause}, as AWS records it (docs/asl-coverage.md).
  void note_evaluation_failure(Flow* flow, const Error& error);
  // Retry, Catch or fail `flow`'s state. `from_work`: the error is the state's work's (a task,
  // a branch or iteration), not the state's own, so it records no EvaluationFailed here.
  // `missed_heartbeat`: `error` is a missed heartbeat's States.Timeout (engine/heartbeat.h).
  void handle_error(Flow* flow, const Error& error, bool from_work = false,
                    bool missed_heartbeat = false);
  void abort_flow(Flow* flow);
  // Appends the event to the history and tells the observer, if any.
  std::int64_t record(Flow* flow, EventName type, EventName details_key = {},
                      EventDetails details = {});
  // How many branches and iterations `flow` is nested in (ExecutionObserver's depth).
  static int depth(const Flow* flow);
  // What the flow's current state reads besides its input: the context object (valid until
  // the next call), the flow's variables, the time, where it is.
  StateScope scope(const Flow* flow, const Json& map_item = nullptr);
  // The context object of the execution `flow` runs in: its child execution's, else the run's.
  ContextObject& context_of(const Flow* flow);
  // Evaluates an Assign (the state's, a matched Choice rule's, a Catcher's) from `source`
  // (QueryLanguage::assignments) into flow->assigned, for complete_state to apply when the
  // state exits. Nothing to do without an Assign.
  Result<void> stage_assign(Flow* flow, const std::optional<Json>& assign,
                            const AssignSource& source);
  // Sets `values` in the flow's own scope, made on its first assignment.
  Result<void> assign_variables(Flow* flow, const Json& values);

  enum StatePhase { kEntered, kExited, kAborted };
  static EventName state_event(asl::StateType type, StatePhase phase);  // "PassStateEntered"
  static EventDetails map_iteration_details(const std::string& map_state, std::size_t index);

  // State types.
  void run_pass(Flow* flow);
  void run_task(Flow* flow);
  void invoke_task(Flow* flow);
  void complete_task(Flow* flow, std::uint64_t generation, Result<Json> result);
  // TaskLoop: where the dispatcher hands a task's result back.
  void complete_at(Timestamp at, TaskTicket ticket, Result<Json> result) override;
  void post_completion(TaskTicket ticket, Result<Json> result) override;
  void never_completes(TaskTicket ticket) override;
  void post_no_answer(TaskTicket ticket) override;
  void arm_heartbeat(TaskTicket ticket, double heartbeat_seconds) override;
  void post_heartbeat(TaskTicket ticket) override;
  // Takes the flow's task deadline and heartbeat deadline off the queue (the task is over).
  void clear_task_timers(Flow* flow);
  // A new task token from the run's seeded randomness: 64 random bytes in base64, the shape
  // of AWS's long opaque tokens.
  std::string new_task_token();
  // The events of a Task state's invocations, worked out from its Resource once per run.
  const TaskEvents& task_events(const asl::State& state);
  void time_out_task(Flow* flow, std::uint64_t generation, double timeout_seconds);
  void run_choice(Flow* flow);
  void run_succeed(Flow* flow);
  void run_wait(Flow* flow);
  void run_fail(Flow* flow);
  void run_parallel(Flow* flow);
  void run_map(Flow* flow);
  void start_group(Flow* owner, std::unique_ptr<Group> group);
  void start_children(Group* group);
  // Moves next_to_start past the iterations/branches a redrive keeps.
  static void skip_kept(Group* group);
  // The flow's ResumePoint for the Map/Parallel state it runs, taken (null: none).
  static const ResumePoint* take_resume(Flow* flow);
  void child_finished(Flow* child, std::optional<Json> output, const Error* error);
  // Stops the group's running children and fails its owner with `error`.
  void fail_group(Group* group, const Error& error);
  void close_group(Group* group);
  // A Distributed Map (engine/item_reader.h, engine/result_writer.h): its Map Run set up from
  // the state's input, the next child execution's input (`items` set to how many items it
  // holds; nullopt when none are left), and a child execution's start and end.
  // `redrive`: the Map Run a redrive continues (its ARN); null: a new one.
  Result<std::unique_ptr<MapRun>> open_map_run(Flow* flow, const Json& input,
                                               const MapSettings& settings,
                                               const ResumePoint* redrive);
  Result<std::optional<Json>> next_map_input(Group* group, std::size_t& items);
  Result<std::optional<Json>> next_map_item(Group* group);
  // A Map Run that ends unsuccessfully: its record's succeeded child executions get their
  // outputs from the group's results (end_child_execution leaves them out meanwhile).
  void settle_map_run_record(Group* group);
  // ExecutionObserver::map_run_size, once per Map Run (`owner` runs the Map state).
  void tell_map_run_size(Flow* owner, MapRun& run, std::size_t child_executions);
  // `redrive`: the unsuccessful Standard child execution this one continues; null: a new one.
  void start_child_execution(Group* group, Flow* child, const Json& input,
                             const ChildRedrive* redrive);
  // A redriven Map Run's child execution `index` that succeeded before: its result counted and
  // kept (or written), never run again. False when `index` is not one.
  bool keep_child_execution(Group* group, std::size_t index);
  Result<void> end_child_execution(Group* group, Flow* child, const std::optional<Json>& output,
                                   const Error* error, bool aborted);

  // How every state ends, written once: its output (or the error that replaces it, which
  // goes to Retry and Catch) → the 256 KiB payload limit → "<Type>StateExited" → the next
  // state, or the end of the flow. `next` overrides the state's own Next: the rule a Choice
  // matched, the Next of the Catcher that caught an error.
  void complete_state(Flow* flow, Result<Json> output, const std::string* next = nullptr);
  // The query language of the flow's current state (engine/query_language.h).
  const QueryLanguage& language(const Flow* flow) const { return language_of(*flow->state); }

  const asl::StateMachine& machine_;
  const ExecutionOptions& options_;  // execute()'s, which outlives the run
  Environment env_;
  Random random_;
  ExecutionIdentity identity_;
  std::optional<ContextObject> context_;  // set once identity_ is known
  std::shared_ptr<VariableBudget> variable_budget_ = std::make_shared<VariableBudget>();
  std::string execution_arn_;             // identity_.execution_arn(), made once
  // to_compact(value) for an event, or "" when events keep no data (ExecutionOptions).
  std::string event_text(const Json& value) const {
    return options_.event_data ? to_compact(value) : std::string();
  }
  // Events kept, or only counted when nobody reads them (ExecutionOptions::keep_events).
  History::Keeping history_keeping() const {
    return options_.keep_events || options_.observer ? History::Keeping::kEvents
                                                     : History::Keeping::kCountOnly;
  }
  S3Files s3_files_;                      // what ItemReader and ResultWriter read and write
  std::size_t event_cap_ = 0;             // the history's limit for this run; 0: none
  std::map<const asl::State*, TaskEvents> task_events_;
  ExecutionResult result_;
  std::unordered_map<const Flow*, std::unique_ptr<Flow>> flows_;
  // Finished child executions to free once nothing holds them (release_finished).
  std::vector<Flow*> to_release_;
  void release_finished();
  std::vector<std::unique_ptr<Group>> groups_;
  Flow* root_ = nullptr;

  // What a timer does when it comes due. Most are one of three things, done without a
  // std::function to allocate.
  enum class TimerKind {
    kAction,       // action()
    kEnter,        // enter(flow, *enter_state, input, input_text)
    kTaskDone,     // complete_task(flow, …, flow->task_result)
    kTaskTimeout,  // cancel the flow's task, then time_out_task(flow, …)
    kHeartbeatTimeout,  // cancel the flow's task, then complete_task(…, heartbeat_timeout())
  };
  struct Timer {
    Timestamp at;
    std::uint64_t sequence = 0;
    Flow* flow = nullptr;  // null for execution-level timers
    std::uint64_t generation = 0;
    TimerKind kind = TimerKind::kAction;
    std::function<void()> action;
    const std::string* enter_state = nullptr;
    Json input;
    std::string input_text;
  };
  // Returns the timer's key: (at, sequence).
  std::pair<Timestamp, std::uint64_t> add_timer(Timer timer);
  void run_timer(Timer& timer);
  bool has_timers() const { return !due_now_.empty() || !later_.empty(); }
  Timestamp next_due() const;
  Timer take_next_timer();
  // Timers run in (time, sequence) order. Most are due the moment they are scheduled: those
  // wait in a queue, already in that order (the clock never goes back and sequence numbers
  // grow); the rest (waits, retries, deadlines) in a map.
  std::deque<Timer> due_now_;
  std::map<std::pair<Timestamp, std::uint64_t>, Timer> later_;
  std::uint64_t sequence_ = 0;

  std::mutex mailbox_mutex_;
  std::condition_variable mailbox_ready_;
  std::vector<std::function<void()>> mailbox_;
  std::size_t in_flight_ = 0;  // invocations started, results not yet taken (loop thread only)
  // Last: destroyed first, so a pool's workers stop before what they post to.
  std::unique_ptr<TaskDispatcher> dispatcher_;
};

}  // namespace conflictctl::engine

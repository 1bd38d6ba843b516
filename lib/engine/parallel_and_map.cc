// Parallel and Map: a group of child flows (branches or iterations), started up to the
// concurrency limit, whose results are gathered in order or whose failure fails the state.
// A Distributed Map's children are child executions of a Map Run, made as they start from
// its items (ItemReader or ItemsPath, ItemSelector, ItemBatcher), each with a history of its
// own; the run's history shows MapRunStarted and MapRunSucceeded/Failed, as AWS's does.
#include "engine/interpreter.h"

#include <fmt/format.h>

#include "asl/limits.h"
#include "core/error_names.h"
#include "dataflow/payload_template.h"
#include "engine/map_settings.h"

namespace conflictctl::engine {

void Interpreter::run_parallel(Flow* flow) {
  const asl::State& state = *flow->state;
  auto input = language(flow).effective_input(state, flow->raw_input, scope(flow));
  if (!input) return handle_error(flow, input.error());
  const auto& parallel = std::get<asl::ParallelSpec>(state.spec);
  auto group = std::make_unique<Group>();
  group->inputs.assign(parallel.branches.size(), *input);
  group->max_concurrency = parallel.branches.size();
  group->redrive = take_resume(flow);
  record(flow, "ParallelStateStarted");
  start_group(flow, std::move(group));
}

void Interpreter::run_map(Flow* flow) {
  const asl::State& state = *flow->state;
  const auto& map = std::get<asl::MapSpec>(state.spec);
  const StateScope here = scope(flow);
  const QueryLanguage& query = language(flow);
  Json selected_input;
  auto input = query.state_input(state, flow->raw_input, here, selected_input);
  if (!input) return handle_error(flow, input.error());
  Json items_array = Json::array();
  std::optional<Json> item_object;  // a Distributed Map over a JSON object's entries
  if (!map.item_reader) {
    auto items = query.items(state, **input, here);
    if (!items) return handle_error(flow, items.error());
    if (items->is_object()) item_object = std::move(*items);
    else items_array = std::move(*items);
  }
  auto settings = map_settings(map, std::move(items_array), **input, here.context,
                               field_expressions(*flow->state, flow->raw_input, here));
  if (!settings) return handle_error(flow, settings.error());

  auto group = std::make_unique<Group>();
  group->is_map = true;
  group->max_concurrency = settings->max_concurrency;
  group->tolerated_percentage = settings->tolerated_percentage;
  group->tolerated_count = settings->tolerated_count;
  group->redrive = take_resume(flow);
  if (map.distributed) {
    // A redrive continues the Map Run that got under way (engine/redrive.h); one that never
    // did starts now.
    if (group->redrive && group->redrive->map_run_arn.empty()) group->redrive = nullptr;
    auto run = open_map_run(flow, **input, *settings, group->redrive);
    if (!run) return handle_error(flow, run.error());
    if (item_object) {
      (*run)->total_items = item_object->size();
      (*run)->stream = object_items(std::move(*item_object));
    } else if (!map.item_reader) {
      (*run)->stream = array_items(Json(std::move(settings->items)));
    }
    group->run = std::move(*run);
    if (group->redrive)
      record(flow, "MapRunRedriven", "mapRunRedrivenEventDetails",
             Json{{"mapRunArn", group->run->arn},
                  {"redriveCount", group->redrive->map_run_redrives + 1}});
    else
      record(flow, "MapRunStarted", "mapRunStartedEventDetails",
             Json{{"mapRunArn", group->run->arn}});
    if (!group->redrive && !group->run->batcher && group->run->total_known)
      tell_map_run_size(flow, *group->run, group->run->total_items);
    return start_group(flow, std::move(group));
  }
  for (std::size_t i = 0; i < settings->items.size(); ++i) {
    Json& item = settings->items[i];
    if (!map.item_selector) {
      group->inputs.push_back(std::move(item));  // each item is used once
      continue;
    }
    // AWS: Map.Item.Source is "the InputType ... For state input, the value will be:
    // STATE_DATA".
    Json map_item{{"Index", i}, {"Value", item}, {"Source", "STATE_DATA"}};
    auto selected = query.item_input(state, std::move(item), **input, scope(flow, map_item));
    if (!selected) return handle_error(flow, selected.error());
    group->inputs.push_back(std::move(*selected));
  }
  record(flow, "MapStateStarted", "mapStateStartedEventDetails",
         Json{{"length", group->inputs.size()}});
  start_group(flow, std::move(group));
}

namespace {

// A string field of an ItemReader's or ResultWriter's evaluated Parameters.
Result<std::string> parameter(const Json& parameters, const char* key, const char* owner,
                              std::string_view error_name, bool required = true) {
  auto it = parameters.is_object() ? parameters.find(key) : parameters.end();
  if (parameters.is_object() && it != parameters.end() && it->is_string())
    return it->get<std::string>();
  if (!required && (!parameters.is_object() || it == parameters.end())) return std::string();
  return Error{std::string(error_name),
               fmt::format("The {}'s Parameters need a string {}.", owner, key)};
}

}  // namespace

Result<std::unique_ptr<Interpreter::MapRun>> Interpreter::open_map_run(
    Flow* flow, const Json& input, const MapSettings& settings, const ResumePoint* redrive) {
  const asl::State& state = *flow->state;
  const auto& map = std::get<asl::MapSpec>(state.spec);
  const QueryLanguage& query = language(flow);
  auto run = std::make_unique<MapRun>();
  run->map_input = input;
  run->source = "STATE_DATA";
  run->total_items = settings.items.size();
  run->total_known = !map.item_reader;
  run->label = map.label.value_or(state.name);
  run->child_type = map.child_type;
  if (redrive) {  // the same Map Run: its ARN, and so its id
    run->arn = redrive->map_run_arn;
    run->id = run->arn.substr(run->arn.rfind(':') + 1);
  } else {
    run->id = random_.uuid();
    run->arn = fmt::format("arn:aws:states:{}:{}:mapRun:{}/{}:{}", identity_.region,
                           identity_.account, identity_.state_machine_name, run->label, run->id);
  }
  if (options_.keep_map_runs) {
    run->record = result_.map_runs.size();
    result_.map_runs.push_back(MapRunRecord{run->arn, {}});
  }
  const AssignSource source{flow->raw_input, input};
  if (map.item_reader) {
    const asl::ItemReaderSpec& reader = *map.item_reader;
    auto parameters = query.template_value(reader.parameters, "ItemReader", source, scope(flow));
    if (!parameters) return parameters.error();
    auto bucket = parameter(*parameters, "Bucket", "ItemReader", errors::kItemReaderFailed);
    if (!bucket) return bucket.error();
    // getObject reads the object Key; listObjectsV2 lists the objects under Prefix (all of
    // the bucket's without one).
    auto key = reader.listing
                   ? parameter(*parameters, "Prefix", "ItemReader", errors::kItemReaderFailed,
                               false)
                   : parameter(*parameters, "Key", "ItemReader", errors::kItemReaderFailed);
    if (!key) return key.error();
    auto open = [&] {
      return reader.listing
                 ? open_object_listing(reader, *bucket, *key, s3_files_, settings.max_items)
                 : open_item_reader(reader, *bucket, *key, s3_files_, settings.max_items);
    };
    auto stream = open();
    if (!stream) return stream.error();
    run->stream = std::move(*stream);
    // AWS: Map.Item.Source is, "For Amazon S3 LIST_OBJECTS_V2 with Transformation=NONE, ...
    // the S3 URI for the bucket", else "the Amazon S3 URI" of the object.
    run->source = reader.listing ? fmt::format("s3://{}", *bucket)
                                 : fmt::format("s3://{}/{}", *bucket, *key);
    if (settings.tolerated_percentage) {  // a percentage of how many: read them once first
      auto counting = open();
      if (!counting) return counting.error();
      while (true) {
        auto item = (*counting)->next();
        if (!item) return item.error();
        if (!*item) break;
        ++run->total_items;
      }
      run->total_known = true;
    }
  }
  if (map.item_batcher) {
    std::optional<Json> batch_input;
    if (map.item_batcher->batch_input) {
      auto evaluated =
          query.template_value(*map.item_batcher->batch_input, "BatchInput", source, scope(flow));
      if (!evaluated) return evaluated.error();
      batch_input = std::move(*evaluated);
    }
    run->batcher.emplace(std::move(batch_input), settings.max_items_per_batch,
                         settings.max_bytes_per_batch, state.name);
  }
  if (map.result_writer) run->records = true;
  const ResultFormat format =
      map.result_writer ? result_format(*map.result_writer) : ResultFormat{};
  if (map.result_writer && !map.result_writer->exports()) run->preview = format;
  if (map.result_writer && map.result_writer->exports()) {
    auto parameters =
        query.template_value(map.result_writer->parameters, "ResultWriter", source, scope(flow));
    if (!parameters) return parameters.error();
    auto bucket = parameter(*parameters, "Bucket", "ResultWriter", errors::kResultWriterFailed);
    if (!bucket) return bucket.error();
    auto prefix =
        parameter(*parameters, "Prefix", "ResultWriter", errors::kResultWriterFailed, false);
    if (!prefix) return prefix.error();
    auto writer = ResultWriter::open(s3_files_, *bucket, *prefix, run->arn, run->id, format);
    if (!writer) return writer.error();
    run->writer = std::move(*writer);
  }
  return run;
}

void Interpreter::tell_map_run_size(Flow* owner, MapRun& run, std::size_t child_executions) {
  if (run.size_told) return;
  run.size_told = true;
  if (options_.observer) options_.observer->map_run_size(depth(owner), child_executions);
}

Result<std::optional<Json>> Interpreter::next_map_item(Group* group) {
  MapRun& run = *group->run;
  if (run.exhausted) return std::optional<Json>();
  auto item = run.stream->next();
  if (!item) return item.error();
  if (!*item) {
    run.exhausted = true;
    run.stream.reset();  // the file is closed as soon as it is read
    return item;
  }
  std::size_t index = run.items_read++;
  Flow* owner = group->owner;
  const asl::State& state = *owner->state;
  if (!std::get<asl::MapSpec>(state.spec).item_selector) return item;
  // AWS: "Key is available only when iterating over JSON objects".
  Json map_item{{"Index", index}};
  if (const std::string* key = run.stream->item_key()) map_item["Key"] = *key;
  map_item["Value"] = **item;
  const std::string* source = run.stream->item_source();
  map_item["Source"] = source ? *source : run.source;
  auto selected =
      language(owner).item_input(state, std::move(**item), run.map_input, scope(owner, map_item));
  if (!selected) return selected.error();
  return std::optional<Json>(std::move(*selected));
}

Result<std::optional<Json>> Interpreter::next_map_input(Group* group, std::size_t& items) {
  MapRun& run = *group->run;
  items = 1;
  if (!run.batcher) return next_map_item(group);
  auto batch = run.batcher->next([&] { return next_map_item(group); });
  if (batch && *batch) items = run.batcher->last_size();
  return batch;
}

void Interpreter::start_child_execution(Group* group, Flow* child, const Json& input,
                                        const ChildRedrive* redrive) {
  const MapRun& run = *group->run;
  auto execution = std::make_unique<ChildExecution>();
  // A child workflow execution is an execution of its own: its $$.Execution is its ARN, name,
  // input and start time, under the state machine "STATE_MACHINE/LABEL" (AWS, "Viewing a
  // Distributed Map Run": child executions' state machine ARN is
  // "…:stateMachine:{stateMachineName}/{MapRunLabel or UUID}").
  ExecutionIdentity identity;
  identity.region = identity_.region;
  identity.account = identity_.account;
  identity.state_machine_name = fmt::format("{}/{}", identity_.state_machine_name, run.label);
  identity.input = input;
  if (redrive) {
    // The same child execution goes on: its history, name, input and start time (AWS redrives
    // a Standard child workflow execution with RedriveExecution).
    child->own_history = std::make_unique<History>(redrive->plan.history);
    child->history = child->own_history.get();
    child->previous_event = redrive->plan.last_event;
    *execution = redrive->child.execution;
    execution->output.reset();
    execution->error.reset();
    ++execution->redrive_count;
    identity.redrive_count = redrive->plan.redrive_count;
    identity.redrive_time = env_.clock.now();
    record(child, "ExecutionRedriven", "executionRedrivenEventDetails",
           Json{{"redriveCount", redrive->plan.redrive_count}});
  } else {
    child->own_history = std::make_unique<History>(history_keeping());
    child->history = child->own_history.get();
    child->previous_event = 0;
    execution->name = random_.uuid();
    const std::string machine =
        fmt::format("arn:aws:states:{}:{}:{{}}:{}/{}", identity_.region, identity_.account,
                    identity_.state_machine_name, run.label);
    execution->state_machine_arn = fmt::format(fmt::runtime(machine), "stateMachine");
    execution->arn = fmt::format(fmt::runtime(machine), "execution") + ":" + execution->name;
    execution->input = to_compact(input);
    execution->start = env_.clock.now();
    record(child, "ExecutionStarted", "executionStartedEventDetails",
           EventDetails::io(TextKey::kInput,
                            run.writer || run.record ? execution->input : std::string(),
                            Json{{"roleArn", identity_.role_arn()}}));
  }
  identity.execution_name = execution->name;
  identity.start_time = execution->start;
  child->context = std::make_unique<ContextObject>(std::move(identity));
  if (run.records || run.record) child->execution = std::move(execution);
  // An Express child execution runs at most five minutes (asl/limits.h), as any Express
  // workflow: then it times out, and the Map Run counts it as a failed item.
  if (run.child_type == WorkflowType::kExpress) {
    Timer timer;
    timer.at = env_.clock.now() + seconds_to_millis(asl::limits::kExpressExecutionSeconds);
    timer.action = [this, group, child] {
      child->execution_timer.reset();
      const Error error{std::string(errors::kTimeout), express_limit_cause()};
      abort_flow(child);
      record(child, "ExecutionTimedOut", "executionTimedOutEventDetails",
             Json{{"error", error.name}, {"cause", error.cause}});
      child->timed_out = true;
      if (!group->done) child_finished(child, std::nullopt, &error);
    };
    child->execution_timer = add_timer(std::move(timer));
  }
}

Result<void> Interpreter::end_child_execution(Group* group, Flow* child,
                                              const std::optional<Json>& output,
                                              const Error* error, bool aborted) {
  if (child->execution_timer) {  // no longer due: off the queue, so the clock never waits
    later_.erase(*child->execution_timer);
    child->execution_timer.reset();
  }
  if (aborted) record(child, "ExecutionAborted");
  else if (child->timed_out) {
    // ExecutionTimedOut is recorded already.
  } else if (error)
    record(child, "ExecutionFailed", "executionFailedEventDetails",
           Json{{"error", error->name}, {"cause", error->cause}});
  else record(child, "ExecutionSucceeded");
  const MapRun& run = *group->run;
  std::unique_ptr<ChildExecution> execution = std::move(child->execution);
  if (execution) {
    execution->stop = env_.clock.now();
    execution->status = aborted            ? "ABORTED"
                        : child->timed_out ? "TIMED_OUT"
                        : error            ? "FAILED"
                                           : "SUCCEEDED";
    if (output) execution->output = to_compact(*output);
    if (error) execution->error = *error;
  }
  if (execution && run.record) {
    // An unsuccessful Standard child execution keeps its history: a redrive continues it.
    const bool redrivable =
        execution->status != "SUCCEEDED" && run.child_type == WorkflowType::kStandard;
    MapRunChild kept{child->index, child->items, *execution,
                     redrivable && child->own_history ? child->own_history->to_json() : Json()};
    if (execution->status == "SUCCEEDED" && !run.records) {
      // Without a ResultWriter a redrive needs only its output, which the group's results
      // hold until settle_map_run_record copies it: not twice in memory meanwhile.
      kept.execution.input.clear();
      kept.execution.output.reset();
    }
    result_.map_runs[*run.record].children.push_back(std::move(kept));
  }
  if (options_.keep_child_histories && child->own_history)
    result_.child_histories.push_back(std::move(*child->own_history));
  child->own_history.reset();  // the child execution's history ends with it
  child->history = nullptr;
  to_release_.push_back(child);
  if (!execution || (!run.writer && !run.preview)) return {};
  const Json* output_value = output ? &*output : nullptr;
  if (run.writer) return run.writer->add(*execution, output_value);
  // WriterConfig alone: the child's entries, kept in item order for the Map's output.
  if (child->index >= group->results.size()) group->results.resize(child->index + 1);
  group->results[child->index] =
      result_entries(*execution, output_value, run.preview->transformation);
  return {};
}

void Interpreter::settle_map_run_record(Group* group) {
  const MapRun& run = *group->run;
  if (!run.record || run.records) return;
  for (MapRunChild& child : result_.map_runs[*run.record].children)
    if (child.execution.status == "SUCCEEDED" && !child.execution.output &&
        child.index < group->results.size())
      child.execution.output = to_compact(group->results[child.index]);
}

bool Interpreter::keep_child_execution(Group* group, std::size_t index) {
  if (!group->redrive) return false;
  auto kept = group->redrive->kept_children.find(index);
  if (kept == group->redrive->kept_children.end()) return false;
  const MapRunChild& child = kept->second;
  MapRun& run = *group->run;
  group->succeeded += child.items;
  if (run.record) result_.map_runs[*run.record].children.push_back(child);
  const Json output = Json::parse(child.execution.output.value_or("null"));
  if (run.writer) {
    if (auto added = run.writer->add(child.execution, &output); !added) {
      fail_group(group, added.error());
      return true;
    }
    return true;
  }
  if (index >= group->results.size()) group->results.resize(index + 1);
  group->results[index] =
      run.preview ? result_entries(child.execution, &output, run.preview->transformation)
                  : output;
  return true;
}

const ResumePoint* Interpreter::take_resume(Flow* flow) {
  const ResumePoint* resume = flow->resume;
  flow->resume = nullptr;  // a retried Map or Parallel state runs all again
  return resume;
}

void Interpreter::skip_kept(Group* group) {
  if (!group->redrive) return;
  while (group->next_to_start < group->inputs.size() &&
         group->redrive->kept.contains(group->next_to_start))
    ++group->next_to_start;
}

void Interpreter::start_group(Flow* owner, std::unique_ptr<Group> group) {
  group->owner = owner;
  if (!group->run) group->results.assign(group->inputs.size(), nullptr);
  if (group->redrive && !group->run) {
    // AWS: a redrive "reschedules and redrives only the iterations and branches that failed
    // or aborted"; those that succeeded keep their results.
    for (const auto& [index, output] : group->redrive->kept) {
      if (index >= group->results.size()) continue;
      group->results[index] = output;
      ++group->succeeded;
    }
  }
  owner->child = group.get();
  groups_.push_back(std::move(group));
  start_children(owner->child);
}

void Interpreter::start_children(Group* group) {
  Flow* owner = group->owner;
  const bool distributed = group->run != nullptr;
  while (!group->done && group->running < group->max_concurrency) {
    Json input;
    std::size_t items = 1;
    if (distributed) {
      auto next = next_map_input(group, items);
      if (!next) return fail_group(group, next.error());
      if (!*next) break;
      input = std::move(**next);
    } else {
      skip_kept(group);
      if (group->next_to_start >= group->inputs.size()) break;
      // Each input is used once: a retried Map or Parallel state builds a new group.
      input = std::move(group->inputs[group->next_to_start]);
    }
    std::size_t index = group->next_to_start++;
    if (distributed && keep_child_execution(group, index)) continue;
    const asl::StateMachine& machine =
        group->is_map ? *std::get<asl::MapSpec>(owner->state->spec).processor
                      : *std::get<asl::ParallelSpec>(owner->state->spec).branches[index];
    Flow* child = new_flow(machine, group, index, owner->previous_event);
    child->items = items;
    child->history = owner->history;
    // A branch or iteration reads the variables around it, except a Distributed Map's.
    child->reads_outer = !distributed;
    if (child->reads_outer) child->variables = owner->variables;
    group->children.emplace(index, child);
    ++group->running;
    const ChildRedrive* redriven = nullptr;
    if (distributed && group->redrive)
      if (auto found = group->redrive->redriven_children.find(index);
          found != group->redrive->redriven_children.end())
        redriven = found->second.get();
    if (distributed) {
      ++group->run->started;
      start_child_execution(group, child, input, redriven);
    }
    else if (group->is_map)
      record(child, "MapIterationStarted", "mapIterationStartedEventDetails",
             map_iteration_details(owner->state->name, index));
    const ResumePoint* resume = redriven ? &redriven->plan.resume : nullptr;
    if (group->redrive && !distributed)
      if (auto found = group->redrive->resumed.find(index); found != group->redrive->resumed.end())
        resume = &found->second;
    if (!resume) {
      schedule_enter(child, &machine.start_at, std::move(input), {});
      continue;
    }
    // A redriven iteration or branch starts again at its own unsuccessful state.
    child->resume = resume;
    if (!resume->variables.empty()) (void)assign_variables(child, resume->variables);
    schedule_enter(child, &resume->state, resume->input, {});
  }
  if (!distributed) skip_kept(group);
  const bool all_started =
      distributed ? group->run->exhausted : group->next_to_start == group->inputs.size();
  if (distributed && all_started && !group->done)
    tell_map_run_size(owner, *group->run, group->run->started);
  if (!group->done && group->running == 0 && all_started) close_group(group);
}

void Interpreter::child_finished(Flow* child, std::optional<Json> output, const Error* error) {
  Group* group = child->group;
  // A finished iteration keeps nothing of its data: a Map of many items holds each result
  // once, in the group.
  child->raw_input = Json();
  child->effective = Json();
  child->variables.reset();  // an inner scope ends with its flow (engine/variables.h)
  if (group->done) return;
  --group->running;
  Flow* owner = group->owner;
  if (group->run) {
    if (auto ended = end_child_execution(group, child, output, error, false); !ended)
      return fail_group(group, ended.error());
  } else if (group->is_map) {
    record(child, error ? EventName("MapIterationFailed") : EventName("MapIterationSucceeded"),
           error ? EventName("mapIterationFailedEventDetails")
                 : EventName("mapIterationSucceededEventDetails"),
           map_iteration_details(owner->state->name, child->index));
    // Nothing reads a finished iteration again: a Map of many items holds only those running.
    to_release_.push_back(child);
  }
  const bool keep_results = !group->run || (!group->run->writer && !group->run->preview);
  if (keep_results && child->index >= group->results.size())
    group->results.resize(child->index + 1);
  if (error) {
    group->failed += child->items;
    if (!group->first_error) group->first_error = *error;
    if (keep_results)
      group->results[child->index] = Json{{"Error", error->name}, {"Cause", error->cause}};
    bool tolerated = group->tolerated_count || group->tolerated_percentage;
    bool within =
        (group->tolerated_count && group->failed <= *group->tolerated_count) ||
        (group->tolerated_percentage &&
         static_cast<double>(group->failed) * 100.0 <=
             *group->tolerated_percentage * static_cast<double>(group->total()));
    if (!group->is_map || !within) {
      Error failure = *error;
      if (group->is_map && tolerated)
        failure = Error{std::string(errors::kExceedToleratedFailureThreshold),
                        fmt::format("The Map state '{}' had {} failed iterations, more than it "
                                    "tolerates.",
                                    owner->state->name, group->failed)};
      return fail_group(group, failure);
    }
  } else {
    group->succeeded += child->items;
    if (keep_results) group->results[child->index] = std::move(*output);
  }
  start_children(group);
}

void Interpreter::fail_group(Group* group, const Error& error) {
  group->done = true;
  Flow* owner = group->owner;
  for (auto& [index, sibling] : group->children) {
    if (sibling->finished) continue;
    abort_flow(sibling);
    if (group->run) (void)end_child_execution(group, sibling, std::nullopt, nullptr, true);
    else if (group->is_map)
      record(sibling, "MapIterationAborted", "mapIterationAbortedEventDetails",
             map_iteration_details(owner->state->name, sibling->index));
  }
  if (group->run) {
    settle_map_run_record(group);
    // AWS writes a failed Map Run's results too; the failure stays the Map's error.
    if (group->run->writer) (void)group->run->writer->finish();
    group->run->writer.reset();
    record(owner, "MapRunFailed", "mapRunFailedEventDetails",
           Json{{"error", error.name}, {"cause", error.cause}});
  } else {
    record(owner, group->is_map ? EventName("MapStateFailed") : EventName("ParallelStateFailed"));
  }
  handle_error(owner, error, /*from_work=*/true);
}

void Interpreter::close_group(Group* group) {
  group->done = true;
  Flow* owner = group->owner;
  Json results = Json::array();
  if (group->run && group->run->writer) {
    auto written = group->run->writer->finish();
    group->run->writer.reset();
    if (!written) return fail_group(group, written.error());
    results = std::move(*written);
  } else if (group->run && group->run->preview) {
    Json entries = Json::array();
    for (Json& child_entries : group->results)
      for (Json& entry : child_entries) entries.push_back(std::move(entry));
    results = preview_output(std::move(entries), *group->run->preview);
  } else {
    results = Json(std::move(group->results));
  }
  if (group->run && group->run->record) {  // succeeded: nothing to redrive
    MapRunRecord& record = result_.map_runs[*group->run->record];
    record.arn.clear();
    std::vector<MapRunChild>().swap(record.children);
  }
  if (group->run) record(owner, "MapRunSucceeded");
  else
    record(owner,
           group->is_map ? EventName("MapStateSucceeded") : EventName("ParallelStateSucceeded"));
  const AssignSource source{owner->raw_input, results, &results};
  if (auto staged = stage_assign(owner, owner->state->assign, source); !staged)
    return handle_error(owner, staged.error());
  complete_state(owner, language(owner).state_output(*owner->state, owner->raw_input,
                                                     std::move(results), scope(owner)));
}

}  // namespace conflictctl::engine

#include "budget/report_source.h"

#include <fmt/format.h>

#include <map>
#include <string>

#include "asl/parser.h"
#include "budget/measured.h"
#include "budget/task_limits.h"
#include "pipeline/load_pipeline.h"
#include "pipeline/run.h"
#include "tasks/bindings.h"

namespace conflictctl::budget {

namespace {

// The timestamp of a record's ExecutionStarted event, "" when it has none. A redrive's record
// (engine/redrive.h) holds the run it redrove: its history goes on from that run's events, so
// both begin with the same ExecutionStarted.
std::string execution_started(const RunRecord& record) {
  const Json& events = record.history.is_object() && record.history.contains("events")
                           ? record.history.at("events")
                           : Json::array();
  if (!events.is_array() || events.empty() || !events.front().is_object()) return "";
  return events.front().value("timestamp", "");
}

bool is_redrive(const RunRecord& record) {
  if (!record.history.is_object() || !record.history.contains("events")) return false;
  for (const Json& event : record.history.at("events"))
    if (event.is_object() && event.value("type", "") == "ExecutionRedriven") return true;
  return false;
}

constexpr std::string_view kInvalidDefinition = "Budget.InvalidDefinition";

Error invalid(const Diagnostics& diagnostics) {
  std::string cause;
  for (const Diagnostic& diagnostic : diagnostics)
    cause += (cause.empty() ? "" : "\n") + diagnostic.to_string();
  return Error{std::string(kInvalidDefinition), cause};
}

// The definition as a run recorded it.
Result<std::shared_ptr<const asl::StateMachine>> recorded_machine(const RunRecord& record) {
  auto loaded = asl::parse_definition(record.definition.dump(), record.definition_path);
  if (!loaded.machine) return invalid(loaded.diagnostics);
  return loaded.machine;
}

// The pipeline's definition file and bindings, when no run is recorded.
Result<void> from_pipeline_file(ReportInputs& inputs, const std::string& dir,
                                const std::string& name) {
  auto found = pipeline::load_pipeline(dir, name);
  if (!found.diagnostics.empty()) return invalid(found.diagnostics);
  inputs.machine = found.definition.machine;
  inputs.definition_path = found.bindings->definition_path;
  inputs.function_timeout = pipeline::function_timeouts(found.bindings);
  return {};
}

}  // namespace

Result<ReportInputs> gather_report_inputs(const RunStore& store, const BudgetRequest& request) {
  ReportInputs inputs;
  inputs.pipeline = request.pipeline;
  inputs.options = request.options;
  std::vector<Error> skipped;
  auto listed = store.list(request.pipeline, 0, &skipped);
  if (!listed) return listed.error();
  for (const Error& error : skipped)  // docs/budget.md: a corrupt record is named, not dropped
    inputs.notes.push_back(fmt::format("Left out: {}: {}.", error.name, error.cause));

  std::optional<RunRecord> newest_other;  // the newest finished run that is not measured
  std::size_t incomplete = 0;
  std::map<std::string, std::string> redrives;  // ExecutionStarted time → the redrive's run id
  for (const RunListing& listing : *listed) {
    if (inputs.records.size() >= request.runs) break;
    if (listing.status == kIncomplete) {
      incomplete++;
      continue;
    }
    if (listing.command == "run") continue;
    bool counts = request.options.include_mock || is_real_run(listing.mode, listing.virtual_clock);
    if (!counts) inputs.mock_runs_left_out++;
    if (!counts && newest_other) continue;
    auto record = store.load(listing.id);
    if (!record) {
      inputs.notes.push_back(
          fmt::format("Left out: {}: {}.", record.error().name, record.error().cause));
      continue;
    }
    // Newest first, so a redrive comes before the run it redrove, whose attempt it holds:
    // that run is left out, so that no attempt is measured twice.
    const std::string started = execution_started(*record);
    if (auto by = redrives.find(started); !started.empty() && by != redrives.end()) {
      inputs.notes.push_back(fmt::format("Left out: run {}, whose attempt the redrive {} holds.",
                                         listing.id, by->second));
      continue;
    }
    if (!started.empty() && is_redrive(*record)) redrives.emplace(started, listing.id);
    if (counts) inputs.records.push_back(std::move(*record));
    else newest_other = std::move(*record);
  }
  if (incomplete)
    inputs.notes.push_back(fmt::format("{} run{} never finished (INCOMPLETE) and {} left out.",
                                       incomplete, incomplete == 1 ? "" : "s",
                                       incomplete == 1 ? "is" : "are"));

  if (request.run) {
    auto record = store.load(*request.run);
    if (!record) return record.error();
    inputs.timeline_run = std::move(*record);
  } else if (!inputs.records.empty()) {
    inputs.timeline_run = inputs.records.front();
  } else if (newest_other) {
    inputs.timeline_run = newest_other;
    inputs.notes.push_back(fmt::format(
        "The timeline shows run {}, a mock run that is not measured.", newest_other->id));
  }

  const RunRecord* source = !inputs.records.empty() ? &inputs.records.front()
                            : inputs.timeline_run && inputs.timeline_run->definition.is_object()
                                ? &*inputs.timeline_run
                                : nullptr;
  if (source) {
    auto machine = recorded_machine(*source);
    if (!machine) return machine.error();
    inputs.machine = *machine;
    inputs.definition_path = source->definition_path;
    inputs.function_timeout = recorded_function_timeouts(source->function_timeouts);
    return inputs;
  }
  std::string dir = request.pipelines_dir.empty() ? pipeline::pipelines_dir() : request.pipelines_dir;
  if (auto loaded = from_pipeline_file(inputs, dir, request.pipeline); !loaded)
    return loaded.error();
  if (listed->empty())
    inputs.notes.insert(inputs.notes.begin(),
                        fmt::format("No runs of {} are recorded in {}: the worst case comes from "
                                    "the definition alone.",
                                    request.pipeline, store.directory()));
  return inputs;
}

}  // namespace conflictctl::budget

#include "engine/run_summary.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <deque>
#include <map>
#include <regex>
#include <unordered_map>

#include "asl/defaults.h"
#include "asl/for_each_state.h"
#include "core/error_names.h"
#include "core/json_text.h"
#include "core/number_text.h"
#include "dataflow/path.h"
#include "engine/query_language.h"
#include "engine/retry.h"

namespace conflictctl::engine {

namespace {

struct StateInfo {
  const asl::State* state;
  int depth;
};

std::map<std::string, StateInfo> index_states(const asl::StateMachine& machine) {
  std::map<std::string, StateInfo> out;
  asl::for_each_state(machine, [&](const asl::State& state, int depth) {
    out.emplace(state.name, StateInfo{&state, depth});
  });
  return out;
}

// Row counts the Conflict Report tasks report, wherever the result nests them.
std::optional<long long> find_rows(const Json& value, int depth = 0) {
  static const char* kKeys[] = {"affected_rows", "updated_rows", "rows_updated", "inserted_rows"};
  if (!value.is_object() || depth > 3) return std::nullopt;
  for (const char* key : kKeys) {
    auto it = value.find(key);
    if (it != value.end() && it->is_number_integer()) return it->get<long long>();
  }
  for (const auto& [key, child] : value.items())
    if (auto rows = find_rows(child, depth + 1)) return rows;
  return std::nullopt;
}

int severity(const std::string& status) {
  if (status == "FAILED") return 3;
  if (status == "ABORTED") return 2;
  if (status == "CAUGHT") return 1;
  return 0;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// One entry of a state on one chain of events.
struct Visit {
  std::size_t state = 0;  // index in RunSummary::states
  Timestamp entered;
  Timestamp last;
  bool exited = false;
  bool failed = false;
  bool aborted = false;
  int starts = 0;  // Task invocations, or Parallel/Map (re)starts
  std::optional<Timestamp> scheduled;
  std::optional<Timestamp> failed_at;  // end of the last failed attempt
  std::size_t entered_event = 0;       // index of its StateEntered event in the history
  std::optional<std::size_t> exited_event;
  Error error;                         // its last failure
};

// The reason a Catcher of `state` could not apply, asked of the engine's own catcher_output
// (engine/query_language.h) on the state's raw input (from its StateEntered event):
// JSONPath's ResultPath that cannot be written, JSONata's Output that cannot be evaluated.
// Its error, or nullopt when it applies here or cannot be judged from the history: the
// history holds neither the context object nor the variables, so an Output that reads
// either ("$states.context", "$name" other than a function call) is not evaluated again.
std::optional<Error> catcher_failure(const asl::State& state, const asl::Catcher& catcher,
                                     const HistoryEvent& entered, const Error& error) {
  const std::string input = entered.details.text_of("input");
  const std::int64_t entered_id = entered.id;
  if (catcher.output) {
    static const std::regex kUnrecorded(
        R"(\$states\.context|\$(?!states\b)[A-Za-z_]\w*\b(?!\s*\())");
    if (std::regex_search(catcher.output->dump(), kUnrecorded)) return std::nullopt;
  }
  Result<Json> raw = parse_json_text(input, "input");
  if (!raw) return std::nullopt;
  Random random(0);
  const Json no_context = Json::object();
  const StateScope scope{PathContext(no_context), random, Timestamp{}, state.name, entered_id};
  Result<Json> output = language_of(state).catcher_output(catcher, *raw, error, scope);
  if (output) return std::nullopt;
  return output.error();
}

// The error a JSONPath Catcher placed in a state's output: {"Error": name, …} at its
// ResultPath, matched by its ErrorEquals. "" when no Catcher's place holds one.
std::string placed_error(const std::vector<asl::Catcher>& catchers, const std::string& output) {
  Result<Json> value = parse_json_text(output, "output");
  if (!value) return "";
  for (const asl::Catcher& catcher : catchers) {
    if (catcher.result_path.discard) continue;
    static const Json kNoContext = Json::object();  // a ResultPath never reads "$$"
    Result<Json> at = dataflow::evaluate_path(catcher.result_path.path, *value,
                                              dataflow::PathContext{kNoContext});
    if (!at || !at->is_object()) continue;
    auto name = at->find("Error");
    if (name == at->end() || !name->is_string()) continue;
    if (errors::matches(catcher.error_equals, name->get<std::string>()))
      return name->get<std::string>();
  }
  return "";
}

}  // namespace

std::string_view to_string(Zone zone) {
  switch (zone) {
    case Zone::kSafe: return "safe";
    case Zone::kWarning: return "warning";
    case Zone::kOver: return "over";
    case Zone::kFailed: return "failed";
  }
  return "safe";
}

Zone zone_for(double seconds, double limit_seconds) {
  if (seconds >= limit_seconds) return Zone::kOver;
  if (seconds >= asl::defaults::kSafeFraction * limit_seconds) return Zone::kWarning;
  return Zone::kSafe;
}

Zone invocation_zone(double seconds, double limit_seconds, bool failed) {
  if (seconds >= limit_seconds) return Zone::kOver;
  return failed ? Zone::kFailed : zone_for(seconds, limit_seconds);
}

std::optional<double> invocation_limit(std::optional<double> timeout_seconds,
                                       std::optional<double> function_timeout_seconds) {
  if (timeout_seconds && function_timeout_seconds)
    return std::min(*timeout_seconds, *function_timeout_seconds);
  return timeout_seconds ? timeout_seconds : function_timeout_seconds;
}

namespace {

// Fills what the history does not name (StateSummary::last_error of a caught Map or Parallel,
// StateSummary::catch_failure) for one visit of a state that has Catchers.
void explain_catch(StateSummary& state, const Visit& visit,
                   const std::map<std::string, StateInfo>& info,
                   const std::deque<HistoryEvent>& events) {
  auto found = info.find(state.name);
  if (found == info.end()) return;
  const asl::State& spec = *found->second.state;
  if (spec.catchers.empty()) return;
  const bool jsonpath = spec.query_language == asl::QueryLanguage::kJsonPath;
  if (jsonpath && visit.exited && visit.failed && visit.error.name.empty() &&
      visit.exited_event) {
    std::string placed = placed_error(spec.catchers, events[*visit.exited_event].details
                                                         .text_of("output"));
    if (!placed.empty()) state.last_error = placed;
    return;
  }
  if (visit.exited || visit.aborted || visit.error.name.empty()) return;
  const asl::Catcher* catcher = find_catcher(spec.catchers, visit.error);
  if (!catcher) return;
  auto why = catcher_failure(spec, *catcher, events[visit.entered_event], visit.error);
  if (why) state.catch_failure = fmt::format("{}: {}", why->name, why->cause);
}

}  // namespace

RunSummary summarize(const asl::StateMachine& machine, const ExecutionResult& result,
                     const FunctionTimeout& function_timeout) {
  const std::map<std::string, StateInfo> info = index_states(machine);

  RunSummary summary;
  summary.status = std::string(to_string(result.status));
  if (result.error) {
    summary.error = result.error->name;
    summary.cause = result.error->cause;
  }
  summary.total_seconds = millis_to_seconds(result.stopped - result.started);

  std::vector<Visit> visits;
  std::unordered_map<std::int64_t, std::size_t> visit_of_event;  // event id → index in visits
  visit_of_event.reserve(result.history.events().size());
  std::map<std::string, std::size_t, std::less<>> position;  // state name → index in summary
  auto summary_index = [&](std::string_view name) -> std::size_t {
    if (auto found = position.find(name); found != position.end()) return found->second;
    position.emplace(std::string(name), summary.states.size());
    {
      StateSummary state;
      state.name = name;
      if (auto found = info.find(std::string(name)); found != info.end()) {
        state.type = std::string(asl::to_string(found->second.state->type));
        state.depth = found->second.depth;
        if (auto* task = std::get_if<asl::TaskSpec>(&found->second.state->spec)) {
          state.limit_seconds =
              invocation_limit(task->timeout_seconds, function_timeout(task->resource));
        }
      }
      summary.states.push_back(std::move(state));
    }
    return summary.states.size() - 1;
  };

  const auto& events = result.history.events();
  for (std::size_t at = 0; at < events.size(); ++at) {
    const auto& event = events[at];
    std::string_view type = event.type;
    std::optional<std::size_t> index;
    if (ends_with(type, "StateEntered")) {
      Visit visit;
      visit.state = summary_index(event.details.string_field("name").value_or(""));
      visit.entered = visit.last = event.timestamp;
      visit.entered_event = at;
      visits.push_back(std::move(visit));
      index = visits.size() - 1;
      summary.states[visits.back().state].entries++;
    } else if (auto it = visit_of_event.find(event.previous_event_id);
               it != visit_of_event.end()) {
      index = it->second;
    }
    if (!index) continue;
    visit_of_event[event.id] = *index;
    Visit& visit = visits[*index];
    // Events of a Map iteration or Parallel branch chain back to the Map/Parallel state
    // until the branch enters its first state; they don't extend the outer visit.
    if (type.starts_with("MapIteration")) continue;
    const Timestamp previous = visit.last;  // the visit's latest event before this one
    visit.last = event.timestamp;
    StateSummary& state = summary.states[visit.state];

    if (ends_with(type, "Scheduled") || type == "MapStateStarted" ||
        type == "MapRunStarted" || type == "ParallelStateStarted") {
      if (visit.starts++ > 0) {
        state.retries++;
        // From the attempt's failure; when the task succeeded and its data flow failed
        // (ResultSelector, ResultPath, OutputPath) no event says so: from its last event.
        const Timestamp failed = visit.failed_at.value_or(previous);
        state.backoff_seconds.push_back(millis_to_seconds(event.timestamp - failed));
      }
      visit.failed_at.reset();
      visit.scheduled = event.timestamp;
    } else if (ends_with(type, "Succeeded") || ends_with(type, "Failed") ||
               ends_with(type, "TimedOut")) {
      bool ok = ends_with(type, "Succeeded");
      visit.failed = !ok;
      if (!ok) visit.failed_at = event.timestamp;
      // The execution's end names the state's error only when the state recorded none of
      // its own (a Fail state): after a task's failure, the execution may have ended with
      // another error, that of the Catcher that could not apply. So does an EvaluationFailed
      // event: after a task's failure it is the Catcher's Output or Assign that failed.
      const bool own = !(type.starts_with("Execution") || type == "EvaluationFailed") ||
                       visit.error.name.empty();
      if (!ok && own) {
        state.last_error = event.details.text_of("error");
        visit.error = Error{state.last_error, event.details.text_of("cause")};
      }
      if (visit.scheduled && state.type == "Task") {
        InvocationSummary invocation;
        invocation.seconds = millis_to_seconds(event.timestamp - *visit.scheduled);
        invocation.outcome = ok ? "SUCCEEDED" : ends_with(type, "TimedOut") ? "TIMED_OUT" : "FAILED";
        invocation.error = ok ? "" : state.last_error;
        state.invocations.push_back(invocation);
        if (ok) {
          // Histories may come from run records: the depth-checked reader.
          Result<Json> output = parse_json_text(event.details.text_of("output"), "output");
          if (auto rows = output ? find_rows(*output) : std::nullopt)
            state.rows = state.rows.value_or(0) + *rows;
        }
      }
      visit.scheduled.reset();
    } else if (ends_with(type, "StateExited")) {
      visit.exited = true;
      visit.exited_event = at;
    } else if (ends_with(type, "StateAborted")) {
      visit.aborted = true;
    }
  }

  for (const Visit& visit : visits) {
    StateSummary& state = summary.states[visit.state];
    double seconds = millis_to_seconds(visit.last - visit.entered);
    state.total_seconds += seconds;
    state.max_seconds = std::max(state.max_seconds, seconds);
    std::string status = visit.aborted  ? "ABORTED"
                         : !visit.exited ? "FAILED"
                         : visit.failed  ? "CAUGHT"
                                         : "SUCCEEDED";
    if (state.type == "Fail") status = "FAILED";
    explain_catch(state, visit, info, events);
    if (state.status.empty() || severity(status) > severity(state.status)) state.status = status;
  }

  // Nested states after the state that contains them: stable order by first entry, with
  // each top-level state followed by the inner states entered during it.
  std::vector<StateSummary> ordered;
  for (auto& state : summary.states)
    if (state.depth == 0) ordered.push_back(state);
  for (auto& state : summary.states) {
    if (state.depth == 0) continue;
    // Place after its container (the nearest Map/Parallel above it in first-entered order).
    auto container = std::find_if(ordered.rbegin(), ordered.rend(), [&](const StateSummary& s) {
      return (s.type == "Map" || s.type == "Parallel") && s.depth == state.depth - 1;
    });
    auto at = container == ordered.rend() ? ordered.end() : container.base();
    while (at != ordered.end() && at->depth >= state.depth) ++at;
    ordered.insert(at, state);
  }
  summary.states = std::move(ordered);
  return summary;
}

namespace {

// A Task state's zone: its longest invocation's (invocation_zone), so a state whose longest
// attempt failed before its limit is "failed", not "safe". Requires limit_seconds.
Zone state_zone(const StateSummary& state) {
  const InvocationSummary* longest = nullptr;
  for (const auto& invocation : state.invocations)
    if (!longest || invocation.seconds > longest->seconds) longest = &invocation;
  if (!longest) return Zone::kSafe;
  return invocation_zone(longest->seconds, *state.limit_seconds,
                         longest->outcome == "FAILED");
}

std::string rows_text(const std::optional<long long>& rows) {
  return rows ? group_thousands(static_cast<double>(*rows)) : "-";
}

}  // namespace

std::string format_text(const RunSummary& summary, bool virtual_clock) {
  std::string out;
  std::string clock = virtual_clock ? "virtual" : "measured";
  out += fmt::format("{:<34} {:<9} {:<10} {:>5} {:>12} {:>12} {:>7} {:>9}\n", "State", "Type",
                     "Status", "Runs", "Total", "Longest", "Retries", "Rows");
  for (const auto& state : summary.states) {
    std::string name = std::string(static_cast<std::size_t>(state.depth) * 2, ' ') + state.name;
    out += fmt::format("{:<34} {:<9} {:<10} {:>5} {:>12} {:>12} {:>7} {:>9}\n", name, state.type,
                       state.status, state.entries, seconds_text(state.total_seconds),
                       seconds_text(state.max_seconds), state.retries, rows_text(state.rows));
    if (!state.backoff_seconds.empty()) {
      std::vector<std::string> waits;
      for (double seconds : state.backoff_seconds) waits.push_back(seconds_text(seconds));
      out += fmt::format("{:<34} retried after {}\n", "", fmt::join(waits, ", "));
    }
    if (!state.last_error.empty() && state.status != "SUCCEEDED")
      out += fmt::format("{:<34} error: {}\n", "", state.last_error);
    if (!state.catch_failure.empty())
      out += fmt::format("{:<34} not caught: its Catcher failed with {}\n", "",
                         state.catch_failure);
  }

  out += fmt::format("\nLambda timeout analysis, per invocation ({} durations; safe < 80% of the "
                     "limit, warning 80-100%, over = the invocation fails):\n",
                     clock);
  out += fmt::format("{:<34} {:>11} {:>12} {:>8} {:>7}  {}\n", "Task state", "Invocations",
                     "Longest", "Limit", "Used", "Zone");
  int warnings = 0, overs = 0;
  for (const auto& state : summary.states) {
    if (state.type != "Task" || state.invocations.empty()) continue;
    double longest = 0;
    for (const auto& invocation : state.invocations) longest = std::max(longest, invocation.seconds);
    if (!state.limit_seconds) {
      out += fmt::format("{:<34} {:>11} {:>12} {:>8} {:>7}  {}\n", state.name,
                         state.invocations.size(), seconds_text(longest), "none", "-",
                         "no limit (not a Lambda function and no TimeoutSeconds)");
      continue;
    }
    Zone zone = state_zone(state);
    warnings += zone == Zone::kWarning;
    overs += zone == Zone::kOver;
    out += fmt::format("{:<34} {:>11} {:>12} {:>8} {:>6.1f}%  {}\n", state.name,
                       state.invocations.size(), seconds_text(longest),
                       seconds_text(*state.limit_seconds),
                       100.0 * longest / *state.limit_seconds, to_string(zone));
  }
  out += fmt::format("\nExecution {} in {} ({} time).", summary.status,
                     seconds_text(summary.total_seconds), clock);
  if (summary.error)
    out += fmt::format(" Error: {}{}", *summary.error,
                       summary.cause && !summary.cause->empty() ? " — " + *summary.cause : "");
  out += "\n";
  if (overs == 1) out += "1 task state exceeded its invocation limit.\n";
  else if (overs) out += fmt::format("{} task states exceeded their invocation limit.\n", overs);
  else if (warnings == 1) out += "1 task state is within 20% of its limit.\n";
  else if (warnings)
    out += fmt::format("{} task states are within 20% of their limit.\n", warnings);
  else out += "Every task invocation finished inside its limit with at least 20% headroom.\n";
  out += "The pipeline's total time is not limited by Lambda; each invocation is.\n";
  return out;
}

Json to_json(const RunSummary& summary) {
  Json states = Json::array();
  for (const auto& state : summary.states) {
    Json invocations = Json::array();
    for (const auto& invocation : state.invocations)
      invocations.push_back({{"seconds", invocation.seconds},
                             {"outcome", invocation.outcome},
                             {"error", invocation.error.empty() ? Json(nullptr)
                                                                : Json(invocation.error)}});
    Json entry = {{"name", state.name},         {"type", state.type},
                  {"depth", state.depth},       {"status", state.status},
                  {"entries", state.entries},   {"total_seconds", state.total_seconds},
                  {"max_seconds", state.max_seconds}, {"retries", state.retries},
                  {"backoff_seconds", state.backoff_seconds},
                  {"rows", state.rows ? Json(*state.rows) : Json(nullptr)},
                  {"invocations", std::move(invocations)}};
    if (!state.catch_failure.empty()) entry["catch_failure"] = state.catch_failure;
    if (state.limit_seconds) {
      entry["limit_seconds"] = *state.limit_seconds;
      entry["zone"] = std::string(to_string(state_zone(state)));
    }
    states.push_back(std::move(entry));
  }
  return {{"status", summary.status},
          {"error", summary.error ? Json(*summary.error) : Json(nullptr)},
          {"cause", summary.cause ? Json(*summary.cause) : Json(nullptr)},
          {"total_seconds", summary.total_seconds},
          {"states", std::move(states)}};
}

}  // namespace conflictctl::engine

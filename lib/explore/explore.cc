#include "explore/explore.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "asl/for_each_state.h"
#include "asl/limits.h"
#include "asl/parser.h"
#include "asl/resource.h"
#include "asl/workflow_rules.h"
#include "core/number_text.h"
#include "core/error_names.h"
#include "core/json_text.h"
#include "core/logger.h"
#include "engine/query_language.h"
#include "explore/scenarios.h"
#include "pipeline/load_pipeline.h"
#include "tasks/mock_config.h"
#include "tasks/mock_runner.h"
#include "tasks/plugins.h"

namespace conflictctl::explore {

namespace {

// Every call returns {} at once: the baseline of a definition with neither mocks nor bindings.
class EmptyResults final : public engine::TaskRunner {
 public:
  engine::TaskOutcome invoke(const engine::TaskInvocation&, engine::TaskContext&) override {
    return engine::TaskOutcome::success(Json::object());
  }
};

const Timestamp kStart = *parse_timestamp("2024-01-01T00:00:00Z");

// "smaller" scenario runs: fewer faults, fewer calls faulted, made earlier.
bool smaller(const ScenarioRun& a, const ScenarioRun& b) {
  return std::tuple(a.scenario.faults.size(), a.faulted_calls, a.order) <
         std::tuple(b.scenario.faults.size(), b.faulted_calls, b.order);
}

// Where each state sits: its Map or Parallel parent ("" at the top level).
std::map<std::string, const asl::State*> parents_of(const asl::StateMachine& machine) {
  std::map<std::string, const asl::State*> parents;
  asl::for_each_state(machine, [&](const asl::State& state, const asl::StatePlace& place) {
    parents[state.name] = place.parent;
  });
  return parents;
}

std::string catcher_name(const asl::State& state, int index) {
  return fmt::format("{} Catch[{}]", state.name, index);
}

// Ways into a state within its own machine: StartAt, Next, Choice rules and Default, Catch.
struct Incoming {
  std::vector<std::string> plain;              // states whose Next (or StartAt: "") leads here
  std::vector<std::string> choices;            // Choice states with a rule or Default here
  std::vector<std::pair<const asl::State*, int>> catchers;
};

std::map<std::string, Incoming> incoming_edges(const asl::StateMachine& machine) {
  std::map<std::string, Incoming> into;
  std::vector<const asl::StateMachine*> machines{&machine};
  asl::for_each_state(machine, [&](const asl::State& state, int) {
    if (const auto* map = std::get_if<asl::MapSpec>(&state.spec); map && map->processor)
      machines.push_back(map->processor.get());
    if (const auto* parallel = std::get_if<asl::ParallelSpec>(&state.spec))
      for (const auto& branch : parallel->branches)
        if (branch) machines.push_back(branch.get());
  });
  for (const auto* inner : machines) {
    into[inner->start_at].plain.push_back("");
    for (const auto& [name, state] : inner->states) {
      if (state.next) into[*state.next].plain.push_back(name);
      if (const auto* choice = std::get_if<asl::ChoiceSpec>(&state.spec)) {
        for (const auto& rule : choice->choices) into[rule.next].choices.push_back(name);
        if (choice->default_next) into[*choice->default_next].choices.push_back(name);
      }
      for (std::size_t i = 0; i < state.catchers.size(); ++i)
        into[state.catchers[i].next].catchers.emplace_back(&state, static_cast<int>(i));
    }
  }
  return into;
}

// True when every name `errors` lists is matched by one of `earlier`'s lists.
bool shadowed(const std::vector<std::string>& names,
              const std::vector<const std::vector<std::string>*>& earlier) {
  for (const auto& name : names) {
    bool matched = false;
    for (const auto* list : earlier) {
      if (name == errors::kAll ? std::find(list->begin(), list->end(), errors::kAll) != list->end()
                               : errors::matches(*list, name))
        matched = true;
    }
    if (!matched) return false;
  }
  return true;
}

// Why the Catcher `index` of `state` was not reached, from the runs.
std::string catcher_reason(const asl::State& state, int index,
                           const std::vector<ScenarioRun>& runs,
                           const std::set<std::string>& entered) {
  const asl::Catcher& catcher = state.catchers[static_cast<std::size_t>(index)];
  if (!entered.count(state.name)) return fmt::format("its state {} is never entered", state.name);
  std::vector<const std::vector<std::string>*> earlier;
  for (int i = 0; i < index; ++i)
    earlier.push_back(&state.catchers[static_cast<std::size_t>(i)].error_equals);
  if (shadowed(catcher.error_equals, earlier))
    return "earlier Catchers catch every error it names";
  for (const auto& run : runs) {
    if (!run.scenario.aim || *run.scenario.aim != std::pair(state.name, index)) continue;
    const Fault& fault = run.scenario.faults.front();
    auto input = run.trace.first_input.find(state.name);
    if (input != run.trace.first_input.end()) {
      Error error = fault.error.value_or(Error{std::string(errors::kTimeout), "timed out"});
      auto raw = parse_json_text(input->second, state.name);
      if (raw) {
        Random random(0);
        const Json no_context = Json::object();
        const engine::StateScope scope{engine::PathContext(no_context), random, Timestamp{},
                                       state.name};
        auto output = engine::language_of(state).catcher_output(catcher, *raw, error, scope);
        if (!output && state.query_language == asl::QueryLanguage::kJsonata)
          return fmt::format("its Output cannot be evaluated: {}: {}", output.error().name,
                             output.error().cause);
        if (!output)
          return fmt::format("its ResultPath \"{}\" cannot apply: {}: {}",
                             catcher.result_path.path, output.error().name, output.error().cause);
      }
    }
    return fmt::format("the scenario made to reach it ({}) ended {}", describe(run.scenario),
                       to_string(run.trace.outcome));
  }
  return "no scenario was made to reach it";
}

std::string state_reason(const std::string& name, const std::map<std::string, Incoming>& into,
                         const std::set<std::string>& entered,
                         const std::set<std::pair<std::string, int>>& caught) {
  auto found = into.find(name);
  if (found == into.end()) return "no state leads to it";
  const Incoming& in = found->second;
  std::vector<std::string> live_plain;
  for (const auto& from : in.plain)
    if (from.empty() || entered.count(from)) live_plain.push_back(from);
  std::vector<std::string> live_choices;
  for (const auto& from : in.choices)
    if (entered.count(from)) live_choices.push_back(from);
  std::vector<std::string> catchers;
  bool live_catcher = false;
  for (const auto& [state, index] : in.catchers) {
    catchers.push_back(catcher_name(*state, index));
    if (caught.count({state->name, index})) live_catcher = true;
  }
  if (live_catcher) return "";
  if (!live_plain.empty()) {
    std::vector<std::string> named;
    for (const auto& from : live_plain)
      if (!from.empty()) named.push_back(from);
    if (named.empty()) return "";
    return fmt::format("no scenario gets past {}", fmt::join(named, ", "));
  }
  if (!live_choices.empty())
    return fmt::format("only Choice {} leads to it, and explore varies failures and durations, "
                       "not the results its rules read",
                       fmt::join(live_choices, ", "));
  if (!catchers.empty() && in.plain.empty() && in.choices.empty())
    return fmt::format("only {} lead{} to it, and no scenario takes {}", fmt::join(catchers, ", "),
                       catchers.size() == 1 ? "s" : "", catchers.size() == 1 ? "it" : "them");
  return "every state that leads to it is unreachable";
}

std::string retrier_reason(const asl::State& state, int index, const std::set<std::string>& entered,
                           const std::set<std::pair<std::string, int>>& fired) {
  const asl::Retrier& retrier = state.retry[static_cast<std::size_t>(index)];
  if (retrier.max_attempts == 0) return "MaxAttempts is 0";
  std::vector<const std::vector<std::string>*> earlier;
  for (int i = 0; i < index; ++i)
    earlier.push_back(&state.retry[static_cast<std::size_t>(i)].error_equals);
  if (shadowed(retrier.error_equals, earlier))
    return "earlier Retriers match every error it names";
  if (state.type != asl::StateType::kTask) return "";
  if (!entered.count(state.name)) return fmt::format("its state {} is never entered", state.name);
  if (!fired.count({state.name, index})) return "no scenario's error reaches it";
  return "";
}

// The Retrier of `state` that retried after `error`: the first whose ErrorEquals matches.
int retrier_for(const asl::State& state, const std::string& error) {
  for (std::size_t i = 0; i < state.retry.size(); ++i)
    if (errors::matches(state.retry[i].error_equals, error)) return static_cast<int>(i);
  return -1;
}

void keep_smaller(ScenarioRun& kept, const ScenarioRun& run) {
  if (smaller(run, kept)) kept = run;
}

}  // namespace

LoadedSubject load_subject(const ExploreRequest& request) {
  LoadedSubject loaded;
  Subject subject;
  asl::Loaded definition;
  if (request.pipeline) {
    auto found = pipeline::load_pipeline(pipeline::pipelines_dir(), *request.pipeline);
    if (!found.diagnostics.empty()) {
      loaded.diagnostics = std::move(found.diagnostics);
      return loaded;
    }
    subject.definition_path = found.bindings->definition_path;
    subject.machine_name = *request.pipeline;
    definition = std::move(found.definition);
    subject.bindings = std::move(found.bindings);
  } else {
    subject.definition_path = request.definition;
    definition = asl::load_definition(request.definition);
    if (!definition.machine) {
      loaded.diagnostics = std::move(definition.diagnostics);
      return loaded;
    }
    if (request.bindings) {
      auto read = tasks::load_bindings(*request.bindings);
      if (!read.bindings) {
        loaded.diagnostics = std::move(read.diagnostics);
        return loaded;
      }
      subject.bindings = std::move(read.bindings);
    }
    subject.machine_name =
        std::filesystem::path(request.definition).stem().stem().string();
  }
  if (!request.state_machine_name.empty()) subject.machine_name = request.state_machine_name;
  subject.machine = definition.machine;
  subject.type = request.type.value_or(
      subject.bindings && subject.bindings->type ? *subject.bindings->type
                                                 : WorkflowType::kStandard);
  loaded.diagnostics =
      asl::check_workflow_type(*subject.machine, subject.type, subject.definition_path);
  if (!loaded.diagnostics.empty()) return loaded;

  std::shared_ptr<engine::TaskRunner> inner = std::make_shared<EmptyResults>();
  if (subject.bindings) {
    auto built = tasks::make_runner_for(*subject.bindings, tasks::TaskMode::kMock);
    if (!built.runner) {
      loaded.diagnostics = std::move(built.diagnostics);
      return loaded;
    }
    inner = built.runner;
  }
  subject.handlers = inner;
  subject.baseline_runner = [inner] { return inner; };
  if (request.mocks) {
    auto config = tasks::load_mock_config(request.mocks->file);
    if (!config.config) {
      loaded.diagnostics = std::move(config.diagnostics);
      return loaded;
    }
    auto test_case =
        pipeline::select_test_case(*config.config, *request.mocks, subject.machine_name);
    if (!test_case) {
      loaded.diagnostics.push_back(Diagnostic{request.mocks->file, "", test_case.error().cause});
      return loaded;
    }
    subject.baseline_runner = [inner, test_case = *test_case]()
        -> std::shared_ptr<engine::TaskRunner> {
      return std::make_shared<tasks::MockRunner>(test_case, inner);
    };
  }
  subject.input = request.input;
  loaded.subject = std::move(subject);
  return loaded;
}

ScenarioRun run_scenario(const Subject& subject, const Scenario& scenario, std::size_t order) {
  auto inner = subject.baseline_runner();
  ScenarioRunner runner(scenario, *inner);
  VirtualClock clock(kStart);
  NullLogger log;
  engine::ExecutionOptions options;
  options.input = subject.input;
  options.state_machine_name = subject.machine_name;
  options.execution_name = "explore";
  options.type = subject.type;
  options.keep_child_histories = true;  // a Distributed Map's children: traced too
  auto result = engine::execute(*subject.machine, options, {runner, clock, log});
  ScenarioRun run;
  run.scenario = scenario;
  run.trace = trace_run(*subject.machine, result);
  run.calls = runner.calls();
  run.faulted_calls = runner.faulted_calls();
  run.order = order;
  return run;
}

Report explore(const Subject& subject, const ExploreRequest& request) {
  const asl::StateMachine& machine = *subject.machine;
  Report report;
  report.machine = subject.machine;
  report.machine_name = subject.machine_name;
  report.type = subject.type;

  std::vector<ScenarioRun> runs;
  runs.push_back(run_scenario(subject, Scenario{}, 0));
  std::map<std::string, int> entries;
  for (const auto& call : runs.front().calls)
    if (call.attempt == 0) ++entries[call.state];

  ScenarioOptions options;
  options.max_scenarios = request.max_scenarios;
  options.pairs = request.pairs;
  options.function_timeout = pipeline::function_timeouts(subject.bindings);
  auto set = make_scenarios(machine, entries, options);
  for (std::size_t i = 0; i < set.scenarios.size(); ++i)
    runs.push_back(run_scenario(subject, set.scenarios[i], i + 1));

  // Task states the baseline never enters but a scenario does (a Task on a Catcher's path):
  // their own faults, each after the faults of the smallest scenario that enters the state.
  std::map<std::string, std::size_t> reached_by;  // state → index in runs
  for (std::size_t i = 1; i < runs.size(); ++i)
    for (const auto& call : runs[i].calls)
      if (!entries.count(call.state)) {
        auto [found, added] = reached_by.try_emplace(call.state, i);
        if (!added && smaller(runs[i], runs[found->second])) found->second = i;
      }
  for (const auto& [state, index] : reached_by) {
    std::map<std::string, int> reached;
    for (const auto& call : runs[index].calls)
      if (call.state == state && call.attempt == 0) ++reached[state];
    ScenarioOptions only = options;
    only.pairs = false;
    std::size_t made = runs.size() - 1;
    only.max_scenarios = made < request.max_scenarios ? request.max_scenarios - made : 0;
    auto more = make_scenarios(machine, reached, only);
    set.skipped += more.skipped;
    Scenario prefix = runs[index].scenario;
    for (auto& scenario : more.scenarios) {
      scenario.faults.insert(scenario.faults.begin(), prefix.faults.begin(), prefix.faults.end());
      runs.push_back(run_scenario(subject, scenario, runs.size()));
    }
  }
  report.scenarios_run = runs.size();
  report.scenarios_skipped = set.skipped;

  std::map<std::string, const asl::State*> states;
  asl::for_each_state(machine, [&](const asl::State& state, int) { states[state.name] = &state; });
  std::set<std::string> entered;
  std::set<std::pair<std::string, int>> caught;
  std::set<std::pair<std::string, int>> fired;
  std::map<Outcome, OutcomeFinding> outcomes;
  std::map<std::pair<std::string, std::string>, EscapingError> escapes;
  std::map<std::string, OverLimit> over;
  std::vector<std::string> over_order;

  std::optional<double> execution_limit = machine.timeout_seconds;
  bool express = subject.type == WorkflowType::kExpress;
  for (const auto& run : runs) {
    const RunTrace& trace = run.trace;
    entered.insert(trace.entered.begin(), trace.entered.end());
    caught.insert(trace.caught.begin(), trace.caught.end());
    auto [found, fresh] =
        outcomes.try_emplace(trace.outcome, OutcomeFinding{trace.outcome, run, 0});
    ++found->second.scenarios;
    if (!fresh) keep_smaller(found->second.smallest, run);

    auto end = states.find(trace.outcome.end_state);
    bool at_fail = end != states.end() && end->second->type == asl::StateType::kFail;
    if (trace.outcome.status == "FAILED" && !at_fail) {
      auto key = std::pair(trace.outcome.error, trace.outcome.end_state);
      auto [escape, added] = escapes.try_emplace(key, EscapingError{key.first, key.second, run});
      if (!added) keep_smaller(escape->second.smallest, run);
    }

    auto note_over = [&](const std::string& limit) {
      auto [entry, added] = over.try_emplace(limit, OverLimit{limit, 0, run, 0});
      if (added) over_order.push_back(limit);
      else keep_smaller(entry->second.smallest, run);
      ++entry->second.scenarios;
      entry->second.longest_seconds = std::max(entry->second.longest_seconds, trace.seconds);
    };
    if (express && (trace.outcome.status == "TIMED_OUT" ||
                    trace.seconds >= asl::limits::kExpressExecutionSeconds))
      note_over("EXPRESS 5 minutes");
    else if (execution_limit && (trace.outcome.status == "TIMED_OUT" ||
                                 trace.seconds > *execution_limit))
      note_over(fmt::format("execution TimeoutSeconds ({})",
                            seconds_text(*execution_limit)));

    // (state, entry) → the error of the entry's last call; a Map's iterations interleave.
    std::map<std::pair<std::string, int>, std::string> last_error;
    for (const auto& call : run.calls) {
      auto state = states.find(call.state);
      if (state == states.end()) continue;
      if (call.attempt > 0) {
        auto previous = last_error.find({call.state, call.entry});
        if (previous != last_error.end()) {
          int index = retrier_for(*state->second, previous->second);
          if (index >= 0) fired.emplace(call.state, index);
        }
      }
      std::pair key(call.state, call.entry);
      if (call.timed_out) last_error[key] = std::string(errors::kTimeout);
      else if (!call.result) last_error[key] = call.result.error().name;
      else last_error.erase(key);

      const auto& task = std::get<asl::TaskSpec>(state->second->spec);
      auto function = options.function_timeout(task.resource);
      if (!function || !call.seconds) continue;
      double ran = std::min(*call.seconds, task.timeout_seconds.value_or(*call.seconds));
      if (ran > *function) {
        auto resource = asl::parse_resource(task.resource);
        std::string name = resource ? resource->function.name : task.resource;
        note_over(fmt::format("Lambda timeout of {} ({})", name, seconds_text(*function)));
      }
    }
  }

  for (auto& [outcome, finding] : outcomes) report.outcomes.push_back(std::move(finding));
  std::stable_sort(report.outcomes.begin(), report.outcomes.end(),
                   [](const OutcomeFinding& a, const OutcomeFinding& b) {
                     return (a.outcome.status == "SUCCEEDED") > (b.outcome.status == "SUCCEEDED");
                   });
  for (auto& [key, escape] : escapes) report.escaping_errors.push_back(std::move(escape));
  for (const auto& limit : over_order) report.over_limits.push_back(std::move(over.at(limit)));

  auto parents = parents_of(machine);
  auto into = incoming_edges(machine);
  asl::for_each_state(machine, [&](const asl::State& state, int) {
    if (!entered.count(state.name)) {
      const asl::State* parent = parents[state.name];
      report.unreachable_states.push_back(
          {state.name, parent ? parent->name : "",
           state_reason(state.name, into, entered, caught)});
    }
    for (std::size_t i = 0; i < state.catchers.size(); ++i) {
      int index = static_cast<int>(i);
      if (caught.count({state.name, index})) continue;
      report.unreachable_catchers.push_back(
          {state.name, index, &state.catchers[i], catcher_reason(state, index, runs, entered)});
    }
    for (std::size_t i = 0; i < state.retry.size(); ++i) {
      int index = static_cast<int>(i);
      auto reason = retrier_reason(state, index, entered, fired);
      if (!reason.empty()) report.idle_retriers.push_back({state.name, index, reason});
    }
  });
  return report;
}

}  // namespace conflictctl::explore

#include "explore/scenarios.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "asl/for_each_state.h"
#include "core/error_names.h"
#include "engine/retry.h"

namespace conflictctl::explore {

namespace {

Error injected(std::string_view name) {
  return Error{std::string(name), fmt::format("injected by conflictctl explore: {}", name)};
}

// The names a state's Retriers and Catchers list, then the ones every Task may meet.
std::vector<std::string> error_names(const asl::State& state) {
  std::vector<std::string> names;
  auto add = [&](std::string_view name) {
    if (name == errors::kAll) return;
    if (std::find(names.begin(), names.end(), name) == names.end()) names.emplace_back(name);
  };
  for (const auto& retrier : state.retry)
    for (const auto& name : retrier.error_equals) add(name);
  for (const auto& catcher : state.catchers)
    for (const auto& name : catcher.error_equals) add(name);
  for (std::string_view name : {errors::kTimeout, errors::kTaskFailed,
                                std::string_view("Lambda.ServiceException"),
                                std::string_view("Lambda.TooManyRequestsException"),
                                kUnnamedError})
    add(name);
  return names;
}

const asl::Retrier* first_retrier(const asl::State& state, const std::string& error) {
  for (const auto& retrier : state.retry)
    if (errors::matches(retrier.error_equals, error)) return &retrier;
  return nullptr;
}

std::optional<std::pair<std::string, int>> aim_of(const asl::State& state,
                                                  const std::string& error) {
  const asl::Catcher* catcher = engine::find_catcher(state.catchers, Error{error, ""});
  if (!catcher) return std::nullopt;
  return std::make_pair(state.name, static_cast<int>(catcher - state.catchers.data()));
}

void add_error_faults(const asl::State& state, bool in_map, std::vector<Scenario>& out) {
  for (const auto& name : error_names(state)) {
    const asl::Retrier* retrier = first_retrier(state, name);
    int retries = retrier ? retrier->max_attempts : 0;
    for (int k = 1; k <= retries; ++k)
      out.push_back({{Fault{state.name, {0, 0}, {0, k - 1}, injected(name), {}, in_map}}, {}});
    // Every attempt of every entry outside a Map (a retried Parallel enters it again); one
    // iteration inside a Map.
    Range entries = in_map ? Range{0, 0} : Range{0, kEvery};
    out.push_back({{Fault{state.name, entries, {0, kEvery}, injected(name), {}, in_map}},
                   aim_of(state, name)});
  }
}

// Iteration counts around the Map's tolerance: 2, t and t+1, ⌊p·n/100⌋ and one more, below n.
std::vector<int> iteration_counts(const asl::MapSpec& map, int n) {
  std::set<int> counts{2};
  if (map.tolerated_failure_count) {
    counts.insert(*map.tolerated_failure_count);
    counts.insert(*map.tolerated_failure_count + 1);
  }
  if (map.tolerated_failure_percentage) {
    int within = static_cast<int>(std::floor(*map.tolerated_failure_percentage * n / 100.0));
    counts.insert(within);
    counts.insert(within + 1);
  }
  std::vector<int> kept;
  for (int k : counts)
    if (k >= 2 && k < n) kept.push_back(k);
  return kept;
}

void add_map_faults(const asl::State& state, const asl::State& map, int iterations,
                    std::vector<Scenario>& out) {
  const auto& spec = std::get<asl::MapSpec>(map.spec);
  Error error = injected(errors::kTaskFailed);
  for (int k : iteration_counts(spec, iterations))
    out.push_back({{Fault{state.name, {0, k - 1}, {0, kEvery}, error, {}, true}}, {}});
  out.push_back({{Fault{state.name, {0, kEvery}, {0, kEvery}, error, {}, true}}, {}});
}

void add_duration_faults(const asl::State& state, bool in_map,
                         const engine::FunctionTimeout& function_timeout,
                         std::vector<Scenario>& out) {
  const auto& task = std::get<asl::TaskSpec>(state.spec);
  std::set<double> limits;
  if (task.timeout_seconds) limits.insert(*task.timeout_seconds);
  if (function_timeout)
    if (auto seconds = function_timeout(task.resource)) limits.insert(*seconds);
  Range every_entry{0, kEvery};
  for (double limit : limits) {
    if (limit > 1)
      out.push_back({{Fault{state.name, every_entry, {0, kEvery}, {}, limit - 1, in_map}}, {}});
    out.push_back({{Fault{state.name, {0, 0}, {0, 0}, {}, limit + 1, in_map}}, {}});
    out.push_back({{Fault{state.name, every_entry, {0, kEvery}, {}, limit + 1, in_map}},
                   aim_of(state, std::string(errors::kTimeout))});
  }
}

}  // namespace

ScenarioSet make_scenarios(const asl::StateMachine& machine,
                           const std::map<std::string, int>& entries,
                           const ScenarioOptions& options) {
  std::vector<Scenario> singles;
  asl::for_each_state(machine, [&](const asl::State& state, const asl::StatePlace& place) {
    if (state.type != asl::StateType::kTask) return;
    auto found = entries.find(state.name);
    int entered = found == entries.end() ? 0 : found->second;
    if (entered == 0) return;
    bool in_map = place.map != nullptr;
    add_error_faults(state, in_map, singles);
    if (in_map) add_map_faults(state, *place.map, entered, singles);
    add_duration_faults(state, in_map, options.function_timeout, singles);
  });

  ScenarioSet set;
  auto keep = [&](Scenario scenario) {
    if (set.scenarios.size() < options.max_scenarios) set.scenarios.push_back(std::move(scenario));
    else ++set.skipped;
  };
  for (const auto& scenario : singles) keep(scenario);
  if (options.pairs) {
    for (std::size_t i = 0; i < singles.size(); ++i)
      for (std::size_t j = i + 1; j < singles.size(); ++j) {
        const Fault& a = singles[i].faults.front();
        const Fault& b = singles[j].faults.front();
        if (a.state == b.state) continue;
        keep(Scenario{{a, b}, {}});
      }
  }
  return set;
}

}  // namespace conflictctl::explore

#include "explore/mock_file.h"

#include <fmt/format.h>

#include "core/number_text.h"
#include "tasks/mock_config.h"
#include "tasks/mock_runner.h"

namespace conflictctl::explore {

namespace {

constexpr std::string_view kSeparator = "--";

// The mock entry of one call: {"Return": …} or {"Throw": {…}}, with its DurationSeconds.
Json entry_of(const Call& call) {
  Json entry = Json::object();
  if (call.result) entry["Return"] = *call.result;
  else entry["Throw"] = {{"Error", call.result.error().name}, {"Cause", call.result.error().cause}};
  if (call.seconds) entry["DurationSeconds"] = *call.seconds;
  return entry;
}

std::string range_key(int first, int last) {
  return first == last ? std::to_string(first) : fmt::format("{}-{}", first, last);
}

// The responses of `calls` of one state, in call order, equal neighbours merged.
Json responses_of(const std::vector<const Call*>& calls) {
  Json responses = Json::object();
  int first = 0;
  for (std::size_t i = 0; i < calls.size(); ++i) {
    Json entry = entry_of(*calls[i]);
    bool last = i + 1 == calls.size() || entry_of(*calls[i + 1]) != entry;
    if (!last) continue;
    responses[range_key(first, static_cast<int>(i))] = std::move(entry);
    first = static_cast<int>(i) + 1;
  }
  return responses;
}

std::optional<Outcome> outcome_named(const std::string& name) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (parts.size() < 2) {
    auto at = name.find(kSeparator, start);
    if (at == std::string::npos) break;
    parts.push_back(name.substr(start, at - start));
    start = at + kSeparator.size();
  }
  parts.push_back(name.substr(start));
  if (parts.size() < 2) return std::nullopt;
  Outcome outcome{parts[0], parts[1], parts.size() > 2 ? parts[2] : ""};
  for (std::string_view status : {"SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"})
    if (outcome.status == status) return outcome;
  return std::nullopt;
}

}  // namespace

std::string test_case_name(const Outcome& outcome) {
  std::string name = outcome.end_state + std::string(kSeparator) + outcome.status;
  if (!outcome.error.empty()) name += std::string(kSeparator) + outcome.error;
  return name;
}

Json write_mock_file(const Report& report) {
  Json cases = Json::object();
  Json responses = Json::object();
  for (const auto& finding : report.outcomes) {
    std::string name = test_case_name(finding.outcome);
    std::vector<std::string> order;
    std::map<std::string, std::vector<const Call*>> by_state;
    for (const auto& call : finding.smallest.calls) {
      if (!by_state.count(call.state)) order.push_back(call.state);
      by_state[call.state].push_back(&call);
    }
    Json test_case = Json::object();
    for (const auto& state : order) {
      std::string response = name + "/" + state;
      test_case[state] = response;
      responses[response] = responses_of(by_state[state]);
    }
    cases[name] = std::move(test_case);
  }
  return Json{{"StateMachines", {{report.machine_name, {{"TestCases", cases}}}}},
              {"MockedResponses", responses}};
}

CheckResult check_mock_file(const Subject& subject, const std::string& file) {
  CheckResult result;
  auto loaded = tasks::load_mock_config(file);
  if (!loaded.config) {
    result.diagnostics = std::move(loaded.diagnostics);
    return result;
  }
  const tasks::MockConfig& config = *loaded.config;
  std::string machine = subject.machine_name;
  if (!config.state_machines.count(machine) && config.state_machines.size() == 1)
    machine = config.state_machines.begin()->first;
  auto found = config.state_machines.find(machine);
  if (found == config.state_machines.end()) {
    result.diagnostics.push_back(
        {file, "/StateMachines", fmt::format("no state machine named '{}'", machine)});
    return result;
  }
  for (const auto& [name, states] : found->second) {
    if (!outcome_named(name))
      result.diagnostics.push_back(
          {file, "/StateMachines/" + machine + "/TestCases/" + name,
           "the test case's name states no outcome (<end state>--<STATUS>[--<error>])"});
  }
  if (!result.diagnostics.empty()) return result;

  for (const auto& [name, states] : found->second) {
    auto test_case = config.test_case(machine, name);
    if (!test_case) {
      result.diagnostics.push_back({file, "", test_case.error().cause});
      return result;
    }
    Subject replay = subject;
    auto handlers = subject.handlers;
    replay.baseline_runner = [handlers, test_case = *test_case]()
        -> std::shared_ptr<engine::TaskRunner> {
      return std::make_shared<tasks::MockRunner>(test_case, handlers);
    };
    auto run = run_scenario(replay, Scenario{}, 0);
    result.cases.push_back({name, *outcome_named(name), run.trace.outcome, run.trace.seconds});
  }
  return result;
}

std::string format_check_text(const CheckResult& result, const std::string& file) {
  std::string text;
  std::size_t changed = 0;
  for (const auto& checked : result.cases) {
    if (checked.changed()) {
      ++changed;
      text += fmt::format("CHANGED  {}: now {}\n", checked.test_case, to_string(checked.actual));
    } else {
      text += fmt::format("same     {}  ({})\n", checked.test_case,
                          seconds_text(checked.seconds));
    }
  }
  text += fmt::format("{}: {} test case{}, {} changed.\n", file, result.cases.size(),
                      result.cases.size() == 1 ? "" : "s", changed);
  return text;
}

}  // namespace conflictctl::explore

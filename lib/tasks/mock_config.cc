#include "tasks/mock_config.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <utility>
#include <variant>

#include "core/json_text.h"

namespace conflictctl::tasks {

namespace {

constexpr std::size_t kMaxRangeDigits = 9;  // keeps invocation numbers inside an int

// A parsed entry with the key it was written under, for coverage messages.
struct KeyedEntry {
  std::string key;
  MockEntry entry;
};

std::optional<int> parse_number(std::string_view text) {
  if (text.empty() || text.size() > kMaxRangeDigits ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::stoi(std::string(text));
}

std::string join(const std::vector<std::string>& names) {
  return names.empty() ? "none" : fmt::format("{}", fmt::join(names, ", "));
}

template <class Map>
std::vector<std::string> keys_of(const Map& map) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : map) keys.push_back(key);
  return keys;
}

class Parser {
 public:
  explicit Parser(std::string file) : file_(std::move(file)) {}

  void report(const std::string& pointer, std::string message) {
    diagnostics_.push_back(Diagnostic{file_, pointer, std::move(message)});
  }

  // Reports the keys of `object` that are not in `allowed`.
  void check_fields(const Json& object, const std::string& pointer,
                    const std::vector<std::string>& allowed, std::string_view expected) {
    for (const auto& [key, value] : object.items()) {
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
        report(pointer_append(pointer, key),
               fmt::format("unknown field '{}' (expected {})", key, expected));
    }
  }

  std::map<std::string, MockedResponse> responses(const Json& responses) {
    std::map<std::string, MockedResponse> out;
    const std::string pointer = "/MockedResponses";
    if (!responses.is_object()) {
      report(pointer, "MockedResponses must be an object of mocked responses");
      return out;
    }
    for (const auto& [name, value] : responses.items()) {
      if (auto response = mocked_response(name, value, pointer_append(pointer, name)))
        out.emplace(name, std::move(*response));
    }
    return out;
  }

  std::map<std::string, std::map<std::string, std::map<std::string, std::string>>>
  state_machines(const Json& machines, const std::map<std::string, MockedResponse>& responses,
                 const Json& raw_responses) {
    std::map<std::string, std::map<std::string, std::map<std::string, std::string>>> out;
    const std::string pointer = "/StateMachines";
    if (!machines.is_object()) {
      report(pointer, "StateMachines must be an object of state machines");
      return out;
    }
    for (const auto& [machine, value] : machines.items()) {
      std::string at = pointer_append(pointer, machine);
      if (!value.is_object()) {
        report(at, "a state machine must be an object with TestCases");
        continue;
      }
      check_fields(value, at, {"TestCases"}, "TestCases");
      auto cases = value.find("TestCases");
      if (cases == value.end()) {
        report(at, "missing required field 'TestCases'");
        continue;
      }
      at = pointer_append(at, "TestCases");
      if (!cases->is_object()) {
        report(at, "TestCases must be an object of test cases");
        continue;
      }
      for (const auto& [test_case, states] : cases->items())
        out[machine][test_case] =
            test_case_states(states, pointer_append(at, test_case), responses, raw_responses);
    }
    return out;
  }

  Diagnostics take() { return std::move(diagnostics_); }
  bool ok() const { return diagnostics_.empty(); }

 private:
  std::map<std::string, std::string> test_case_states(
      const Json& states, const std::string& pointer,
      const std::map<std::string, MockedResponse>& responses, const Json& raw_responses) {
    std::map<std::string, std::string> out;
    if (!states.is_object()) {
      report(pointer, "a test case must be an object of state names and mocked response names");
      return out;
    }
    for (const auto& [state, response] : states.items()) {
      std::string at = pointer_append(pointer, state);
      if (!response.is_string()) {
        report(at, "a test case maps a state name to the name of a mocked response (a string)");
        continue;
      }
      const std::string& name = response.get_ref<const std::string&>();
      // A response that exists but is malformed has its own diagnostics already.
      if (!responses.contains(name) &&
          !(raw_responses.is_object() && raw_responses.contains(name)))
        report(at, fmt::format("unknown mocked response '{}' (not in MockedResponses)", name));
      out.emplace(state, name);
    }
    return out;
  }

  std::optional<MockedResponse> mocked_response(const std::string& name, const Json& value,
                                                const std::string& pointer) {
    if (!value.is_object()) {
      report(pointer, fmt::format("mocked response '{}' must be an object whose keys number "
                                  "the invocations",
                                  name));
      return std::nullopt;
    }
    if (value.empty()) {
      report(pointer, fmt::format("mocked response '{}' defines no invocations", name));
      return std::nullopt;
    }
    std::vector<KeyedEntry> entries;
    bool ok = true;
    for (const auto& [key, body] : value.items()) {
      if (auto entry = mock_entry(key, body, pointer_append(pointer, key)))
        entries.push_back({key, std::move(*entry)});
      else
        ok = false;
    }
    // Coverage is judged only over well-formed keys, so one bad key reports once.
    if (!ok || !check_coverage(entries, pointer)) return std::nullopt;
    MockedResponse response{name, {}};
    for (auto& keyed : entries) response.entries.push_back(std::move(keyed.entry));
    return response;
  }

  // Sorts the entries and checks that they number the invocations 0, 1, 2, … exactly once.
  bool check_coverage(std::vector<KeyedEntry>& entries, const std::string& pointer) {
    std::stable_sort(entries.begin(), entries.end(),
                     [](const KeyedEntry& a, const KeyedEntry& b) {
      return std::pair(a.entry.first, a.entry.last) < std::pair(b.entry.first, b.entry.last);
    });
    bool ok = true;
    int next = 0;  // the first invocation not yet covered
    const KeyedEntry* previous = nullptr;
    for (const KeyedEntry& keyed : entries) {
      if (previous && keyed.entry.first < next) {
        report(pointer_append(pointer, keyed.key),
               fmt::format("invocation range '{}' overlaps '{}'", keyed.key, previous->key));
        ok = false;
      } else if (keyed.entry.first > next) {
        std::string missing = keyed.entry.first - 1 == next
                                  ? fmt::format("invocation {} has", next)
                                  : fmt::format("invocations {}-{} have", next,
                                                keyed.entry.first - 1);
        report(pointer, fmt::format("{} no response; the keys must number the invocations "
                                    "consecutively from 0",
                                    missing));
        ok = false;
      }
      next = std::max(next, keyed.entry.last + 1);
      previous = &keyed;
    }
    return ok;
  }

  std::optional<MockEntry> mock_entry(const std::string& key, const Json& body,
                                      const std::string& pointer) {
    MockEntry entry;
    if (!range(key, pointer, entry)) return std::nullopt;
    if (!body.is_object()) {
      report(pointer, "a mocked invocation must be an object with Return or Throw");
      return std::nullopt;
    }
    std::size_t before = diagnostics_.size();
    check_fields(body, pointer, {"Return", "Throw", "DurationSeconds", "Heartbeats", "NoAnswer"},
                 "Return, Throw, DurationSeconds, Heartbeats or NoAnswer");
    bool has_return = body.contains("Return"), has_throw = body.contains("Throw");
    if (auto silent = body.find("NoAnswer"); silent != body.end()) {
      if (*silent != Json(true))
        report(pointer_append(pointer, "NoAnswer"), "NoAnswer must be true");
      else if (has_return || has_throw || body.contains("DurationSeconds"))
        report(pointer, "a mocked invocation with NoAnswer never answers: it has no Return, "
                        "Throw or DurationSeconds");
      entry.no_answer = true;
    } else if (has_return && has_throw)
      report(pointer, "a mocked invocation must have Return or Throw, not both");
    else if (!has_return && !has_throw)
      report(pointer, "a mocked invocation must have a Return, a Throw or NoAnswer");
    else if (has_return)
      entry.value = body["Return"];
    else
      entry.error = thrown(body["Throw"], pointer_append(pointer, "Throw"));
    if (auto duration = body.find("DurationSeconds"); duration != body.end()) {
      if (!duration->is_number() || !std::isfinite(duration->get<double>()) ||
          duration->get<double>() < 0)
        report(pointer_append(pointer, "DurationSeconds"),
               "DurationSeconds must be a non-negative number");
      else
        entry.duration_seconds = duration->get<double>();
    }
    if (auto beats = body.find("Heartbeats"); beats != body.end()) {
      const std::string at = pointer_append(pointer, "Heartbeats");
      const double duration = entry.no_answer ? std::numeric_limits<double>::infinity()
                                              : entry.duration_seconds.value_or(0);
      std::vector<double> seconds;
      bool valid = beats->is_array();
      for (const Json& beat : valid ? *beats : Json::array()) {
        valid = beat.is_number() && std::isfinite(beat.get<double>()) &&
                beat.get<double>() >= (seconds.empty() ? 0 : seconds.back()) &&
                beat.get<double>() <= duration;
        if (!valid) break;
        seconds.push_back(beat.get<double>());
      }
      if (valid) entry.heartbeats = std::move(seconds);
      else
        report(at, entry.no_answer
                       ? "Heartbeats must be an array of seconds in ascending order, each at "
                         "least 0"
                       : "Heartbeats must be an array of seconds in ascending order, each "
                         "between 0 and the invocation's DurationSeconds");
    }
    if (diagnostics_.size() != before) return std::nullopt;
    return entry;
  }

  // "N" or "N-M" with N <= M.
  bool range(const std::string& key, const std::string& pointer, MockEntry& entry) {
    std::size_t dash = key.find('-');
    std::optional<int> first = parse_number(std::string_view(key).substr(0, dash));
    std::optional<int> last =
        dash == std::string::npos ? first : parse_number(std::string_view(key).substr(dash + 1));
    if (!first || !last) {
      report(pointer, fmt::format("invalid invocation key '{}' (expected a number such as "
                                  "\"0\" or an inclusive range such as \"1-2\")",
                                  key));
      return false;
    }
    if (*first > *last) {
      report(pointer, fmt::format("invalid invocation range '{}': {} is after {}", key, *first,
                                  *last));
      return false;
    }
    entry.first = *first;
    entry.last = *last;
    return true;
  }

  std::optional<Error> thrown(const Json& value, const std::string& pointer) {
    if (!value.is_object()) {
      report(pointer, "Throw must be an object with Error and Cause strings");
      return std::nullopt;
    }
    check_fields(value, pointer, {"Error", "Cause"}, "Error or Cause");
    Error error;
    const std::array<std::pair<const char*, std::string*>, 2> fields = {
        {{"Error", &error.name}, {"Cause", &error.cause}}};
    for (auto [field, target] : fields) {
      auto it = value.find(field);
      if (it == value.end())
        report(pointer, fmt::format("Throw is missing its {} string", field));
      else if (!it->is_string())
        report(pointer_append(pointer, field), fmt::format("{} must be a string", field));
      else
        *target = it->get<std::string>();
    }
    return error;
  }

  std::string file_;
  Diagnostics diagnostics_;
};

}  // namespace

const MockEntry* MockedResponse::entry_for(int n) const {
  auto it = std::find_if(entries.begin(), entries.end(),
                         [n](const MockEntry& e) { return e.first <= n && n <= e.last; });
  return it == entries.end() ? nullptr : &*it;
}

Result<MockTestCase> MockConfig::test_case(const std::string& state_machine,
                                           const std::string& test_case) const {
  auto machine = state_machines.find(state_machine);
  if (machine == state_machines.end())
    return Error{"States.Runtime",
                 fmt::format("mock config '{}' has no state machine '{}' (state machines: {})",
                             file, state_machine, join(keys_of(state_machines)))};
  auto found = machine->second.find(test_case);
  if (found == machine->second.end())
    return Error{"States.Runtime",
                 fmt::format("mock config '{}' has no test case '{}' for state machine '{}' "
                             "(test cases: {})",
                             file, test_case, state_machine, join(keys_of(machine->second)))};
  MockTestCase out{state_machine, test_case, {}};
  for (const auto& [state, response] : found->second)
    out.states.emplace(state, responses.at(response));
  return out;
}

LoadedMockConfig parse_mock_config(const std::string& text, const std::string& file) {
  std::variant<Json, JsonTextProblem> read = read_json_text(text);
  if (const JsonTextProblem* problem = std::get_if<JsonTextProblem>(&read)) {
    // nlohmann's own words often start with "syntax error while parsing …": said once.
    const bool worded = problem->too_deep || problem->what.starts_with("syntax error");
    std::string message = worded ? problem->what : "syntax error: " + problem->what;
    return {std::nullopt, {Diagnostic{file, "", std::move(message), problem->line, problem->column}}};
  }
  Json root = std::get<Json>(std::move(read));
  Parser parser(file);
  if (!root.is_object()) {
    parser.report("", "a mock config must be a JSON object with StateMachines and "
                      "MockedResponses");
    return {std::nullopt, parser.take()};
  }
  parser.check_fields(root, "", {"StateMachines", "MockedResponses"},
                      "StateMachines or MockedResponses");
  for (const char* field : {"StateMachines", "MockedResponses"}) {
    if (!root.contains(field))
      parser.report("", fmt::format("missing required field '{}'", field));
  }

  const Json empty = Json::object();
  const Json& raw_responses = root.contains("MockedResponses") ? root["MockedResponses"] : empty;
  MockConfig config;
  config.file = file;
  config.responses = parser.responses(raw_responses);
  if (root.contains("StateMachines"))
    config.state_machines =
        parser.state_machines(root["StateMachines"], config.responses, raw_responses);
  if (!parser.ok()) return {std::nullopt, parser.take()};
  return {std::move(config), {}};
}

LoadedMockConfig load_mock_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {std::nullopt, {Diagnostic{path, "", "cannot read the mock config file"}}};
  std::ostringstream text;
  text << in.rdbuf();
  return parse_mock_config(text.str(), path);
}

}  // namespace conflictctl::tasks

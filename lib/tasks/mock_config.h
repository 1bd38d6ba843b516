#pragma once
// The mock configuration file of AWS Step Functions Local ("Configuration file for mocked
// service integrations"), which tasks/mock_runner.h plays back. docs/mock-config.md is the
// user's guide.
//
//   {"StateMachines": {"<state machine>": {"TestCases": {"<test case>":
//        {"<Task state name>": "<mocked response name>", …}}}},
//    "MockedResponses": {"<mocked response name>": {
//        "0":   {"Return": <the Task's result>},
//        "1-2": {"Throw": {"Error": "Lambda.TimeoutException", "Cause": "Lambda timed out."}},
//        "3":   {"Return": …, "DurationSeconds": 40}}}}
//
// AWS: "You specify the invocation number using individual integer strings, such as "0", "1",
// "2", and "3" or an inclusive range of integers, such as "0-1", "2-3"." — "A response must
// contain a single field named Return or Throw" — "The value of Throw must be an object
// containing an Error and Cause fields with string values." — "you must denote mocks for
// retries with consecutive attempt numbers". So the keys of a mocked response must cover the
// invocations 0, 1, 2, … without gaps or overlaps.
//
// Our extension: an entry may also carry "DurationSeconds": <number ≥ 0>, how long the mocked
// call takes on the virtual clock (default: it completes at once); and "Heartbeats": [seconds,
// …], the heartbeats the mocked task sends, as seconds after it began (ascending, each at most
// its DurationSeconds; [] sends none). With Heartbeats the Task state's HeartbeatSeconds is
// enforced (a time out when more than that passes without one); without, the
// mocked task reports no heartbeats and it is not (engine/task.h) — except a task that waits
// for an answer (.waitForTaskToken, an activity), which is always held to it: its mocked
// answer without Heartbeats sent none (engine/heartbeat.h).
//
// For such a task the entry is the answer: Return is what SendTaskSuccess sends (the task's
// result), Throw what SendTaskFailure sends, DurationSeconds when it arrives, Heartbeats the
// SendTaskHeartbeat calls. Our extension "NoAnswer": true (alone, or with Heartbeats in
// ascending order, unbounded) is a callback or worker that never answers: the task ends at
// its TimeoutSeconds or HeartbeatSeconds, or with the execution.
//
// Every problem is a Diagnostic naming the file and the JSON Pointer of the offending field
// (line:column for JSON syntax errors); all problems are reported; the config is returned
// only when there are none. Nothing here throws.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/error.h"
#include "core/json.h"

namespace conflictctl::tasks {

// One key of a mocked response: what invocations `first`..`last` (0-based, inclusive) get.
struct MockEntry {
  int first = 0;
  int last = 0;
  std::optional<Json> value;   // "Return": the Task's result, as is
  std::optional<Error> error;  // "Throw": {"Error", "Cause"}
  std::optional<double> duration_seconds;  // "DurationSeconds"; nullopt = instant
  std::optional<std::vector<double>> heartbeats;  // "Heartbeats"; nullopt = none reported
  bool no_answer = false;                         // "NoAnswer": true
};

struct MockedResponse {
  std::string name;
  std::vector<MockEntry> entries;  // sorted, contiguous from invocation 0

  // The entry for invocation `n` (0-based), or null past the last defined invocation.
  const MockEntry* entry_for(int n) const;
  int invocation_count() const { return entries.empty() ? 0 : entries.back().last + 1; }
};

// One test case, ready to play: each mocked Task state with its responses.
struct MockTestCase {
  std::string state_machine;
  std::string name;
  std::map<std::string, MockedResponse> states;  // state name → its mocked response
};

struct MockConfig {
  std::string file;
  // state machine → test case → state name → mocked response name
  std::map<std::string, std::map<std::string, std::map<std::string, std::string>>> state_machines;
  std::map<std::string, MockedResponse> responses;

  // The test case `test_case` of `state_machine`. Error ("States.Runtime") when either is not
  // in the file; its cause lists the names that are.
  Result<MockTestCase> test_case(const std::string& state_machine,
                                 const std::string& test_case) const;
};

struct LoadedMockConfig {
  std::optional<MockConfig> config;  // empty when diagnostics is not empty
  Diagnostics diagnostics;
};

// Parses `text`; `file` is only used in diagnostics.
LoadedMockConfig parse_mock_config(const std::string& text, const std::string& file);

// Reads the file, then parse_mock_config. A missing or unreadable file is one diagnostic.
LoadedMockConfig load_mock_config(const std::string& path);

}  // namespace conflictctl::tasks

#include "budget/history_flows.h"

#include <catch2/catch.hpp>

#include <climits>
#include <map>

#include "budget/recorded_execution.h"
#include "budget/test_support.h"

namespace conflictctl::budget {

TEST_CASE("events are placed on their Map iteration or Parallel branch and state entry") {
  RunRecord record = testing::mock_run(R"({"StartAt": "P", "States": {
    "P": {"Type": "Parallel", "Next": "M", "ResultPath": null, "Branches": [
      {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
      {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}]},
    "M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1, "End": true,
          "ItemProcessor": {"StartAt": "T", "States": {
            "T": {"Type": "Task", "Resource": "arn:aws:lambda:r:1:function:f", "End": true}}}}}})",
                                       R"({"StateMachines": {"test": {"TestCases": {"C": {"T": "R"}}}},
    "MockedResponses": {"R": {"0-1": {"Return": 1, "DurationSeconds": 10}}}})",
                                       "C", "run-1", testing::at(0), Json{{"items", {1, 2}}});
  auto history = history_from_json(record.history, "h");
  REQUIRE(history);
  HistoryFlows flows = trace_flows(*history);
  const auto& events = history->events();
  REQUIRE(flows.events.size() == events.size());

  // Top level, two Parallel branches, two Map iterations.
  REQUIRE(flows.flows.size() == 5);
  CHECK(flows.flows[1].container == "P");
  CHECK(flows.flows[2].container == "P");
  CHECK(flows.flows[2].index == 1);
  CHECK(flows.flows[3].map_iteration);
  CHECK(flows.flows[3].container == "M");
  CHECK(flows.flows[4].index == 1);
  CHECK(flows.flows[4].depth == 1);

  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& event = events[i];
    const auto& place = flows.events[i];
    INFO(event.type << " #" << event.id);
    if (event.type.starts_with("LambdaFunction")) {
      CHECK(place.state == "T");
      CHECK(flows.flows[static_cast<std::size_t>(place.flow)].map_iteration);
      CHECK(flows.within(place.flow, 0));
    }
    if (event.type == "MapStateStarted") CHECK(place.state == "M");
    if (event.type.starts_with("MapIteration") || event.type.starts_with("Execution"))
      CHECK(place.entry == -1);
    if (entered_state(event) == "B") CHECK(place.flow == 2);
  }
  CHECK(map_items(*history, flows) == std::map<std::string, long long>{{"M", 2}});
}

}  // namespace conflictctl::budget

namespace conflictctl::budget {

// Found by run_record_fuzz: an edited record whose event names itself as its previous event
// read that event's place before it was recorded (past the end of a vector), and details of
// the wrong type threw a JSON exception.
TEST_CASE("an event that names itself as previous, or details of the wrong type, read safely") {
  const Json recorded = Json::parse(R"({"events": [
    {"timestamp": "2024-01-01T00:00:00Z", "type": "ExecutionStarted", "id": 1, "previousEventId": 0},
    {"timestamp": "2024-01-01T00:00:00Z", "type": "MapStateEntered", "id": 2, "previousEventId": 2,
     "stateEnteredEventDetails": {"name": "M"}},
    {"timestamp": "2024-01-01T00:00:00Z", "type": "MapStateStarted", "id": 3, "previousEventId": 2,
     "mapStateStartedEventDetails": {"length": 9223372036854775807}},
    {"timestamp": "2024-01-01T00:00:00Z", "type": "MapStateStarted", "id": 4, "previousEventId": 2,
     "mapStateStartedEventDetails": {"length": 9223372036854775807}},
    {"timestamp": "2024-01-01T00:00:00Z", "type": "MapStateStarted", "id": 5, "previousEventId": 2,
     "mapStateStartedEventDetails": {"length": "3"}},
    {"timestamp": "2024-01-01T00:00:00Z", "type": "MapIterationStarted", "id": 6, "previousEventId": 7,
     "mapIterationStartedEventDetails": {"name": 5, "index": "x"}}]})");
  // The reader refuses such a record now (recorded_execution.cc); trace_flows must still be
  // safe on a History built some other way.
  CHECK_FALSE(history_from_json(recorded, "h"));
  std::optional<engine::History> history(std::in_place);
  for (const Json& event : recorded["events"]) {
    std::string key;
    Json details;
    for (const auto& [name, value] : event.items())
      if (name.ends_with("EventDetails")) key = name, details = value;
    history->add(*parse_timestamp(event["timestamp"].get<std::string>()),
                 event["type"].get<std::string>(), event["previousEventId"].get<std::int64_t>(),
                 key, details);
  }
  HistoryFlows flows = trace_flows(*history);
  REQUIRE(flows.events.size() == 6);
  CHECK(flows.events[1].flow == 0);  // its own "previous" is ignored: the top level
  CHECK(flows.events[1].state == "M");
  REQUIRE(flows.flows.size() == 2);
  CHECK(flows.flows[1].container.empty());
  CHECK(flows.flows[1].index == 0);
  CHECK(map_items(*history, flows) == std::map<std::string, long long>{{"M", LLONG_MAX}});
}

}  // namespace conflictctl::budget

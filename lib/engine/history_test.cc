#include "engine/history.h"

#include <catch2/catch.hpp>

namespace conflictctl::engine {

namespace {
const Timestamp kAt = *parse_timestamp("2024-01-01T00:00:00Z");
}

TEST_CASE("a compact event prints as AWS's GetExecutionHistory does") {
  History history;
  std::int64_t entered = history.record(
      kAt, "PassStateEntered", 0, "stateEnteredEventDetails",
      EventDetails::state_io("Load", TextKey::kInput, R"({"a":1})"));
  history.record(kAt, "ExecutionStarted", entered, "executionStartedEventDetails",
                 EventDetails::io(TextKey::kInput, "{}", Json{{"roleArn", "arn:r"}}));
  EventDetails iteration;
  iteration.state = "Each";
  iteration.index = 0;
  history.record(kAt, "MapIterationStarted", 2, "mapIterationStartedEventDetails", iteration);
  history.record(kAt, "MapStateFailed", 3, {}, {});

  const auto& events = history.events();
  REQUIRE(events.size() == 4);
  CHECK(events[0].to_json().dump() ==
        R"({"timestamp":"2024-01-01T00:00:00.000Z","type":"PassStateEntered","id":1,)"
        R"("previousEventId":0,"stateEnteredEventDetails":{"name":"Load","input":"{\"a\":1}",)"
        R"("inputDetails":{"truncated":false}}})");
  CHECK(events[1].to_json()["executionStartedEventDetails"].dump() ==
        R"({"input":"{}","inputDetails":{"truncated":false},"roleArn":"arn:r"})");
  CHECK(events[2].to_json()["mapIterationStartedEventDetails"] ==
        Json{{"name", "Each"}, {"index", 0}});
  CHECK(events[3].to_json() == Json{{"timestamp", "2024-01-01T00:00:00.000Z"},
                                     {"type", "MapStateFailed"},
                                     {"id", 4},
                                     {"previousEventId", 3}});
}

TEST_CASE("an event's fields are read from its parts or its JSON alike") {
  EventDetails compact = EventDetails::state_io("Load", TextKey::kOutput, "[1]");
  CHECK(compact.string_field("name") == "Load");
  CHECK(compact.string_field("output") == "[1]");
  CHECK_FALSE(compact.string_field("input"));
  CHECK_FALSE(compact.string_field("error"));

  EventDetails whole(Json{{"name", "Load"}, {"output", "[1]"}, {"index", 3}, {"error", 5}});
  CHECK(whole.string_field("name") == "Load");
  CHECK(whole.string_field("output") == "[1]");
  CHECK_FALSE(whole.string_field("error"));  // not a string
  CHECK(whole.integer_field("index", -1) == 3);
  CHECK(whole.integer_field("length", -1) == -1);
  CHECK(EventDetails().to_json().is_null());
}

TEST_CASE("a history read back keeps its details exactly, order included") {
  History history;
  Json details = Json::parse(R"({"output":"1","name":"S","outputDetails":{"truncated":true}})");
  history.add(kAt, "PassStateExited", 0, "stateExitedEventDetails", details);
  CHECK(history.events()[0].to_json()["stateExitedEventDetails"].dump() == details.dump());
  CHECK(history.events()[0].type.data() == intern_event_name("PassStateExited").data());
}

}  // namespace conflictctl::engine

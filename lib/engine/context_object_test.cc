#include "engine/context_object.h"

#include <catch2/catch.hpp>

namespace conflictctl::engine {

TEST_CASE("the context object reused per state equals one built afresh") {
  ExecutionIdentity execution;
  execution.region = "eu-west-1";
  execution.account = "111122223333";
  execution.state_machine_name = "M";
  execution.execution_name = "e";
  execution.input = Json{{"items", Json::array({1, 2, 3})}};
  execution.start_time = *parse_timestamp("2024-01-01T00:00:00Z");
  Timestamp entered = *parse_timestamp("2024-01-01T00:00:01.250Z");
  Json item{{"Index", 2}, {"Value", 3}, {"Source", "STATE_DATA"}};

  ContextObject context(execution);
  CHECK(context.at("Map", entered, 0, item) == context_object(execution, "Map", entered, 0, item));
  CHECK(context.at("Map", entered, 0, item)["Map"]["Item"]["Value"] == 3);
  // The next state sees its own fields, and no Map item once outside the ItemSelector.
  const Json& next = context.at("Next", execution.start_time, 2);
  CHECK(next == context_object(execution, "Next", execution.start_time, 2));
  CHECK_FALSE(next.contains("Map"));
  CHECK(next["State"] == Json{{"EnteredTime", "2024-01-01T00:00:00Z"}, {"Name", "Next"},
                              {"RetryCount", 2}});
  CHECK(next["Execution"]["Id"] == "arn:aws:states:eu-west-1:111122223333:execution:M:e");
}

}  // namespace conflictctl::engine

namespace conflictctl::engine {

TEST_CASE("the context object's entered time follows each state, in the same or another millisecond") {
  ExecutionIdentity execution;
  execution.start_time = *parse_timestamp("2024-01-01T00:00:00Z");
  ContextObject context(execution);
  const Timestamp first = *parse_timestamp("2024-01-01T00:00:05.001Z");
  const Timestamp second = *parse_timestamp("2024-01-01T00:00:05.002Z");
  CHECK(context.at("A", first, 0)["State"]["EnteredTime"] == "2024-01-01T00:00:05.001Z");
  CHECK(context.at("B", first, 1)["State"] ==
        Json{{"EnteredTime", "2024-01-01T00:00:05.001Z"}, {"Name", "B"}, {"RetryCount", 1}});
  CHECK(context.at("B", second, 0)["State"]["EnteredTime"] == "2024-01-01T00:00:05.002Z");
  CHECK(context.at("A", first, 0)["State"]["EnteredTime"] == "2024-01-01T00:00:05.001Z");
}

}  // namespace conflictctl::engine

namespace conflictctl::engine {

TEST_CASE("the context object holds Task.Token only for the state given a task token") {
  ExecutionIdentity execution;
  execution.start_time = *parse_timestamp("2024-01-01T00:00:00Z");
  ContextObject context(execution);
  const Json& waiting = context.at("Ask", execution.start_time, 0, nullptr, "tok1");
  CHECK(waiting["Task"] == Json{{"Token", "tok1"}});
  CHECK(waiting == context_object(execution, "Ask", execution.start_time, 0, nullptr, "tok1"));
  CHECK_FALSE(context.at("Next", execution.start_time, 0).contains("Task"));
}

}  // namespace conflictctl::engine

#include "engine/heartbeat.h"

#include <catch2/catch.hpp>

namespace conflictctl::engine {
namespace {

TEST_CASE("a heartbeat is missed when more than HeartbeatSeconds pass without one") {
  // From the start to the first heartbeat, between two, from the last to the end.
  CHECK(missed_heartbeat({}, 5, 5) == std::nullopt);  // exactly HeartbeatSeconds is in time
  CHECK(missed_heartbeat({}, 5.001, 5) == 5.0);
  CHECK(missed_heartbeat({6}, 8, 5) == 5.0);
  CHECK(missed_heartbeat({4, 8}, 10, 5) == std::nullopt);
  CHECK(missed_heartbeat({4, 10}, 12, 5) == 9.0);
  CHECK(missed_heartbeat({4}, 12, 5) == 9.0);
  CHECK(missed_heartbeat({4, 9, 14}, 19, 5) == std::nullopt);
}

TEST_CASE("a missed heartbeat is States.HeartbeatTimeout naming HeartbeatSeconds") {
  Error error = heartbeat_timeout(5);
  CHECK(error.name == "States.HeartbeatTimeout");
  CHECK(error.cause == "The task sent no heartbeat for more than its HeartbeatSeconds (5 s).");
}

}  // namespace
}  // namespace conflictctl::engine

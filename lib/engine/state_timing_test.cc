#include "engine/state_timing.h"

#include <catch2/catch.hpp>

namespace conflictctl::engine {
namespace {

const Timestamp kStart = *parse_timestamp("2026-01-01T00:00:00Z");

Result<Timestamp> wait_seconds_path(const Json& input) {
  asl::WaitSpec wait;
  wait.seconds_path = "$.s";
  return wait_until(wait, input, Json::object(), kStart);
}

TEST_CASE("SecondsPath waits the number of seconds it selects") {
  const Result<Timestamp> until = wait_seconds_path(Json{{"s", 99999999}});
  REQUIRE(until.ok());
  CHECK(*until == kStart + std::chrono::seconds(99999999));
}

TEST_CASE("a SecondsPath beyond 99999999 fails with States.Runtime, not a wrapped clock") {
  for (const Json& seconds : {Json(1e300), Json(9e15), Json(100000000)}) {
    const Result<Timestamp> until = wait_seconds_path(Json{{"s", seconds}});
    REQUIRE_FALSE(until.ok());
    CHECK(until.error() ==
          Error{"States.Runtime",
                "The SecondsPath '$.s' must select an integer from 0 to 99999999, but selected " +
                    to_compact(seconds) + "."});
  }
  CHECK_FALSE(wait_seconds_path(Json{{"s", -1}}).ok());
  CHECK_FALSE(wait_seconds_path(Json{{"s", 1.5}}).ok());
  CHECK_FALSE(wait_seconds_path(Json{{"s", "10"}}).ok());
}

TEST_CASE("a TimeoutSecondsPath beyond 99999999 fails with States.Runtime") {
  asl::TaskSpec task;
  task.timeout_seconds_path = "$.t";
  const auto timeout = task_timeout(task, Json{{"t", 1e300}}, Json::object());
  REQUIRE_FALSE(timeout.ok());
  CHECK(timeout.error().name == "States.Runtime");
  CHECK(timeout.error().cause ==
        "The TimeoutSecondsPath '$.t' must select an integer from 1 to 99999999, but selected "
        "1e+300.");
  const auto fine = task_timeout(task, Json{{"t", 30}}, Json::object());
  REQUIRE(fine.ok());
  CHECK(*fine == std::optional<double>(30));
}

}  // namespace
}  // namespace conflictctl::engine

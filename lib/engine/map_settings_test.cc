#include "engine/map_settings.h"

#include <catch2/catch.hpp>

namespace conflictctl::engine {
namespace {

Result<MapSettings> with_concurrency_path(const Json& concurrency) {
  asl::MapSpec map;
  map.items_path.path = "$.items";
  map.max_concurrency_path = "$.c";
  return map_settings(map, Json::array(), Json{{"c", concurrency}}, Json::object());
}

TEST_CASE("MaxConcurrencyPath selecting a whole number limits the iterations") {
  const auto settings = with_concurrency_path(5);
  REQUIRE(settings.ok());
  CHECK(settings->max_concurrency == 5);
}

TEST_CASE("MaxConcurrencyPath selecting 0.5 fails with States.Runtime, not a stalled Map") {
  const auto settings = with_concurrency_path(0.5);
  REQUIRE_FALSE(settings.ok());
  CHECK(settings.error() ==
        Error{"States.Runtime",
              "The MaxConcurrencyPath '$.c' must select an integer from 0 to 1000000000, but "
              "selected 0.5."});
  CHECK_FALSE(with_concurrency_path(-1).ok());
  CHECK_FALSE(with_concurrency_path(1e300).ok());
  CHECK_FALSE(with_concurrency_path("3").ok());
}

TEST_CASE("ToleratedFailureCountPath must select an integer, the percentage may be a fraction") {
  asl::MapSpec map;
  map.items_path.path = "$.items";
  map.tolerated_failure_count_path = "$.n";
  const auto count = map_settings(map, Json::array(), Json{{"n", 2.5}}, Json::object());
  REQUIRE_FALSE(count.ok());
  CHECK(count.error().cause ==
        "The ToleratedFailureCountPath '$.n' must select an integer from 0 to 1000000000, but "
        "selected 2.5.");
  asl::MapSpec percent;
  percent.items_path.path = "$.items";
  percent.tolerated_failure_percentage_path = "$.p";
  const auto fraction =
      map_settings(percent, Json::array(), Json{{"p", 12.5}}, Json::object());
  REQUIRE(fraction.ok());
  CHECK(fraction->tolerated_percentage == std::optional<double>(12.5));
}

}  // namespace
}  // namespace conflictctl::engine

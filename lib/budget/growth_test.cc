#include "budget/growth.h"

#include <catch2/catch.hpp>

namespace conflictctl::budget {
namespace {

// A Task measured over runs given as (rows, seconds) pairs, one invocation per run.
MeasuredTask task(std::vector<std::pair<std::optional<long long>, double>> runs, double limit,
                  std::string map = "", std::optional<long long> items = std::nullopt) {
  MeasuredTask measured;
  measured.task.name = "Load";
  measured.task.map = std::move(map);
  measured.task.limit.seconds = limit;
  std::vector<double> seconds;
  for (auto [rows, duration] : runs) {
    RunSample run;
    run.invocations = run.succeeded = 1;
    run.longest_seconds = run.succeeded_seconds = duration;
    run.rows = rows;
    run.map_items = items;
    measured.runs.push_back(run);
    seconds.push_back(duration);
  }
  measured.seconds = summarize(seconds);
  return measured;
}

GrowthTask predict(MeasuredTask measured, double scale) {
  Measured all;
  all.tasks.push_back(std::move(measured));
  return predict_growth(all, scale).tasks.at(0);
}

}  // namespace

TEST_CASE("with several row counts the fixed part and the rate come from a least-squares fit") {
  // 5 s + 0.01 s per row: 1,000 rows in 15 s, 2,000 in 25 s, 3,000 in 35 s.
  GrowthTask growth = predict(task({{1000, 15}, {2000, 25}, {3000, 35}}, 100), 3);
  CHECK(growth.method == GrowthMethod::kFit);
  CHECK(growth.fixed_seconds == Approx(5));
  CHECK(*growth.seconds_per_row == Approx(0.01));
  CHECK(growth.basis == "least squares over 3 runs (3 row counts): 5 s + 0.01 s per row");
  CHECK(growth.predicted_max_seconds == Approx(95));  // 5 + 30 × 3
  CHECK(growth.zone_now == engine::Zone::kSafe);
  CHECK(growth.zone == engine::Zone::kWarning);
  CHECK(growth.leaves_safe_zone);
}

TEST_CASE("without row counts, or with one, the whole duration scales") {
  GrowthTask none = predict(task({{std::nullopt, 300}, {std::nullopt, 250}}, 900), 3);
  CHECK(none.method == GrowthMethod::kProportional);
  CHECK(none.basis == "proportional: the task reports no row counts");
  CHECK(none.predicted_max_seconds == 900);
  CHECK(none.predicted_p95_seconds == 900);
  CHECK(none.zone == engine::Zone::kOver);

  GrowthTask one = predict(task({{1000, 100}, {1000, 120}}, 900), 2);
  CHECK(one.basis == "proportional: rows measured at 1,000 only");
  CHECK(one.predicted_max_seconds == 240);
  CHECK(one.zone == engine::Zone::kSafe);
  CHECK_FALSE(one.leaves_safe_zone);

  GrowthTask falling = predict(task({{1000, 100}, {2000, 90}}, 900), 2);
  CHECK(falling.method == GrowthMethod::kProportional);
  CHECK(falling.basis ==
        "proportional: the durations of 2 runs do not grow with their 2 row counts");
}

TEST_CASE("a chunked task gets the chunk count that keeps each invocation under 80 %") {
  // 10 chunks of up to 600 s; twice the data is 12,000 s of work; 80 % of 900 s is 720 s:
  // 16 chunks take 750 s each, 17 take 705.9 s.
  GrowthTask growth = predict(task({{std::nullopt, 600}}, 900, "Chunks", 10), 2);
  REQUIRE(growth.chunks);
  CHECK(growth.chunks->map == "Chunks");
  CHECK(growth.chunks->current == 10);
  CHECK(growth.chunks->needed == 17);

  // Exactly 80 % is the warning zone, so one more chunk is needed: 720 × 10 / 10 → 11.
  CHECK(predict(task({{std::nullopt, 720}}, 900, "Chunks", 10), 1).chunks->needed == 11);

  // Not in a Map: no advice.
  CHECK_FALSE(predict(task({{std::nullopt, 600}}, 900), 2).chunks);
}

TEST_CASE("no chunk count helps when the fixed part alone takes 80 % of the limit") {
  GrowthTask growth = predict(task({{1000, 750}, {2000, 760}}, 900, "Chunks", 4), 2);
  CHECK(growth.fixed_seconds == Approx(740));
  REQUIRE(growth.chunks);
  CHECK_FALSE(growth.chunks->needed);
}

}  // namespace conflictctl::budget

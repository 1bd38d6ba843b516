#include "budget/quotas.h"

#include <catch2/catch.hpp>

#include "budget/recorded_execution.h"
#include "budget/test_support.h"

namespace conflictctl::budget {
namespace {

const char* kDefinition = R"({"StartAt": "M", "States": {
  "M": {"Type": "Map", "ItemsPath": "$.items", "ResultPath": null, "End": true,
        "ItemProcessor": {"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:lambda:r:1:function:f", "End": true}}}}}})";

const char* kMocks = R"({"StateMachines": {"test": {"TestCases": {"C": {"T": "R"}}}},
  "MockedResponses": {"R": {"0-9": {"Return": "ok", "DurationSeconds": 1}}}})";

Json input_of(int items, std::size_t item_bytes) {
  Json input = {{"items", Json::array()}, {"note", std::string(1000, 'n')}};
  for (int i = 0; i < items; ++i) input["items"].push_back(std::string(item_bytes, 'x'));
  return input;
}

RecordedHistory run(const std::string& id, int items, std::size_t item_bytes) {
  RunRecord record =
      testing::mock_run(kDefinition, kMocks, "C", id, testing::at(0), input_of(items, item_bytes));
  auto history = history_from_json(record.history, id);
  REQUIRE(history);
  return RecordedHistory{id, std::move(*history)};
}

const QuotaUse& find(const std::vector<QuotaUse>& quotas, const std::string& name) {
  for (const auto& quota : quotas)
    if (quota.name == name) return quota;
  FAIL("no quota " << name);
  return quotas.front();
}

}  // namespace

TEST_CASE("the largest payloads and event counts over the runs, each with its margin") {
  // run-a: 3 items of 2,000 bytes; run-b: 2 items of 50,000 bytes.
  auto quotas = measure_quotas({run("run-a", 3, 2000), run("run-b", 2, 50000)});
  REQUIRE(quotas.size() == 4);

  const QuotaUse& state = find(quotas, "state_payload");
  // run-b's execution input: {"items":["x…","x…"],"note":"n…"}, 101,027 bytes.
  CHECK(to_compact(input_of(2, 50000)).size() == 101027);
  CHECK(state.used == 101027);
  CHECK(state.where == "run run-b, execution input");
  CHECK(state.limit == 262144);
  CHECK(*state.fraction == Approx(*state.used / 262144));
  CHECK(*state.headroom == 262144 - *state.used);
  CHECK(state.zone == engine::Zone::kSafe);

  const QuotaUse& lambda = find(quotas, "lambda_payload");
  CHECK(lambda.used == 50002);  // one item, a JSON string with its quotes
  CHECK(lambda.where == "run run-b, state T (payload)");
  CHECK(lambda.limit == 6291456);

  // run-a: ExecutionStarted, MapStateEntered, MapStateStarted, 3 × 7 iteration events
  // (MapIterationStarted, TaskStateEntered, LambdaFunctionScheduled/Started/Succeeded,
  // TaskStateExited, MapIterationSucceeded), MapStateSucceeded, MapStateExited,
  // ExecutionSucceeded.
  const QuotaUse& events = find(quotas, "history_events");
  CHECK(events.used == 27);
  CHECK(events.where == "run run-a");
  CHECK(events.limit == 25000);

  const QuotaUse& items = find(quotas, "map_items");
  CHECK(items.label == "Items of Map M");
  CHECK(items.used == 3);
  CHECK(items.where == "run run-a");
  CHECK(items.limit == 3570);  // floor((25,000 − 6) / 7)
  CHECK(items.note == "7.0 events per item, 6 events outside the Map's iterations");
}

TEST_CASE("a payload over 80 % of the Step Functions limit is in the warning zone") {
  auto quotas = measure_quotas({run("big", 1, 220000)});
  CHECK(find(quotas, "state_payload").zone == engine::Zone::kWarning);
  CHECK(find(quotas, "lambda_payload").zone == engine::Zone::kSafe);
}

TEST_CASE("no runs: the limits are listed with nothing used") {
  auto quotas = measure_quotas({});
  REQUIRE(quotas.size() == 3);
  CHECK_FALSE(quotas[0].used);
  CHECK_FALSE(quotas[0].zone);
}

}  // namespace conflictctl::budget

namespace conflictctl::budget {

TEST_CASE("an EXPRESS run has no event or Map item quota, but five minutes to run") {
  RecordedHistory express = run("run-x", 3, 100);  // the mocked task takes 1 s per item
  express.type = WorkflowType::kExpress;
  auto quotas = measure_quotas({express});
  std::vector<std::string> names;
  for (const auto& quota : quotas) names.push_back(quota.name);
  CHECK(names == std::vector<std::string>{"state_payload", "lambda_payload", "express_duration"});
  const QuotaUse& duration = find(quotas, "express_duration");
  CHECK(duration.limit == 300);
  CHECK(duration.used == 1);  // three iterations at once, 1 s each
  CHECK(duration.unit == "seconds");
  CHECK(duration.where == "run run-x");
  CHECK(duration.zone == engine::Zone::kSafe);

  auto both = measure_quotas({run("run-s", 2, 100), express});
  names.clear();
  for (const auto& quota : both) names.push_back(quota.name);
  CHECK(names == std::vector<std::string>{"state_payload", "lambda_payload", "history_events",
                                          "express_duration", "map_items"});
}

}  // namespace conflictctl::budget

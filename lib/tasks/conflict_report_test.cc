#include "tasks/conflict_report.h"

#include <catch2/catch.hpp>
#include <set>

#include "tasks/task_testing.h"

using namespace conflictctl;
using namespace conflictctl::tasks;
using namespace conflictctl::tasks::testing;

namespace {

const std::string kResource = "arn:aws:lambda:REGION:ACCOUNT_ID:function:etl-pipeline-function";

engine::TaskOutcome run(FakeContext& fake, const Json& event) {
  ConflictReport function;
  return function.invoke(invocation(kResource, event), fake.context);
}

Json succeed(FakeContext& fake, const Json& event) {
  engine::TaskOutcome outcome = run(fake, event);
  INFO(to_compact(event));
  REQUIRE(outcome.result.ok());
  return *outcome.result;
}

Error fail(FakeContext& fake, const Json& event) {
  engine::TaskOutcome outcome = run(fake, event);
  REQUIRE_FALSE(outcome.result.ok());
  return outcome.result.error();
}

const std::string kActions =
    "Valid actions: validate_config, task_01, task_02, task_03, get_task02_chunks, "
    "process_task02_chunk";

}  // namespace

TEST_CASE("validate_config reports the configuration without the password",
          "[conflict_report]") {
  FakeContext fake;
  engine::TaskOutcome outcome = run(fake, Json{{"action", "validate_config"}});
  REQUIRE(outcome.result.ok());
  CHECK(*outcome.result == Json::parse(R"({"statusCode": 200, "body": {
    "status": "success", "message": "Configuration is valid", "action": "validate_config",
    "config": {"host": "localhost", "port": 5432, "database": "conflict_report",
               "user": "conflict_app"}}})"));
  CHECK(outcome.simulated_seconds == 2.0);
  CHECK(fake.log.lines() ==
        std::vector<std::string>{"info: conflict-report: validate_config (mock): database "
                                 "conflict_report on localhost:5432 as conflict_app"});
}

TEST_CASE("task_01 returns its task record, timed by the task's clock", "[conflict_report]") {
  FakeContext fake;  // the virtual clock reads 2024-01-01T00:00:00.000Z
  engine::TaskOutcome outcome = run(fake, Json{{"action", "task_01"}, {"use_mock", true}});
  REQUIRE(outcome.result.ok());
  CHECK(*outcome.result == Json::parse(R"({"statusCode": 200, "body": {
    "status": "success", "task": "TASK_01",
    "start_time": "2024-01-01T00:00:00.000Z", "end_time": "2024-01-01T00:01:35.000Z",
    "duration_seconds": 95.0,
    "result": {"status": "success", "affected_rows": 156, "duration_seconds": 95.0}}})"));
  CHECK(outcome.simulated_seconds == 95.0);
  CHECK(fake.log.lines() ==
        std::vector<std::string>{"info: conflict-report: task_01 (mock): 156 rows affected in 95 "
                                 "s"});
}

TEST_CASE("task_02 reports the rows it updated", "[conflict_report]") {
  FakeContext fake;
  engine::TaskOutcome outcome = run(fake, Json{{"action", "task_02"}});
  REQUIRE(outcome.result.ok());
  const Json& body = (*outcome.result)["body"];
  CHECK((*outcome.result)["statusCode"] == 200);
  CHECK(body["task"] == "TASK_02");
  CHECK(body["end_time"] == "2024-01-01T00:06:50.000Z");
  CHECK(body["result"] == Json::parse(R"({"status": "success", "updated_rows": 8432,
                                          "duration_seconds": 410.0})"));
  CHECK(outcome.simulated_seconds == 410.0);
}

TEST_CASE("task_03 reports the rows it inserted", "[conflict_report]") {
  FakeContext fake;
  engine::TaskOutcome outcome = run(fake, Json{{"action", "task_03"}});
  REQUIRE(outcome.result.ok());
  const Json& body = (*outcome.result)["body"];
  CHECK(body["task"] == "TASK_03");
  CHECK(body["end_time"] == "2024-01-01T00:02:30.000Z");
  CHECK(body["result"] == Json::parse(R"({"status": "success", "inserted_rows": 15234,
                                          "duration_seconds": 150.0})"));
  CHECK(outcome.simulated_seconds == 150.0);
}

TEST_CASE("get_task02_chunks plans 12 self-describing chunks", "[conflict_report]") {
  FakeContext fake;
  engine::TaskOutcome outcome = run(fake, Json{{"action", "get_task02_chunks"}});
  REQUIRE(outcome.result.ok());
  const Json& plan = *outcome.result;
  CHECK_FALSE(plan.contains("statusCode"));
  CHECK(plan["status"] == "success");
  CHECK(plan["num_chunks"] == 12);
  CHECK(plan["chunk_ids"] == Json::parse("[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]"));
  REQUIRE(plan["chunks"].size() == 12);
  // The window: today − 2 years to today + 45 days.
  CHECK(plan["chunks"][3] == Json::parse(R"({"id": 3, "ssn_bucket": 3, "buckets": 12,
                                             "date_from": "2022-01-01",
                                             "date_to": "2024-02-15"})"));
  CHECK(plan["config"] ==
        Json::parse(R"({"target_size": 10000, "max_size": 15000, "max_concurrency": 5})"));
  CHECK(plan["duration_seconds"] == 12.0);
  CHECK(outcome.simulated_seconds == 12.0);
  CHECK(fake.log.lines().size() == 1);
}

TEST_CASE("the chunk window survives a leap day", "[conflict_report]") {
  FakeContext fake(*parse_timestamp("2024-02-29T12:00:00Z"));
  Json plan = succeed(fake, Json{{"action", "get_task02_chunks"}});
  CHECK(plan["chunks"][0]["date_from"] == "2022-02-28");
  CHECK(plan["chunks"][0]["date_to"] == "2024-04-14");
}

TEST_CASE("process_task02_chunk takes 40 to 70 s, varying by chunk", "[conflict_report]") {
  FakeContext fake;
  Json plan = succeed(fake, Json{{"action", "get_task02_chunks"}});
  long rows = 0;
  std::set<double> durations;
  for (const Json& id : plan["chunk_ids"]) {
    engine::TaskOutcome outcome = run(fake, Json{{"action", "process_task02_chunk"}, {"chunk_id", id}});
    REQUIRE(outcome.result.ok());
    const Json& r = *outcome.result;
    CHECK(r["status"] == "success");
    CHECK(r["chunk_id"] == id);
    double seconds = r["duration_seconds"];
    CHECK(seconds >= 40.0);
    CHECK(seconds <= 70.0);
    CHECK(outcome.simulated_seconds == seconds);
    CHECK(r["rows_updated"] == r["rows_marked"]);
    CHECK(r["throughput_rows_per_sec"].get<double>() ==
          Approx(r["rows_updated"].get<double>() / seconds));
    rows += r["estimated_rows"].get<long>();
    durations.insert(seconds);
    // Deterministic: the same chunk gives the same result.
    CHECK(*run(fake, Json{{"action", "process_task02_chunk"}, {"chunk_id", id}}).result == r);
  }
  CHECK(durations.size() > 1);
  CHECK(plan["total_rows"] == rows);
}

TEST_CASE("process_task02_chunk needs a valid chunk_id", "[conflict_report]") {
  FakeContext fake;
  CHECK(fail(fake, Json{{"action", "process_task02_chunk"}}) ==
        Error{"InvalidChunkId",
              "the event has no 'chunk_id'; pass the Map item as \"chunk_id.$\": \"$\""});
  CHECK(fail(fake, Json{{"action", "process_task02_chunk"}, {"chunk_id", "3"}}) ==
        Error{"InvalidChunkId", "chunk_id must be an integer, not \"3\""});
  CHECK(fail(fake, Json{{"action", "process_task02_chunk"}, {"chunk_id", 12}}) ==
        Error{"InvalidChunkId",
              "chunk_id 12 does not exist; get_task02_chunks planned chunks 0 to 11"});
  CHECK(fail(fake, Json{{"action", "process_task02_chunk"}, {"chunk_id", -1}}).name ==
        "InvalidChunkId");
}

TEST_CASE("an unknown or missing action is an UnknownAction error", "[conflict_report]") {
  FakeContext fake;
  CHECK(fail(fake, Json{{"action", "test_snowflake"}}) ==
        Error{"UnknownAction", "Unknown action: test_snowflake. " + kActions});
  CHECK(fail(fake, Json{{"use_mock", true}}) ==
        Error{"UnknownAction", "The event has no 'action'. " + kActions});
  CHECK(fail(fake, Json{{"action", 1}}) ==
        Error{"UnknownAction", "Unknown action: 1. " + kActions});
  CHECK(fail(fake, Json::array()) ==
        Error{"UnknownAction",
              "The event must be an object with an 'action', not []. " + kActions});
  CHECK(fake.log.lines().empty());
}

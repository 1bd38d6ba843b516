#include "budget/local_vs_aws.h"

#include <catch2/catch.hpp>

#include "budget/aws_history.h"
#include "budget/report.h"
#include "budget/report_tables.h"
#include "budget/test_support.h"

namespace conflictctl::budget {
namespace {

const char* kDefinition = R"({"StartAt": "Load", "States": {
  "Load": {"Type": "Task", "Resource": "arn:aws:lambda:r:1:function:etl", "Next": "Report"},
  "Report": {"Type": "Task", "Resource": "arn:aws:lambda:r:1:function:etl", "End": true}}})";

// Load takes 60 s here and 72 s or 78 s on AWS; Report 10 s here and 9 s on AWS.
const char* kMocks = R"({"StateMachines": {"test": {"TestCases": {
    "Local": {"Load": "Load60", "Report": "Report10"},
    "Aws1": {"Load": "Load72", "Report": "Report9"},
    "Aws2": {"Load": "Load78", "Report": "Report9"}}}},
  "MockedResponses": {
    "Load60": {"0": {"Return": {}, "DurationSeconds": 60}},
    "Load72": {"0": {"Return": {}, "DurationSeconds": 72}},
    "Load78": {"0": {"Return": {}, "DurationSeconds": 78}},
    "Report10": {"0": {"Return": {}, "DurationSeconds": 10}},
    "Report9": {"0": {"Return": {}, "DurationSeconds": 9}}}})";

RunRecord on_aws(RunRecord record) {
  record = testing::as_real(std::move(record));
  record.mode = std::string(kAwsMode);
  return record;
}

std::vector<RunRecord> both() {
  return {on_aws(testing::mock_run(kDefinition, kMocks, "Aws2", "aws-2")),
          on_aws(testing::mock_run(kDefinition, kMocks, "Aws1", "aws-1")),
          testing::as_real(testing::mock_run(kDefinition, kMocks, "Local", "local-1"))};
}

}  // namespace

TEST_CASE("local and AWS runs side by side, with the drift of the medians") {
  LocalVsAws compared = compare_local_and_aws(both(), {});
  CHECK(compared.local_runs == 1);
  CHECK(compared.aws_runs == 2);
  REQUIRE(compared.tasks.size() == 2);
  const SideBySideTask& load = compared.tasks[0];
  CHECK(load.state == "Load");
  CHECK(load.local_runs == 1);
  CHECK(load.aws_runs == 2);
  CHECK(load.local->median == 60);
  CHECK(load.aws->median == 75);
  CHECK(load.aws->max == 78);
  CHECK(load.drift_seconds == Approx(15));
  CHECK(load.drift_fraction == Approx(0.25));
  CHECK(compared.tasks[1].drift_seconds == Approx(-1));
}

TEST_CASE("no side by side without runs of both kinds") {
  auto runs = both();
  runs.pop_back();  // AWS only
  CHECK(compare_local_and_aws(runs, {}).tasks.empty());
  CHECK(compare_local_and_aws({testing::as_real(testing::mock_run(kDefinition, kMocks, "Local",
                                                                  "l"))},
                              {})
            .tasks.empty());
}

TEST_CASE("the budget report prints local and AWS side by side") {
  ReportInputs inputs;
  inputs.pipeline = "p";
  inputs.definition_path = "p.asl.json";
  inputs.records = both();
  inputs.machine = testing::parse_machine(kDefinition);
  auto report = make_report(inputs);
  REQUIRE(report);
  auto tables = report_tables(*report);
  REQUIRE(tables.size() == 7);
  const ReportTable& table = tables[1];
  CHECK(table.id == "local_vs_aws");
  CHECK(table.rows == std::vector<std::vector<std::string>>{
                          {"Load", "1", "60 s", "60 s", "2", "75 s", "78 s", "+15 s (+25.0 %)"},
                          {"Report", "1", "10 s", "10 s", "2", "9 s", "9 s", "-1 s (-10.0 %)"}});
  Json json = to_json(*report);
  CHECK(json["local_vs_aws"]["tasks"][0]["drift_seconds"] == 15);
  CHECK(json["local_vs_aws"]["tasks"][0]["drift_percent"] == 25);
  CHECK(json["local_vs_aws"]["tasks"][0]["aws_seconds"]["median"] == 75);
}

}  // namespace conflictctl::budget

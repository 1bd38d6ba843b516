#include "budget/cost.h"

#include <catch2/catch.hpp>

#include "budget/test_support.h"
#include "source_tree.h"

namespace conflictctl::budget {
namespace {

// Prepare (Pass) → Load (function etl, 2,048 MB, one retry on failure) → Report (function
// report, 512 MB).
const char* kDefinition = R"({"StartAt": "Prepare", "States": {
  "Prepare": {"Type": "Pass", "Next": "Load"},
  "Load": {"Type": "Task", "Resource": "arn:aws:lambda:r:1:function:etl",
           "Retry": [{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 5}],
           "Next": "Report"},
  "Report": {"Type": "Task", "Resource": "arn:aws:lambda:r:1:function:report", "End": true}}})";

// Run1: Load 60 s, Report 10 s. Run3: Load fails after 20 s, is retried 5 s later and takes
// 85 s; Report 25 s.
const char* kMocks = R"({"StateMachines": {"test": {"TestCases": {
    "Run1": {"Load": "Load60", "Report": "Report10"},
    "Run3": {"Load": "LoadRetried", "Report": "Report25"}}}},
  "MockedResponses": {
    "Load60": {"0": {"Return": {}, "DurationSeconds": 60}},
    "LoadRetried": {"0": {"Throw": {"Error": "States.TaskFailed", "Cause": "x"},
                          "DurationSeconds": 20},
                    "1": {"Return": {}, "DurationSeconds": 85}},
    "Report10": {"0": {"Return": {}, "DurationSeconds": 10}},
    "Report25": {"0": {"Return": {}, "DurationSeconds": 25}}}})";

std::optional<int> memory_of(const std::string& resource) {
  if (resource.ends_with(":etl")) return 2048;
  if (resource.ends_with(":report")) return 512;
  return std::nullopt;
}

RunUsage usage_of(const char* test_case, WorkflowType type = WorkflowType::kStandard) {
  RunRecord record = testing::as_real(testing::mock_run(kDefinition, kMocks, test_case,
                                                        test_case));
  record.type = type;
  auto usage = run_usage(record, memory_of);
  REQUIRE(usage);
  return *usage;
}

PriceTable shipped_prices() {
  auto prices = load_price_table(test::source_path("pipelines/aws-prices.json"));
  REQUIRE(prices);
  return *prices;
}

}  // namespace

TEST_CASE("the shipped price table: its date, sources and AWS's us-east-1 prices") {
  PriceTable prices = shipped_prices();
  CHECK(prices.date == "2026-12-06");
  CHECK(prices.region == "us-east-1");
  CHECK(prices.currency == "USD");
  CHECK(prices.sources == std::vector<std::string>{
                              "https://aws.amazon.com/lambda/pricing/",
                              "https://aws.amazon.com/step-functions/pricing/"});
  CHECK(prices.x86_64.per_gb_second == 0.0000166667);
  CHECK(prices.x86_64.per_million_requests == 0.20);
  CHECK(prices.arm64.per_gb_second == 0.0000133334);
  CHECK(prices.arm64.per_million_requests == 0.20);
  CHECK(prices.standard_per_thousand_transitions == 0.025);
  CHECK(prices.express_per_million_requests == 1.00);
  CHECK(prices.express_per_gb_second == 0.00001667);
}

TEST_CASE("a run's usage: Lambda requests and GB-seconds by memory, transitions with retries") {
  RunUsage run3 = usage_of("Run3");
  CHECK(run3.run == "Run3");
  CHECK(run3.lambda_requests == 3);  // Load twice (one retry), Report once
  // Load: (20 + 85) s × 2 GB = 210 GB-s; Report: 25 s × 0.5 GB = 12.5 GB-s.
  CHECK(run3.lambda_gb_seconds == Approx(222.5));
  // Prepare, Load and Report entered, and one retry of Load.
  CHECK(run3.state_transitions == 4);
  // 20 + 5 (the retry's interval) + 85 + 25 s.
  CHECK(run3.execution_seconds == Approx(135));

  RunUsage run1 = usage_of("Run1");
  CHECK(run1.lambda_requests == 2);
  CHECK(run1.lambda_gb_seconds == Approx(125));  // 60 × 2 + 10 × 0.5
  CHECK(run1.state_transitions == 3);
}

TEST_CASE("the cost of a STANDARD run and a month, by hand from the price table") {
  PriceTable prices = shipped_prices();
  auto estimate = estimate_cost({usage_of("Run3")}, prices, {"x86_64", 30});
  REQUIRE(estimate);
  // 3 requests × $0.20 / 1,000,000 = $0.0000006
  CHECK(estimate->lambda_request_cost == Approx(0.0000006));
  // 222.5 GB-s × $0.0000166667 = $0.00370834075
  CHECK(estimate->lambda_duration_cost == Approx(0.00370834075));
  // 4 transitions × $0.025 / 1,000 = $0.0001
  CHECK(estimate->standard_cost == Approx(0.0001));
  CHECK(estimate->express_cost == 0);
  CHECK(estimate->run_cost == Approx(0.00380894075));
  CHECK(estimate->month_cost == Approx(0.1142682225));  // × 30

  // On arm64: 222.5 GB-s × $0.0000133334 = $0.0029666815.
  auto arm = estimate_cost({usage_of("Run3")}, prices, {"arm64", 30});
  REQUIRE(arm);
  CHECK(arm->lambda_duration_cost == Approx(0.0029666815));
  CHECK(arm->run_cost == Approx(0.0030672815));
}

TEST_CASE("the cost is the mean over the measured runs") {
  auto estimate = estimate_cost({usage_of("Run3"), usage_of("Run1")}, shipped_prices(),
                                {"x86_64", 365.0 / 12});
  REQUIRE(estimate);
  CHECK(estimate->lambda_requests == Approx(2.5));
  CHECK(estimate->lambda_gb_seconds == Approx(173.75));  // (222.5 + 125) / 2
  CHECK(estimate->state_transitions == Approx(3.5));
  // 2.5 × 0.2e-6 + 173.75 × 0.0000166667 + 3.5 × 0.025e-3
  double run = 0.0000005 + 0.002895839125 + 0.0000875;
  CHECK(estimate->run_cost == Approx(run));
  CHECK(estimate->month_cost == Approx(run * 365 / 12));
}

TEST_CASE("an EXPRESS run: one request and its duration in 64 MB, rounded up to 100 ms") {
  auto estimate = estimate_cost({usage_of("Run1", WorkflowType::kExpress)}, shipped_prices(),
                                {"x86_64", 30});
  REQUIRE(estimate);
  CHECK(estimate->state_transitions == 0);
  CHECK(estimate->express_requests == 1);
  // 70 s × 64 MB / 1,024 = 4.375 GB-s.
  CHECK(estimate->express_gb_seconds == Approx(4.375));
  // $1.00 / 1,000,000 + 4.375 × $0.00001667 = $0.000001 + $0.00007293125
  CHECK(estimate->express_cost == Approx(0.00007393125));
  CHECK(estimate->standard_cost == 0);
}

TEST_CASE("the cost section as text and as JSON") {
  auto estimate = estimate_cost({usage_of("Run3")}, shipped_prices(), {"x86_64", 30});
  REQUIRE(estimate);
  estimate->prices.file = "aws-prices.json";
  CHECK(format_cost_text(*estimate) ==
        "Cost (prices of 2026-12-06, us-east-1, from aws-prices.json)\n"
        "  Per run, the mean of 1 measured run on x86_64:\n"
        "    Lambda requests                                      3        0.000001 USD\n"
        "    Lambda duration                             222.5 GB-s        0.003708 USD\n"
        "    Step Functions STANDARD                  4 transitions        0.000100 USD\n"
        "    Total per run                                                 0.003809 USD\n"
        "  Per month, 30 runs: 0.114268 USD\n"
        "  Free tiers are not subtracted. Prices: https://aws.amazon.com/lambda/pricing/, "
        "https://aws.amazon.com/step-functions/pricing/\n");
  Json json = cost_to_json(*estimate);
  CHECK(json["per_run"]["cost"].get<double>() == Approx(0.00380894075));
  CHECK(json["month_cost"].get<double>() == Approx(0.1142682225));
  CHECK(json["runs"][0]["state_transitions"] == 4);
  CHECK(json["prices"]["date"] == "2026-12-06");
}

TEST_CASE("a price table's problems name the file and the JSON Pointer") {
  std::string good = R"({"date": "d", "region": "r", "currency": "USD", "sources": ["u"],
    "lambda": {"x86_64": {"per_gb_second": 1, "per_million_requests": 1},
               "arm64": {"per_gb_second": 1, "per_million_requests": 1}},
    "step_functions": {"standard": {"per_thousand_state_transitions": 1},
                       "express": {"per_million_requests": 1, "per_gb_second": 1}}})";
  CHECK(parse_price_table(good, "p.json"));
  auto negative = good;
  negative.replace(negative.find("\"per_thousand_state_transitions\": 1"),
                   std::string("\"per_thousand_state_transitions\": 1").size(),
                   "\"per_thousand_state_transitions\": -1");
  CHECK(parse_price_table(negative, "p.json").error() ==
        Error{"Budget.InvalidPrices", "p.json: /step_functions/standard/"
                                      "per_thousand_state_transitions: must be a number >= 0"});
  auto no_arm = good;
  no_arm.replace(no_arm.find("\"arm64\""), 7, "\"arm\"");
  CHECK(parse_price_table(no_arm, "p.json").error() ==
        Error{"Budget.InvalidPrices", "p.json: /lambda/arm64/per_gb_second: missing"});
  CHECK(parse_price_table("{", "p.json").error().name == "Budget.InvalidPrices");
  CHECK(load_price_table("/nonexistent/prices.json").error() ==
        Error{"Budget.InvalidPrices", "/nonexistent/prices.json: cannot read the price table"});
}

TEST_CASE("no runs, or an architecture without prices, is an error") {
  CHECK(estimate_cost({}, shipped_prices(), {}).error().name == "Budget.NoRuns");
  CHECK(estimate_cost({usage_of("Run1")}, shipped_prices(), {"sparc", 30}).error().cause ==
        test::source_path("pipelines/aws-prices.json") +
            ": no Lambda prices for the architecture 'sparc'");
}

}  // namespace conflictctl::budget

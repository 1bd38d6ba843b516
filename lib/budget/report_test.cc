#include "budget/report.h"

#include <catch2/catch.hpp>

#include "asl/parser.h"
#include "budget/html.h"
#include "budget/task_limits.h"
#include "budget/test_support.h"

namespace conflictctl::budget {
namespace {

// A state name that needs escaping in every format.
const std::string kLoad = R"(Load <&"'>)";

const char* kDefinition = R"({"StartAt": "Load <&\"'>", "States": {
  "Load <&\"'>": {"Type": "Task", "Resource": "arn:aws:lambda:r:1:function:etl",
        "TimeoutSeconds": 100, "ResultPath": null, "Next": "Chunks",
        "Retry": [{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 5, "MaxAttempts": 1}]},
  "Chunks": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2, "End": true,
        "ItemProcessor": {"StartAt": "Chunk", "States": {
          "Chunk": {"Type": "Task", "Resource": "arn:aws:lambda:r:1:function:etl",
                    "TimeoutSeconds": 100, "End": true}}}}}})";

// Run 1: Load takes 85 s (warning), four chunks of 30 s. Run 2: Load fails after 10 s and
// takes 60 s on its retry, four chunks of 40 s.
const char* kMocks = R"({"StateMachines": {"test": {"TestCases": {
    "Run1": {"Load <&\"'>": "Load85", "Chunk": "Chunk30"},
    "Run2": {"Load <&\"'>": "LoadRetried", "Chunk": "Chunk40"}}}},
  "MockedResponses": {
    "Load85": {"0": {"Return": {}, "DurationSeconds": 85}},
    "LoadRetried": {"0": {"Throw": {"Error": "States.TaskFailed", "Cause": "x"}, "DurationSeconds": 10},
                    "1": {"Return": {}, "DurationSeconds": 60}},
    "Chunk30": {"0-3": {"Return": {"rows_updated": 100}, "DurationSeconds": 30}},
    "Chunk40": {"0-3": {"Return": {"rows_updated": 200}, "DurationSeconds": 40}}}})";

ReportInputs inputs(ReportOptions options = {}) {
  Json items = {{"items", {1, 2, 3, 4}}};
  ReportInputs in;
  in.pipeline = "test";
  in.definition_path = "test.asl.json";
  in.records = {testing::as_real(testing::mock_run(kDefinition, kMocks, "Run2", "run-2",
                                                   testing::at(3600), items)),
                testing::as_real(testing::mock_run(kDefinition, kMocks, "Run1", "run-1",
                                                   testing::at(0), items))};
  in.machine = asl::parse_definition(kDefinition, "test.asl.json").machine;
  REQUIRE(in.machine);
  in.function_timeout = recorded_function_timeouts(Json::object());
  in.timeline_run = in.records.front();
  in.options = options;
  return in;
}

ReportOptions scaled(double scale) {
  ReportOptions options;
  options.scale = scale;
  return options;
}

ReportOptions with_items(long long items) {
  ReportOptions options;
  options.items = items;
  return options;
}

BudgetReport report(ReportOptions options = {}) {
  auto made = make_report(inputs(options));
  REQUIRE(made);
  return std::move(*made);
}

}  // namespace

TEST_CASE("the report puts measured, worst case, growth, quotas and timeline together") {
  BudgetReport budget = report(scaled(2));
  REQUIRE(budget.runs.size() == 2);
  CHECK(budget.runs[0].id == "run-2");

  REQUIRE(budget.measured.tasks.size() == 2);
  CHECK(budget.measured.tasks[0].task.name == kLoad);
  CHECK(budget.measured.tasks[0].zone == engine::Zone::kWarning);  // 85 s of 100 s
  CHECK(budget.measured.tasks[1].task.map == "Chunks");

  // Load: 100 s, 5 s backoff, 100 s; then 4 items at MaxConcurrency 2: 2 waves of 100 s.
  CHECK(budget.worst_case.total_seconds == 405);

  REQUIRE(budget.growth.tasks.size() == 2);
  CHECK(budget.growth.tasks[0].zone == engine::Zone::kOver);  // 85 s × 2
  REQUIRE(budget.growth.tasks[1].chunks);
  CHECK(budget.growth.tasks[1].chunks->current == 4);

  REQUIRE(budget.timeline);
  CHECK(budget.timeline->run == "run-2");
  CHECK(budget.timeline->lanes.size() == 6);  // Load, Chunks, Chunks #0..#3
  CHECK(budget.notes.empty());
}

TEST_CASE("the items option overrides the Map item counts of the runs in the worst case") {
  // 10 items at MaxConcurrency 2: 5 waves of 100 s after Load's 205 s.
  CHECK(report(with_items(10)).worst_case.total_seconds == 705);
}

TEST_CASE("mock runs left out by the caller are said so") {
  ReportInputs in = inputs();
  in.mock_runs_left_out = 3;
  in.records.clear();
  auto made = make_report(in);
  REQUIRE(made);
  CHECK(made->notes == std::vector<std::string>{
                           "3 mock runs on the virtual clock left out: their durations are "
                           "simulated, not measured (--include-mock counts them)."});
}

TEST_CASE("the JSON output has the documented fields") {
  Json json = to_json(report());
  std::vector<std::string> keys;
  for (const auto& [key, value] : json.items()) keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"pipeline", "definition", "scale", "items",
                                         "include_mock", "runs", "notes", "measured",
                                         "local_vs_aws", "worst_case", "growth", "quotas",
                                         "timeline"});
  const Json& load = json["measured"]["tasks"][0];
  CHECK(load["state"] == kLoad);
  CHECK(load["seconds"]["max"] == 85);
  CHECK(load["limit"]["seconds"] == 100);
  CHECK(load["used_percent"] == 85);
  CHECK(load["zone"] == "warning");
  CHECK(load["invocations"] == 3);
  CHECK(load["failed"] == 1);
  CHECK(json["measured"]["tasks"][1]["rows_per_second"].get<double>() == Approx(1200.0 / 280));
  CHECK(json["quotas"][2]["name"] == "history_events");
  CHECK(json["timeline"]["bars"][0]["kind"] == "state");
  CHECK(json["worst_case"]["total_seconds"] == 405);
}

TEST_CASE("text and markdown show the same tables, markdown escapes the names") {
  BudgetReport budget = report();
  std::string text = format_report(budget, ReportFormat::kText);
  CHECK(text.starts_with("Budget of pipeline test (test.asl.json)\nRuns: 2 runs measured, newest "
                         "run-2.\nTimeline: run run-2 (SUCCEEDED, 155 s).\n"));
  for (const char* title : {"Measured per invocation", "Worst case from the definition, per state",
                            "Worst-case path", "Growth: data ×1", "Quotas", "Runs measured"})
    CHECK(text.find(std::string("\n") + title + "\n") != std::string::npos);
  auto row = text.find("\n" + kLoad + " ");
  REQUIRE(row != std::string::npos);
  std::string line = text.substr(row + 1, text.find('\n', row + 1) - row - 1);
  CHECK(line.find("3 (1 failed, 0 timed out)") != std::string::npos);
  CHECK(line.find("85 s  ") != std::string::npos);
  CHECK(line.find("85.0 %  warning") != std::string::npos);

  std::string markdown = format_report(budget, ReportFormat::kMarkdown);
  CHECK(markdown.find("## Quotas\n\n| Quota | Largest seen |") != std::string::npos);
  CHECK(markdown.find(R"(| Load \<&"'> |)") != std::string::npos);
}

TEST_CASE("the HTML page is self-contained and escapes every name") {
  std::string html = format_report(report(), ReportFormat::kHtml);
  CHECK(html.starts_with("<!DOCTYPE html>"));
  CHECK(html.find(kLoad) == std::string::npos);
  CHECK(html.find("Load &lt;&amp;&quot;&#39;&gt;") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
  std::string without_namespace = html;
  // every chart's own namespace (a short run has two charts), no other address
  for (auto at = without_namespace.find("http://www.w3.org/2000/svg"); at != std::string::npos;
       at = without_namespace.find("http://www.w3.org/2000/svg"))
    without_namespace.erase(at, 26);
  CHECK(without_namespace.find("http") == std::string::npos);
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find(">720 s: 80 % of the 900 s Lambda limit</text>") != std::string::npos);
  CHECK(html.find(R"(<line x1="1254" y1="38" x2="1254" y2=)") != std::string::npos);  // 900 s
  CHECK(html.find(">900 s: Lambda limit</text>") != std::string::npos);
  CHECK(html.find(std::string("fill=\"") + std::string(html_colours::kBackoff)) != std::string::npos);
  CHECK(html.find("<td class=\"zone-warning\">warning</td>") != std::string::npos);
}

TEST_CASE("a short run's timeline is drawn again on an axis scaled to the run") {
  BudgetReport budget = report();
  REQUIRE(budget.timeline);
  REQUIRE(budget.timeline->total_seconds < kRunScaledBelow);
  std::string html = format_report(budget, ReportFormat::kHtml);
  auto second = html.find("<h3 id=\"timeline-run\">The same run scaled to itself (0 to ");
  REQUIRE(second != std::string::npos);
  std::string scaled = html.substr(second, html.find("</svg>", second) - second);
  CHECK(scaled.find("aria-label=\"Timeline of run run-2, scaled to the run\"") !=
        std::string::npos);
  CHECK(scaled.find("900 s: Lambda limit") == std::string::npos);  // never reached
  CHECK(scaled.find("seconds from the execution's start") != std::string::npos);
  CHECK(html.substr(0, second).find("900 s: Lambda limit") != std::string::npos);

  budget.timeline->total_seconds = kRunScaledBelow;
  html = format_report(budget, ReportFormat::kHtml);
  CHECK(html.find("timeline-run") == std::string::npos);
  CHECK(html.find("scaled to the run") == std::string::npos);
}

TEST_CASE("html_escape replaces the five special characters") {
  CHECK(html_escape(R"(<a href="x">&'</a>)") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
  CHECK(html_escape("plain → text") == "plain → text");
}

}  // namespace conflictctl::budget

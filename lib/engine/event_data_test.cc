// ExecutionOptions::event_data: a run whose events keep no data is the same run — the same
// events in the same order, the same result, the same errors — with no input, output or
// parameters texts in its history.
#include <catch2/catch.hpp>

#include <set>

#include "asl/parser.h"
#include "engine/executor.h"

namespace conflictctl::engine {
namespace {

const Timestamp kStart = *parse_timestamp("2024-01-01T00:00:00Z");

// Adds one to {"v": n}, failing the first call for each n (so Retry runs).
class FlakyIncrement final : public engine::TaskRunner {
 public:
  engine::TaskOutcome invoke(const engine::TaskInvocation& invocation,
                             engine::TaskContext&) override {
    const Json& payload = invocation.payload.contains("Payload") ? invocation.payload["Payload"]
                                                                  : invocation.payload;
    const int v = payload.at("v").get<int>();
    if (failed_.insert(v).second) return engine::TaskOutcome::failure("Flaky", "first call");
    return engine::TaskOutcome::success(Json{{"v", v + 1}});
  }

 private:
  std::set<int> failed_;
};

ExecutionResult run(const std::string& text, Json input, bool event_data,
                    bool keep_events = true, std::size_t max_history_events = 0) {
  auto loaded = asl::parse_definition(text, "test.asl.json");
  for (const auto& diagnostic : loaded.diagnostics) FAIL(diagnostic.to_string());
  FlakyIncrement runner;
  VirtualClock clock(kStart);
  NullLogger log;
  ExecutionOptions options;
  options.input = std::move(input);
  options.execution_name = "run";
  options.event_data = event_data;
  options.keep_events = keep_events;
  options.max_history_events = max_history_events;
  return execute(*loaded.machine, options, {runner, clock, log});
}

const char* kMachine = R"json({"StartAt": "Each", "States": {
  "Each": {"Type": "Map", "ItemsPath": "$.items", "ResultPath": "$.results", "Next": "Service",
           "ItemProcessor": {"StartAt": "Add", "States": {
             "Add": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:add",
                     "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 1}], "End": true}}}},
  "Service": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": {"FunctionName": "add", "Payload": {"v": 10}},
              "Retry": [{"ErrorEquals": ["Flaky"]}],
              "ResultSelector": {"v.$": "$.v"}, "ResultPath": "$.service", "Next": "Done"},
  "Done": {"Type": "Pass", "End": true}}})json";

std::vector<std::string> types_of(const History& history) {
  std::vector<std::string> types;
  for (const auto& event : history.events()) types.emplace_back(event.type);
  return types;
}

}  // namespace

TEST_CASE("events without data: the same events and result, no input, output or parameters") {
  const Json input{{"items", Json::array({Json{{"v", 1}}, Json{{"v", 2}}})}};
  const ExecutionResult with = run(kMachine, input, true);
  const ExecutionResult without = run(kMachine, input, false);
  REQUIRE(to_string(with.status) == "SUCCEEDED");
  CHECK(to_string(without.status) == "SUCCEEDED");
  CHECK(without.output == with.output);
  CHECK(without.stopped == with.stopped);
  CHECK(types_of(without.history) == types_of(with.history));

  const Json kept = with.history.to_json();
  const Json dropped = without.history.to_json();
  REQUIRE(kept["events"].size() == dropped["events"].size());
  int texts = 0;
  for (std::size_t i = 0; i < kept["events"].size(); ++i) {
    const Json& a = kept["events"][i];
    const Json& b = dropped["events"][i];
    CHECK(a["id"] == b["id"]);
    CHECK(a["previousEventId"] == b["previousEventId"]);
    for (const auto& [key, details] : a.items()) {
      if (!key.ends_with("EventDetails")) continue;
      Json expected = details;
      for (const char* field : {"input", "inputDetails", "output", "outputDetails",
                                "parameters"}) {
        texts += expected.erase(field) > 0 ? 1 : 0;
      }
      // Details that held nothing but data are gone with it (e.g. a state's name stays).
      if (expected.empty()) CHECK_FALSE(b.contains(key));
      else CHECK(b[key] == expected);
    }
  }
  CHECK(texts > 20);  // the comparison above compared something
  for (const auto& event : without.history.events()) {
    CHECK_FALSE(event.details.string_field("input"));
    CHECK_FALSE(event.details.string_field("output"));
  }
}

TEST_CASE("events without data: a state's output over 256 KiB still fails with DataLimitExceeded") {
  const char* machine = R"json({"StartAt": "Big", "States": {
    "Big": {"Type": "Pass", "Parameters": {"text.$": "$.text"}, "End": true}}})json";
  const Json input{{"text", std::string(256 * 1024, 'x')}};
  for (bool event_data : {true, false}) {
    const ExecutionResult result = run(machine, input, event_data);
    CHECK(to_string(result.status) == "FAILED");
    REQUIRE(result.error);
    CHECK(result.error->name == "States.DataLimitExceeded");
    CHECK(result.error->cause ==
          "The state/task 'Big' returned a result with a size exceeding the maximum number of "
          "bytes service limit (262155 bytes).");
  }
}

TEST_CASE("events only counted: the same result and count, no events kept") {
  const Json input{{"items", Json::array({Json{{"v", 1}}, Json{{"v", 2}}})}};
  const ExecutionResult kept = run(kMachine, input, false);
  const ExecutionResult counted = run(kMachine, input, false, false);
  REQUIRE(to_string(kept.status) == "SUCCEEDED");
  CHECK(to_string(counted.status) == "SUCCEEDED");
  CHECK(counted.output == kept.output);
  CHECK(counted.stopped == kept.stopped);
  CHECK(counted.history.events().empty());
  CHECK(counted.history.size() == kept.history.events().size());
  CHECK(kept.history.size() == kept.history.events().size());
  CHECK(kept.history.size() > 20);

  // A cap on the history counts the events it does not keep.
  const ExecutionResult capped = run(kMachine, input, false, false, 10);
  CHECK(to_string(capped.status) == "FAILED");
  REQUIRE(capped.error);
  CHECK(capped.error->cause == "The execution reached the limit of 10 history events.");
  const ExecutionResult capped_kept = run(kMachine, input, false, true, 10);
  CHECK(capped.history.size() == capped_kept.history.events().size());
  CHECK(capped_kept.history.events().back().type == "ExecutionFailed");
}

}  // namespace conflictctl::engine

#include "explore/scenario_runner.h"

#include <catch2/catch.hpp>

#include "tasks/task_testing.h"

using namespace conflictctl;
using namespace conflictctl::explore;
using namespace conflictctl::tasks::testing;

namespace {

engine::TaskInvocation call_of(const std::string& state, const std::string& call_id, int attempt) {
  auto call = invocation("arn:aws:lambda:us-east-1:123456789012:function:f", Json::object(), state);
  call.call_id = call_id;
  call.attempt = attempt;
  return call;
}

}  // namespace

TEST_CASE("a fault holds the attempts of the entries it names, a retry keeps its entry") {
  FakeRunner inner(engine::TaskOutcome::success(Json{{"ok", true}}, 5));
  Scenario scenario{{Fault{"Chunk", {1, 1}, {0, 0}, Error{"Boom", "injected"}, {}, true}}, {}};
  ScenarioRunner runner(scenario, inner);
  FakeContext fake;
  CHECK(runner.invoke(call_of("Chunk", "a", 0), fake.context).result.ok());   // entry 0
  auto failed = runner.invoke(call_of("Chunk", "b", 0), fake.context);        // entry 1
  REQUIRE_FALSE(failed.result.ok());
  CHECK(failed.result.error().name == "Boom");
  CHECK_FALSE(failed.simulated_seconds);  // an error fault fails at once
  CHECK(runner.invoke(call_of("Chunk", "c", 0), fake.context).result.ok());   // entry 2
  CHECK(runner.invoke(call_of("Chunk", "b", 1), fake.context).result.ok());   // entry 1, retry

  REQUIRE(runner.calls().size() == 4);
  CHECK(runner.calls()[3].entry == 1);
  CHECK(runner.calls()[3].attempt == 1);
  CHECK(runner.faulted_calls() == 1);
  CHECK(inner.calls().size() == 3);  // the faulted call never reached it
}

TEST_CASE("a duration fault keeps the result and notes a call that meets the deadline") {
  FakeRunner inner(engine::TaskOutcome::success(Json{{"ok", true}}, 5));
  Scenario scenario{{Fault{"Load", {0, 0}, {0, kEvery}, {}, 61, false}}, {}};
  ScenarioRunner runner(scenario, inner);
  FakeContext fake;
  engine::TaskContext context{fake.clock, fake.clock.now() + seconds_to_millis(60),
                              fake.cancel.token(), fake.log, true};
  auto outcome = runner.invoke(call_of("Load", "a", 0), context);
  CHECK(outcome.result.ok());
  CHECK(outcome.simulated_seconds == 61);
  REQUIRE(runner.calls().size() == 1);
  CHECK(runner.calls()[0].timed_out);
  CHECK(runner.calls()[0].faulted);
}

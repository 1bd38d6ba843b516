#include "engine/variables.h"

#include <catch2/catch.hpp>

#include <string>

#include "asl/limits.h"

namespace conflictctl::engine {
namespace {

Json parse(const char* text) { return Json::parse(text); }

TEST_CASE("a scope reads its own variables, then those around it") {
  auto budget = std::make_shared<VariableBudget>();
  auto top = std::make_shared<VariableScope>(budget);
  REQUIRE(top->assign(parse(R"({"rate": 10, "name": "top"})")));
  VariableScope inner(budget, top);
  REQUIRE(inner.assign(parse(R"({"local": [1]})")));
  CHECK(*inner.find("rate") == 10);
  CHECK(*inner.find("local") == parse("[1]"));
  CHECK(top->find("local") == nullptr);
  CHECK(inner.visible() == parse(R"({"name": "top", "rate": 10, "local": [1]})"));
  VariableScope distributed(budget);  // a Distributed Map iteration: nothing from outside
  CHECK(distributed.find("rate") == nullptr);
}

TEST_CASE("an inner scope may not assign a variable of an outer scope, and sets nothing then") {
  auto budget = std::make_shared<VariableBudget>();
  auto top = std::make_shared<VariableScope>(budget);
  REQUIRE(top->assign(parse(R"({"total": 0})")));
  VariableScope inner(budget, top);
  auto refused = inner.assign(parse(R"({"fresh": 1, "total": 1})"));
  REQUIRE_FALSE(refused);
  CHECK(refused.error() ==
        Error{"States.Runtime",
              "Cannot assign to variable 'total': it belongs to an outer scope (a Parallel branch "
              "or a Map iteration may read the variables of the states around it, not assign "
              "them)"});
  CHECK(inner.find("fresh") == nullptr);
  CHECK(*inner.find("total") == 0);
}

TEST_CASE("the size limits of one variable, one Assign and one execution") {
  auto budget = std::make_shared<VariableBudget>();
  auto scope = std::make_shared<VariableScope>(budget);
  const std::string big(asl::limits::kVariableBytes, 'x');  // 2 more bytes as JSON: over
  auto one = scope->assign(Json{{"big", big}});
  REQUIRE_FALSE(one);
  CHECK(one.error().cause ==
        "The value assigned to variable 'big' is 262146 bytes, over the 262144 bytes a variable "
        "may hold");
  const std::string half(asl::limits::kAssignBytes / 2, 'x');
  auto together = scope->assign(Json{{"a", half}, {"b", half}});
  REQUIRE_FALSE(together);
  CHECK(together.error().cause ==
        "The values of one Assign are 262148 bytes together, over the 262144 bytes an Assign may "
        "set");
  // 40 variables of ~256 KiB fill the execution's 10 MiB; the 41st does not fit.
  const std::string value(asl::limits::kVariableBytes - 2, 'x');
  for (int i = 0; i < 40; ++i) REQUIRE(scope->assign(Json{{"v" + std::to_string(i), value}}));
  auto full = scope->assign(Json{{"v40", value}});
  REQUIRE_FALSE(full);
  CHECK(full.error().cause ==
        "The execution's variables would take 10747904 bytes, over the 10485760 bytes an "
        "execution may store");
  // Assigning a variable again replaces its bytes rather than adding to them.
  CHECK(scope->assign(Json{{"v0", value}}));
}

TEST_CASE("an inner scope gives its bytes back when it ends") {
  auto budget = std::make_shared<VariableBudget>();
  auto top = std::make_shared<VariableScope>(budget);
  {
    VariableScope inner(budget, top);
    REQUIRE(inner.assign(parse(R"({"x": "abc"})")));
    CHECK(budget->bytes == 5);
  }
  CHECK(budget->bytes == 0);
}

TEST_CASE("assignedVariables holds each value as JSON text") {
  CHECK(assigned_variables_detail(parse(R"({"s": "a", "n": 3, "o": {"k": [true]}})")) ==
        parse(R"({"s": "\"a\"", "n": "3", "o": "{\"k\":[true]}"})"));
}

}  // namespace
}  // namespace conflictctl::engine

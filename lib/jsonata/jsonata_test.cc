// The interface of jsonata.h: parse once and evaluate many times, the Environment (variables,
// functions, time, randomness), Limits against hostile expressions, thread safety.
#include "jsonata/jsonata.h"

#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "jsonata/jsonata_testing.h"

using namespace conflictctl;
using namespace conflictctl::jsonata;
using namespace conflictctl::jsonata::testing;

namespace {

Json value_of(std::string_view text, const Value& input, const Environment& env = {}) {
  Result<Value> result = evaluate(text, input, env);
  INFO(text);
  if (!result) FAIL(result.error());
  REQUIRE(result->has_value());
  return **result;
}

Error error_of(std::string_view text, const Value& input = Json::object(),
               const Environment& env = {}) {
  Result<Value> result = evaluate(text, input, env);
  INFO(text);
  REQUIRE_FALSE(result.ok());
  return result.error();
}

}  // namespace

TEST_CASE("jsonata: an expression parses once and evaluates many times") {
  Result<Expression> expression = Expression::parse("Account.Order.Product[Price > 30].SKU");
  REQUIRE(expression.ok());
  CHECK(expression->text() == "Account.Order.Product[Price > 30].SKU");
  Result<Value> first = expression->evaluate(kInvoice, {});
  REQUIRE(first.ok());
  CHECK(**first == Json::parse(R"(["0406654608", "040657863", "0406654603"])"));
  Result<Value> none = expression->evaluate(Json::object(), {});
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());
  Result<Value> no_input = expression->evaluate(std::nullopt, {});
  REQUIRE(no_input.ok());
  CHECK_FALSE(no_input->has_value());
}

TEST_CASE("jsonata: syntax errors name the code, the message and the position") {
  Result<Expression> missing = Expression::parse("Phone[type = 'home'");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error() == Error{"S0203", "Expected \"]\" before end of expression (position 19)"});
  Result<Expression> unknown = Expression::parse("a ! b");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error() == Error{"S0204", "Unknown operator: \"!\" (position 3)"});
  Result<Expression> got = Expression::parse("(1; 2]");
  REQUIRE_FALSE(got.ok());
  CHECK(got.error() == Error{"S0202", "Expected \")\", got \"]\" (position 6)"});
}

TEST_CASE("jsonata: evaluation errors name the code and the message") {
  CHECK(error_of("1 + 'a'") ==
        Error{"T2002", "The right side of the \"+\" operator must evaluate to a number "
                       "(position 3)"});
  CHECK(error_of("$number('x1')") == Error{"D3030", "Unable to cast value to a number: \"x1\""
                                                    " (position 8)"});
  CHECK(error_of("[1..10000000000]").name == "D2014");
  CHECK(error_of("$error('stop')") == Error{"D3137", "stop (position 7)"});
}

TEST_CASE("jsonata: variables come from the Environment") {
  Environment env;
  env.variables["states"] = Json::parse(R"({"input": {"items": [{"name": "a", "price": 5},
      {"name": "b", "price": 20}]}, "context": {"Execution": {"Id": "x"}}})");
  env.variables["limit"] = 10;
  CHECK(value_of("$states.input.items[price > $limit].name", std::nullopt, env) == "b");
  CHECK(value_of("$states.context.Execution.Id", std::nullopt, env) == "x");
  // A binding in the expression hides the Environment's for its block only.
  CHECK(value_of("($limit := 1; $states.input.items[price > $limit].name)", std::nullopt, env) ==
        Json::parse(R"(["a", "b"])"));
}

TEST_CASE("jsonata: native functions are checked against their signature") {
  Environment env;
  env.functions["double"] = NativeFunction{
      "<n:n>", [](std::span<const Value> args) -> Result<Value> {
        return Value(Json(args[0]->get<double>() * 2));
      }};
  env.functions["fail"] = NativeFunction{
      "", [](std::span<const Value>) -> Result<Value> { return Error{"X.Custom", "no"}; }};
  env.functions["sum"] = NativeFunction{
      "<a:n>", [](std::span<const Value>) -> Result<Value> { return Value(Json(42)); }};
  CHECK(value_of("$double(21)", std::nullopt, env) == 42);
  CHECK(value_of("$map([1, 2], $double)", std::nullopt, env) == Json::parse("[2, 4]"));
  CHECK(error_of("$double('a')", Json::object(), env).name == "T0410");
  CHECK(error_of("$fail()", Json::object(), env).name == "X.Custom");
  CHECK(value_of("$sum([1])", std::nullopt, env) == 42);  // hides the built-in
}

TEST_CASE("jsonata: $now and $millis read the Environment's time") {
  Environment env;
  env.now = Timestamp(Millis(1510067557121));
  CHECK(value_of("$millis()", std::nullopt, env) == 1510067557121);
  CHECK(value_of("$now()", std::nullopt, env) == "2017-11-07T15:12:37.121Z");
  CHECK(value_of("$now('[Y0001]-[M01]-[D01]')", std::nullopt, env) == "2017-11-07");
  CHECK(value_of("$millis() = $millis()", std::nullopt, env) == true);
}

TEST_CASE("jsonata: $random and $shuffle draw from the Environment's Random") {
  Random a(42), b(42);
  Environment first, second;
  first.random = &a;
  second.random = &b;
  const Json x = value_of("[$random(), $random(), $shuffle([1..10])]", std::nullopt, first);
  const Json y = value_of("[$random(), $random(), $shuffle([1..10])]", std::nullopt, second);
  CHECK(x == y);
  CHECK(x[0].get<double>() >= 0);
  CHECK(x[0].get<double>() < 1);
  CHECK(x[0] != x[1]);
  CHECK(value_of("$sort($shuffle([1..10]))", std::nullopt) == value_of("[1..10]", std::nullopt));
  // Without a Random: the same sequence every time.
  CHECK(value_of("$random()", std::nullopt) == value_of("$random()", std::nullopt));
}

TEST_CASE("jsonata: hostile expressions end with an error, never a crash or a hang") {
  const std::string nested = std::string(100000, '(') + "1" + std::string(100000, ')');
  CHECK(error_of(nested).name == "U1001");
  CHECK(error_of(std::string(100000, '[')).name == "U1001");
  std::string chain = "1";
  for (int i = 0; i < 50000; ++i) chain += "+1";
  CHECK(error_of(chain).name == "U1001");
  CHECK(error_of("($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100000))").name ==
        "U1001");
  CHECK(error_of("($f := function($n){ $f($n + 1) }; $f(0))").name == "U1001");
  CHECK(error_of("$pad('x', 1e12)").name == "U1001");
  CHECK(error_of("$reduce([1..40], function($a, $b){ $a & $a }, 'xxxxxxxxxx')").name == "U1001");
  CHECK(error_of("$reduce([1..100000], function($a, $b){ {'x': $a} }, 1)").name == "U1001");
  CHECK(error_of("$reduce([1..1000], function($a, $b){ $append($a, $a) }, [1])").name == "U1001");
  CHECK(error_of("$match('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!', /(a|aa)+$/)").name == "D1005");
  CHECK(error_of("[1..10000000000]").name == "D2014");
  // Tail calls run in constant depth.
  CHECK(value_of("($f := function($n){ $n = 0 ? 'done' : $f($n - 1) }; $f(100000))",
                 std::nullopt) == "done");
}

TEST_CASE("jsonata: Limits are the caller's") {
  Environment env;
  env.limits.max_steps = 1000;
  CHECK(error_of("$count([1..100000])", Json::object(), env).name == "U1001");
  env.limits = Limits{};
  env.limits.max_depth = 20;
  CHECK(error_of("($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(50))", Json::object(),
                 env).name == "U1001");
  env.limits = Limits{};
  env.limits.max_string_bytes = 10;
  CHECK(error_of("'hello' & ' ' & 'world'", Json::object(), env).name == "U1001");
}

TEST_CASE("jsonata: one Expression evaluates on several threads at once") {
  Result<Expression> expression = Expression::parse(
      "($f := function($n) { $n <= 1 ? $n : $f($n - 1) + $f($n - 2) }; "
      "{'fib': $f(n), 'names': items^(name).name})");
  REQUIRE(expression.ok());
  std::vector<std::thread> threads;
  std::vector<Json> results(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      Json input = {{"n", 15}, {"items", Json::parse(R"([{"name": "b"}, {"name": "a"}])")}};
      Result<Value> r = expression->evaluate(input, Environment{});
      if (r && r->has_value()) results[t] = **r;
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const Json& r : results) CHECK(r == Json::parse(R"({"fib": 610, "names": ["a", "b"]})"));
}

#include "dataflow/payload_template.h"

#include <catch2/catch.hpp>

namespace conflictctl::dataflow {
namespace {

Json parse(const char* text) { return Json::parse(text); }

Json render(const Json& tmpl, const Json& input, const Json& context = Json::object()) {
  Random random(1);
  Result<Json> result = apply_template(tmpl, input, context, random);
  INFO((result ? "" : result.error().cause));
  REQUIRE(result.ok());
  return *result;
}

Error apply_error(const Json& tmpl, const Json& input) {
  Random random(1);
  Result<Json> result = apply_template(tmpl, input, Json::object(), random);
  REQUIRE_FALSE(result.ok());
  return result.error();
}

TEST_CASE("Parameters select values with paths (AWS \"Parameters\" example)") {
  const Json input = parse(R"({
    "comment": "Example for Parameters.",
    "product": {
      "details": {"color": "blue", "size": "small", "material": "cotton"},
      "availability": "in stock",
      "sku": "2317",
      "cost": "$23"
    }
  })");
  const Json parameters = parse(R"({
    "comment": "Selecting what I care about.",
    "MyDetails": {
      "size.$": "$.product.details.size",
      "exists.$": "$.product.availability",
      "StaticValue": "foo"
    }
  })");
  const Json output = render(parameters, input);
  CHECK(output == parse(R"({
    "comment": "Selecting what I care about.",
    "MyDetails": {"size": "small", "exists": "in stock", "StaticValue": "foo"}
  })"));
  CHECK(to_compact(output["MyDetails"]) ==
        R"({"size":"small","exists":"in stock","StaticValue":"foo"})");
}

TEST_CASE("'.$' values may be intrinsic calls (States Language spec examples)") {
  CHECK(
      render(
          parse(
              R"j({"foo.$": "States.Format('Your name is {}, we are in the year {}', $.name, 2020)"})j"),
          parse(R"({"name": "Foo", "zebra": "stripe"})")) ==
      parse(R"({"foo": "Your name is Foo, we are in the year 2020"})"));
  CHECK(render(parse(R"j({"BuildId.$": "States.Array($.Id)"})j"), parse(R"({"Id": 123456})")) ==
        parse(R"({"BuildId": [123456]})"));
  CHECK(render(parse(R"j({"inputArray.$": "States.ArrayPartition($.inputArray,4)"})j"),
               parse(R"({"inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9]})")) ==
        parse(R"({"inputArray": [[1, 2, 3, 4], [5, 6, 7, 8], [9]]})"));
}

TEST_CASE("the context object, indefinite paths, and the whole input") {
  const Json context = parse(R"({"Map": {"Item": {"Index": 3, "Value": {"id": 7}}}})");
  const Json input = parse(R"({"list": [{"n": 1}, {"n": 2}]})");
  CHECK(render(parse(R"({"index.$": "$$.Map.Item.Index", "item.$": "$$.Map.Item.Value",
                        "ns.$": "$.list[*].n", "all.$": "$"})"),
               input, context) == parse(R"({"index": 3, "item": {"id": 7}, "ns": [1, 2],
                  "all": {"list": [{"n": 1}, {"n": 2}]}})"));
}

TEST_CASE("templates are processed recursively, arrays' elements too") {
  const Json input = parse(R"({"a": 1, "b": "two"})");
  CHECK(render(parse(R"({"outer": {"inner": [{"x.$": "$.a"}, "keep", 3, {"y": {"z.$": "$.b"}}]},
                        "n": null, "t": true, "plain": "$.a"})"),
               input) == parse(R"({"outer": {"inner": [{"x": 1}, "keep", 3, {"y": {"z": "two"}}]},
                  "n": null, "t": true, "plain": "$.a"})"));
  CHECK(render(parse(R"([{"x.$": "$.a"}, 5])"), input) == parse(R"([{"x": 1}, 5])"));
  CHECK(render("just a string", input) == "just a string");
  // A key that is only ".$" names no field and is copied as it is.
  CHECK(render(parse(R"({".$": "x"})"), input) == parse(R"({".$": "x"})"));
}

TEST_CASE("keys keep their template order") {
  const Json output =
      render(parse(R"({"z.$": "$.a", "m": 1, "a.$": "$.b"})"), parse(R"({"a": 1, "b": 2})"));
  CHECK(to_compact(output) == R"({"z":1,"m":1,"a":2})");
}

TEST_CASE("a path that names nothing fails with AWS's States.Runtime cause") {
  // Observed on AWS: "The JSONPath '$.JobName' specified for the field 'JobName.$' could not
  // be found in the input '{}'".
  CHECK(apply_error(parse(R"({"JobName.$": "$.JobName"})"), Json::object()) ==
        Error{"States.Runtime",
              "The JSONPath '$.JobName' specified for the field 'JobName.$' could not be found "
              "in the input '{}'"});
  CHECK(
      apply_error(parse(R"({"outer": {"missing.$": "$.nope.deep"}})"), parse(R"({"other": 1})"))
          .cause ==
      R"(The JSONPath '$.nope.deep' specified for the field 'missing.$' could not be found in the input '{"other":1}')");
  CHECK(apply_error(parse(R"j({"h.$": "States.Hash($.missing, 'SHA-256')"})j"), Json::object()) ==
        Error{"States.Runtime",
              "The JSONPath '$.missing' specified for the field 'h.$' could not be found in the "
              "input '{}'"});
}

TEST_CASE("a missing context path names the context object") {
  Random random(1);
  Result<Json> result = apply_template(parse(R"({"x.$": "$$.Map.Item.Value"})"), Json::object(),
                                       parse(R"({"Execution": {}})"), random);
  REQUIRE_FALSE(result.ok());
  CHECK(
      result.error().cause ==
      R"(The JSONPath '$$.Map.Item.Value' specified for the field 'x.$' could not be found in the input '{"Execution":{}}')");
}

TEST_CASE("invalid \".$\" values fail with States.Runtime") {
  CHECK(apply_error(parse(R"({"a.$": 5})"), Json::object()) ==
        Error{"States.Runtime",
              "the value of 'a.$' must be a string: a path or an intrinsic function call"});
  CHECK(apply_error(parse(R"({"a.$": "$.x["})"), Json::object()) ==
        Error{"States.Runtime", "'$.x[' is not a valid JSONPath: unclosed '['"});
  CHECK(apply_error(parse(R"({"a.$": "literal"})"), Json::object()).cause ==
        "'literal' is not a valid JSONPath: a path must start with '$'");
  CHECK(apply_error(parse(R"j({"a.$": "States.MathAdd(1, 'x')"})j"), Json::object()) ==
        Error{"States.Runtime",
              "Invalid arguments in States.MathAdd: both arguments must be numbers"});
}

TEST_CASE("check_template reports each problem at its field's JSON Pointer") {
  const Json tmpl = parse(R"j({
    "ok.$": "$.a",
    "call.$": "States.Format('{}', $.a)",
    "nested": {"bad.$": "$.x["},
    "count.$": 5,
    "list": [{"fn.$": "States.Nope()"}, {"fine": "$.not evaluated"}],
    "a/b~c.$": "nope"
  })j");
  const std::vector<TemplateProblem> problems = check_template(tmpl, "/States/Load/Parameters");
  REQUIRE(problems.size() == 4);
  CHECK(problems[0].pointer == "/States/Load/Parameters/nested/bad.$");
  CHECK(problems[0].message == "'$.x[' is not a valid JSONPath: unclosed '['");
  CHECK(problems[1].pointer == "/States/Load/Parameters/count.$");
  CHECK(problems[1].message ==
        "the value of 'count.$' must be a string: a path or an intrinsic function call");
  CHECK(problems[2].pointer == "/States/Load/Parameters/list/0/fn.$");
  CHECK(problems[2].message ==
        "'States.Nope()' is not a valid intrinsic function call: unknown function 'States.Nope'");
  CHECK(problems[3].pointer == "/States/Load/Parameters/a~1b~0c.$");
  CHECK(problems[3].message == "'nope' is not a valid JSONPath: a path must start with '$'");
}

TEST_CASE("check_template accepts a valid template") {
  CHECK(check_template(parse(R"j({"a.$": "$.x", "b": [{"c.$": "States.UUID()"}], "d": 1})j"), "")
            .empty());
  CHECK(check_template(Json("scalar"), "/x").empty());
}

}  // namespace
}  // namespace conflictctl::dataflow

#include "dataflow/path.h"

#include <catch2/catch.hpp>

namespace conflictctl::dataflow {
namespace {

Json parse(const char* text) { return Json::parse(text); }

// The document of the Jayway JsonPath README ("Path Examples").
const Json& store() {
  static const Json document = parse(R"({
    "store": {
      "book": [
        {"category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century",
         "price": 8.95},
        {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour",
         "price": 12.99},
        {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick",
         "isbn": "0-553-21311-3", "price": 8.99},
        {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings",
         "isbn": "0-395-19395-8", "price": 22.99}
      ],
      "bicycle": {"color": "red", "price": 19.95}
    },
    "expensive": 10
  })");
  return document;
}

const Json& book(std::size_t i) { return store()["store"]["book"][i]; }

Json books(std::initializer_list<std::size_t> indices) {
  Json selected = Json::array();
  for (std::size_t i : indices) selected.push_back(book(i));
  return selected;
}

Json eval(std::string_view path, const Json& input, const Json& context = Json::object()) {
  Result<Json> result = evaluate_path(path, input, context);
  INFO(path << ": " << (result ? "" : result.error().cause));
  REQUIRE(result.ok());
  return *result;
}

Error eval_error(std::string_view path, const Json& input) {
  Result<Json> result = evaluate_path(path, input, Json::object());
  REQUIRE_FALSE(result.ok());
  return result.error();
}

TEST_CASE("reference paths select single nodes (AWS \"Reference Paths\" example)") {
  const Json input = parse(R"({"foo": 123, "bar": ["a", "b", "c"], "car": {"cdr": true}})");
  CHECK(eval("$.foo", input) == 123);
  CHECK(eval("$.bar", input) == parse(R"(["a", "b", "c"])"));
  CHECK(eval("$.car.cdr", input) == true);
  CHECK(eval("$", input) == input);
}

TEST_CASE("bracket notation, quoted names and escapes") {
  const Json input = parse(R"({"x y": 1, "it's": 2, "q\"d": 3, "abc": {"def ghi": 4}})");
  CHECK(eval("$['x y']", input) == 1);
  CHECK(eval(R"($["it's"])", input) == 2);
  CHECK(eval(R"($['it\'s'])", input) == 2);
  CHECK(eval(R"($["q\"d"])", input) == 3);
  // The AWS "Paths" page writes bracket notation after a dot: $.abc.['def ghi'].
  CHECK(eval("$.abc.['def ghi']", input) == 4);
  CHECK(eval("$['abc']['def ghi']", input) == 4);
  CHECK(eval(R"($['caf\u00e9', 'rocket \uD83D\uDE80'])", parse(R"({"café": 1, "rocket 🚀": 2})")) ==
        parse("[1, 2]"));
}

TEST_CASE("array indexes, including negative ones") {
  const Json input = parse(R"({"bar": ["a", "b", "c"]})");
  CHECK(eval("$.bar[0]", input) == "a");
  CHECK(eval("$.bar[-1]", input) == "c");
  CHECK(eval("$['bar'][2]", input) == "c");
}

TEST_CASE("InputPath selects a portion of the input (AWS \"InputPath\" example)") {
  const Json input = parse(R"({
    "comment": "Example for InputPath.",
    "dataset1": {"val1": 1, "val2": 2, "val3": 3},
    "dataset2": {"val1": "a", "val2": "b", "val3": "c"}
  })");
  CHECK(eval("$.dataset2", input) == parse(R"({"val1": "a", "val2": "b", "val3": "c"})"));
}

TEST_CASE("a slice yields a selection of values (AWS \"InputPath\" note)") {
  CHECK(eval("$.a[0:2]", parse(R"({"a": [1, 2, 3, 4]})")) == parse("[1, 2]"));
}

TEST_CASE("slices with steps and negative bounds") {
  const Json input = parse(R"({"a": [1, 2, 3, 4]})");
  CHECK(eval("$.a[::2]", input) == parse("[1, 3]"));
  CHECK(eval("$.a[1::2]", input) == parse("[2, 4]"));
  CHECK(eval("$.a[::-1]", input) == parse("[4, 3, 2, 1]"));
  CHECK(eval("$.a[-3:-1]", input) == parse("[2, 3]"));
  CHECK(eval("$.a[5:]", input) == Json::array());
}

TEST_CASE("slice steps near the int64 limits never read outside the array") {
  const Json input = parse(R"({"a": [1, 2, 3]})");
  CHECK(eval("$.a[1::9223372036854775807]", input) == parse("[2]"));
  CHECK(eval("$.a[::9223372036854775807]", input) == parse("[1]"));
  CHECK(eval("$.a[::-9223372036854775808]", input) == parse("[3]"));
  CHECK(eval("$.a[-9223372036854775808:9223372036854775807]", input) == parse("[1, 2, 3]"));
  CHECK(eval("$.a[9223372036854775807:-9223372036854775808:-1]", input) == parse("[3, 2, 1]"));
}

TEST_CASE("filters nested deeper than the limit are refused while parsing, not by a crash") {
  const std::string deep_not = "$[?(" + std::string(300000, '!') + "@.a)]";
  CHECK(check_path(deep_not, PathKind::kPath).ends_with(
      "is not a valid JSONPath: filter nested more than 64 levels deep at character 68"));
  std::string deep_parens = "$[?(";
  for (int i = 0; i < 100000; ++i) deep_parens += "(";
  CHECK(check_path(deep_parens, PathKind::kPath).ends_with(
      "is not a valid JSONPath: filter nested more than 64 levels deep at character 68"));
  std::string nested_filters = "$";
  for (int i = 0; i < 100000; ++i) nested_filters += "[?(@";
  CHECK(check_path(nested_filters, PathKind::kPath).find("nested more than 64 levels deep") !=
        std::string::npos);
  CHECK(eval("$.a[?(" + std::string(60, '!') + "@.b)]", parse(R"({"a": [{"b": 1}]})")) ==
        parse(R"([{"b": 1}])"));
}

TEST_CASE("Jayway JsonPath README examples on the store document") {
  SECTION("$.store.book[*].author: the authors of all books") {
    CHECK(eval("$.store.book[*].author", store()) ==
          parse(R"(["Nigel Rees", "Evelyn Waugh", "Herman Melville", "J. R. R. Tolkien"])"));
  }
  SECTION("$..author: all authors") {
    CHECK(eval("$..author", store()) ==
          parse(R"(["Nigel Rees", "Evelyn Waugh", "Herman Melville", "J. R. R. Tolkien"])"));
  }
  SECTION("$.store.*: all things, both books and bicycles") {
    const Json expected = Json::array({store()["store"]["book"], store()["store"]["bicycle"]});
    CHECK(eval("$.store.*", store()) == expected);
  }
  SECTION("$.store..price: the price of everything") {
    CHECK(eval("$.store..price", store()) == parse("[8.95, 12.99, 8.99, 22.99, 19.95]"));
  }
  SECTION("$..book[2]: the third book") { CHECK(eval("$..book[2]", store()) == books({2})); }
  SECTION("$..book[-2]: the second to last book") {
    CHECK(eval("$..book[-2]", store()) == books({2}));
  }
  SECTION("$..book[0,1]: the first two books") {
    CHECK(eval("$..book[0,1]", store()) == books({0, 1}));
  }
  SECTION("$..book[:2]: from index 0 (inclusive) until index 2 (exclusive)") {
    CHECK(eval("$..book[:2]", store()) == books({0, 1}));
  }
  SECTION("$..book[1:2]: from index 1 (inclusive) until index 2 (exclusive)") {
    CHECK(eval("$..book[1:2]", store()) == books({1}));
  }
  SECTION("$..book[-2:]: the last two books") {
    CHECK(eval("$..book[-2:]", store()) == books({2, 3}));
  }
  SECTION("$..book[2:]: from index 2 (inclusive) to the last") {
    CHECK(eval("$..book[2:]", store()) == books({2, 3}));
  }
  SECTION("$..book[?(@.isbn)]: all books with an ISBN number") {
    CHECK(eval("$..book[?(@.isbn)]", store()) == books({2, 3}));
  }
  SECTION("$.store.book[?(@.price < 10)]: all books cheaper than 10") {
    CHECK(eval("$.store.book[?(@.price < 10)]", store()) == books({0, 2}));
    CHECK(eval("$.store.book[?(@.price<10)]", store()) == books({0, 2}));
  }
  SECTION("$..book[?(@.price <= $['expensive'])]: books not expensive") {
    CHECK(eval("$..book[?(@.price <= $['expensive'])]", store()) == books({0, 2}));
  }
  SECTION("$..*: every thing, parents before children") {
    const Json all = eval("$..*", store());
    // 2 top-level fields, book and bicycle, 4 books with 18 fields, bicycle's 2 fields.
    CHECK(all.size() == 28);
    CHECK(all[0] == store()["store"]);
    CHECK(all[1] == 10);
    CHECK(all[2] == store()["store"]["book"]);
  }
}

TEST_CASE("filters combine comparisons with &&, ||, ! and parentheses") {
  CHECK(eval("$.store.book[?(@.price < 10 && @.category == 'fiction')].title", store()) ==
        parse(R"(["Moby Dick"])"));
  CHECK(eval(R"($.store.book[?(@.category == "reference" || @.price > 20)].title)", store()) ==
        parse(R"(["Sayings of the Century", "The Lord of the Rings"])"));
  CHECK(eval("$.store.book[?(!(@.isbn))].title", store()) ==
        parse(R"(["Sayings of the Century", "Sword of Honour"])"));
  CHECK(eval("$.store.book[?(!@.isbn && (@.price >= 12.99 || @.price <= 8))].title", store()) ==
        parse(R"(["Sword of Honour"])"));
  CHECK(eval("$.store.book[?(@.price != 8.95)]", store()) == books({1, 2, 3}));
  CHECK(eval("$.store.book[?(@.author > 'I')].author", store()) ==
        parse(R"(["Nigel Rees", "J. R. R. Tolkien"])"));
}

TEST_CASE("filter literals: numbers, strings, true, false, null") {
  const Json input = parse(R"({"items": [
    {"id": 1, "on": true, "tag": null}, {"id": 2, "on": false, "tag": "x"}, {"id": 3}
  ]})");
  CHECK(eval("$.items[?(@.on == true)].id", input) == parse("[1]"));
  CHECK(eval("$.items[?(@.on == false)].id", input) == parse("[2]"));
  CHECK(eval("$.items[?(@.tag == null)].id", input) == parse("[1]"));
  CHECK(eval("$.items[?(@.id == 2.0)].id", input) == parse("[2]"));
  CHECK(eval("$.items[?(@.id >= -1e1)].id", input) == parse("[1, 2, 3]"));
  // As in Jayway, "!=" is the negation of "==": an absent field differs from anything.
  CHECK(eval("$.items[?(@.tag != 'x')].id", input) == parse("[1, 3]"));
  // Ordering needs two numbers or two strings.
  CHECK(eval("$.items[?(@.tag < 5)].id", input) == Json::array());
}

TEST_CASE("filters compare objects and arrays by value, whatever the key order") {
  const Json input = parse(R"({"want": {"b": 2, "a": 1}, "items": [
    {"v": {"a": 1, "b": 2}}, {"v": {"a": 1}}, {"v": [1, 2]}
  ]})");
  CHECK(eval("$.items[?(@.v == $.want)]", input) == parse(R"([{"v": {"a": 1, "b": 2}}])"));
}

TEST_CASE("a filter applied to an object tests the object itself, as in Jayway") {
  CHECK(eval("$.store.bicycle[?(@.color == 'red')]", store()) ==
        Json::array({store()["store"]["bicycle"]}));
}

TEST_CASE("unions of names and wildcards on arrays and objects") {
  const Json input = parse(R"({"foo": 123, "bar": ["a", "b", "c"], "car": {"cdr": true}})");
  CHECK(eval("$['foo','car']", input) == parse(R"([123, {"cdr": true}])"));
  CHECK(eval("$.bar[2,0]", input) == parse(R"(["c", "a"])"));
  CHECK(eval("$.bar[*]", input) == parse(R"(["a", "b", "c"])"));
  CHECK(eval("$.car.*", input) == parse("[true]"));
  CHECK(eval("$.foo.*", input) == Json::array());
  CHECK(eval("$..[0]", input) == parse(R"(["a"])"));
}

TEST_CASE("an indefinite path that matches nothing yields an empty array") {
  CHECK(eval("$.store.book[?(@.price > 100)]", store()) == Json::array());
  CHECK(eval("$..nothing", store()) == Json::array());
  CHECK(eval("$.missing[*]", store()) == Json::array());
}

TEST_CASE("$$ paths read the context object") {
  const Json input = parse(R"({"a": 1})");
  const Json context = parse(R"({"Execution": {"Id": "arn:x"}, "Map": {"Item": {"Index": 2}}})");
  CHECK(eval("$$.Execution.Id", input, context) == "arn:x");
  CHECK(eval("$$.Map.Item.Index", input, context) == 2);
  CHECK(eval("$$", input, context) == context);
  CHECK(eval("$.store.book[?(@.price > $$.min)].title", store(), parse(R"({"min": 20})")) ==
        parse(R"(["The Lord of the Rings"])"));
}

TEST_CASE("a definite path that names nothing fails with AWS's States.Runtime cause") {
  const Json input = parse(R"({"a": 1, "list": [1, 2], "n": null})");
  // Observed on AWS: "Invalid path '$.Payload' : No results for path: $['Payload']".
  CHECK(eval_error("$.missing", input) ==
        Error{"States.Runtime", "Invalid path '$.missing' : No results for path: $['missing']"});
  CHECK(eval_error("$.b.c", input).cause ==
        "Invalid path '$.b.c' : Missing property in path $['b']");
  CHECK(eval_error("$.list[5]", input).cause ==
        "Invalid path '$.list[5]' : No results for path: $['list'][5]");
  CHECK(eval_error("$.a.b", input).cause ==
        "Invalid path '$.a.b' : Expected to find an object with property ['b'] in path $['a'] "
        "but found 'number'");
  CHECK(eval_error("$.a[0]", input).cause ==
        "Invalid path '$.a[0]' : Filter: [0] can only be applied to arrays. Current context is: "
        "1");
  CHECK(eval_error("$.n[0]", input).cause == "Invalid path '$.n[0]' : The path $['n'] is null");
}

TEST_CASE("an invalid path fails with States.Runtime and the syntax message") {
  CHECK(eval_error("$.a[", Json::object()) ==
        Error{"States.Runtime", "'$.a[' is not a valid JSONPath: unclosed '['"});
}

TEST_CASE("find_path gives nullopt for a definite path that names nothing") {
  const Json input = parse(R"({"a": {"b": false}})");
  Result<std::optional<Json>> present = find_path("$.a.b", input, Json::object());
  REQUIRE(present.ok());
  CHECK(*present == std::optional<Json>(false));
  Result<std::optional<Json>> absent = find_path("$.a.c", input, Json::object());
  REQUIRE(absent.ok());
  CHECK_FALSE(absent->has_value());
  CHECK_FALSE(find_path("$.x.y.z", input, Json::object())->has_value());
  Result<std::optional<Json>> none = find_path("$.a[*]", parse("{}"), Json::object());
  REQUIRE(none.ok());
  CHECK(*none == std::optional<Json>(Json::array()));
  CHECK(find_path("$[", input, Json::object()).error().name == "States.Runtime");
}

TEST_CASE("check_path accepts valid paths") {
  for (const char* path : {"$", "$$", "$.a", "$.a.b[0]", "$['x y']", "$.a[-1]", "$.a[*].b", "$..a",
                           "$.a[1:3]", "$.a[::2]", "$.a[0,2]", "$['a','b']",
                           "$.a[?(@.b > 1 && !@.c)]", "$.a[?(@.b == $.c || @.d != 'x')]",
                           "$$.Execution.Input", "$.detail-type", "$.aws:region"}) {
    INFO(path);
    CHECK(check_path(path, PathKind::kPath) == "");
  }
}

TEST_CASE("check_path explains syntax errors") {
  const auto message = [](const char* path) { return check_path(path, PathKind::kPath); };
  CHECK(message("$.a[") == "'$.a[' is not a valid JSONPath: unclosed '['");
  CHECK(message("$.a[0") == "'$.a[0' is not a valid JSONPath: unclosed '['");
  CHECK(message("") == "'' is not a valid JSONPath: a path must start with '$'");
  CHECK(message("a.b") == "'a.b' is not a valid JSONPath: a path must start with '$'");
  CHECK(message("@.a") == "'@.a' is not a valid JSONPath: a path must start with '$'");
  CHECK(message("$.") ==
        "'$.' is not a valid JSONPath: expected a name, '*' or '[' after '.' at the end");
  CHECK(message("$.a b") == "'$.a b' is not a valid JSONPath: unexpected ' ' at character 4");
  CHECK(message("$.a.length()") ==
        "'$.a.length()' is not a valid JSONPath: functions such as length() are not supported");
  CHECK(message("$['a") == "'$['a' is not a valid JSONPath: unclosed string");
  CHECK(message("$.a[::0]") == "'$.a[::0]' is not a valid JSONPath: a slice step must not be 0");
  CHECK(message("$.a[?(@.b =~ /x/)]") ==
        "'$.a[?(@.b =~ /x/)]' is not a valid JSONPath: unsupported filter operator at character "
        "11");
  CHECK(message("$.a[?(@.b > 1]") ==
        "'$.a[?(@.b > 1]' is not a valid JSONPath: expected ')' closing the filter at character "
        "14, found ']'");
  CHECK(message("$.a[?(1)]") ==
        "'$.a[?(1)]' is not a valid JSONPath: expected a comparison operator at character 8, "
        "found ')'");
  CHECK(message(R"($['\uD83D'])") ==
        R"('$['\uD83D']' is not a valid JSONPath: unpaired UTF-16 surrogate)");
  CHECK(message(R"($['\u12'])") ==
        R"('$['\u12']' is not a valid JSONPath: '\u' needs four hex digits)");
  CHECK(message(R"($['\q'])") ==
        R"('$['\q']' is not a valid JSONPath: unknown escape '\q' at character 4)");
}

TEST_CASE("reference paths allow only names and indexes") {
  for (const char* path : {"$", "$.a.b[0]", "$['x y']", "$$.Map.Item.Value", "$.a[-1]"}) {
    INFO(path);
    CHECK(check_path(path, PathKind::kReferencePath) == "");
  }
  const auto message = [](const char* path) { return check_path(path, PathKind::kReferencePath); };
  CHECK(message("$.a[*]") ==
        "'$.a[*]' is not a valid reference path: wildcards ('*') are not allowed; a reference "
        "path names a single node");
  CHECK(message("$.a.*") ==
        "'$.a.*' is not a valid reference path: wildcards ('*') are not allowed; a reference "
        "path names a single node");
  CHECK(message("$..a") ==
        "'$..a' is not a valid reference path: '..' is not allowed; a reference path names a "
        "single node");
  CHECK(message("$.a[0,1]") ==
        "'$.a[0,1]' is not a valid reference path: unions ('[a,b]') are not allowed; a "
        "reference path names a single node");
  CHECK(message("$.a[1:2]") ==
        "'$.a[1:2]' is not a valid reference path: slices ('[a:b]') are not allowed; a "
        "reference path names a single node");
  CHECK(message("$.a[?(@.b)]") ==
        "'$.a[?(@.b)]' is not a valid reference path: filters ('[?(…)]') are not allowed; a "
        "reference path names a single node");
  CHECK(message("$.a[") == "'$.a[' is not a valid reference path: unclosed '['");
}

TEST_CASE("InputPath, ResultPath and OutputPath together (AWS \"Input and Output Processing\")") {
  const Json input = parse(R"({"title": "Numbers to add", "numbers": {"val1": 3, "val2": 4}})");
  CHECK(eval("$.numbers", input) == parse(R"({"val1": 3, "val2": 4})"));
  // The task returns 7; "ResultPath": "$.sum", "OutputPath": "$".
  Result<Json> output = write_reference_path("$.sum", input, 7);
  REQUIRE(output.ok());
  CHECK(*output ==
        parse(R"({"title": "Numbers to add", "numbers": {"val1": 3, "val2": 4}, "sum": 7})"));
  // "OutputPath": "$.sum" makes the output 7.
  CHECK(eval("$.sum", *output) == 7);
}

TEST_CASE("ResultPath examples of the AWS \"ResultPath\" page") {
  const Json input = parse(R"({
    "comment": "This is a test of the input and output of a Task state.",
    "details": "Default example",
    "who": "AWS Step Functions"
  })");
  const Json result = "Hello, AWS Step Functions!";

  SECTION("\"$\" replaces the input with the result") {
    CHECK(*write_reference_path("$", input, result) == result);
  }
  SECTION("\"$.taskresult\" includes the result with the input") {
    Json expected = input;
    expected["taskresult"] = result;
    CHECK(*write_reference_path("$.taskresult", input, result) == expected);
  }
  SECTION("\"$.strings.lambdaresult\" inserts the result as a child node") {
    const Json nested = parse(R"({
      "comment": "An input comment.",
      "strings": {"string1": "foo", "string2": "bar", "string3": "baz"},
      "who": "AWS Step Functions"
    })");
    CHECK(*write_reference_path("$.strings.lambdaresult", nested, result) == parse(R"({
      "comment": "An input comment.",
      "strings": {"string1": "foo", "string2": "bar", "string3": "baz",
                  "lambdaresult": "Hello, AWS Step Functions!"},
      "who": "AWS Step Functions"
    })"));
  }
  SECTION("\"$.comment\" updates a node in the input, in place") {
    const Json output = *write_reference_path("$.comment", input, result);
    CHECK(output == parse(R"({
      "comment": "Hello, AWS Step Functions!",
      "details": "Default example",
      "who": "AWS Step Functions"
    })"));
    CHECK(output.begin().key() == "comment");
  }
  SECTION("a Catch's \"$.error\" keeps the input with the error") {
    CHECK(*write_reference_path("$.error", parse(R"({"foo": "bar"})"),
                                parse(R"({"Error": "Error here"})")) ==
          parse(R"({"foo": "bar", "error": {"Error": "Error here"}})"));
  }
}

TEST_CASE("write_reference_path creates missing objects and writes into arrays") {
  CHECK(*write_reference_path("$.a.b", Json::object(), 1) == parse(R"({"a": {"b": 1}})"));
  CHECK(*write_reference_path("$['x y'].z", parse(R"({"x y": {"k": 0}})"), 1) ==
        parse(R"({"x y": {"k": 0, "z": 1}})"));
  CHECK(*write_reference_path("$.list[1]", parse(R"({"list": [1, 2]})"), "x") ==
        parse(R"({"list": [1, "x"]})"));
  CHECK(*write_reference_path("$.list[-1].v", parse(R"({"list": [{}, {}]})"), 3) ==
        parse(R"({"list": [{}, {"v": 3}]})"));
}

TEST_CASE("write_reference_path fails with States.ResultPathMatchFailure") {
  const auto failure = [](const char* path, const Json& target) {
    Result<Json> result = write_reference_path(path, target, 1);
    REQUIRE_FALSE(result.ok());
    return result.error();
  };
  CHECK(failure("$.a.b", parse(R"({"a": 1})")) ==
        Error{"States.ResultPathMatchFailure",
              R"(Unable to apply ReferencePath $.a.b to input {"a":1})"});
  // Seen on AWS when a task's result was a JSON string: the input is quoted.
  CHECK(failure("$.partitioned", "{\"min_size\":10000}").cause ==
        R"(Unable to apply ReferencePath $.partitioned to input "{\"min_size\":10000}")");
  CHECK(failure("$.list[5]", parse(R"({"list": [1]})")).name == "States.ResultPathMatchFailure");
  CHECK(failure("$.list[0]", parse(R"({"list": {"0": 1}})")).name ==
        "States.ResultPathMatchFailure");
  CHECK(failure("$.a[*]", Json::object()) ==
        Error{"States.Runtime",
              "'$.a[*]' is not a valid reference path: wildcards ('*') are not allowed; a "
              "reference path names a single node"});
  CHECK(failure("$$.a", Json::object()).name == "States.Runtime");
}

TEST_CASE("paths that start with a variable read it") {
  struct Fixed final : Variables {
    const Json* find(std::string_view name) const override {
      static const Json kOrder = Json::parse(R"({"items": [{"id": 1}, {"id": 2}], "total": 9})");
      return name == "order" ? &kOrder : nullptr;
    }
    Json visible() const override { return Json{{"order", *find("order")}}; }
  } variables;
  const Json input = Json::parse(R"({"a": 1})");
  const Json context = Json::object();
  const PathContext with(context, &variables);
  CHECK(*evaluate_path("$order.total", input, with) == 9);
  CHECK(*evaluate_path("$order.items[*].id", input, with) == Json::parse("[1, 2]"));
  CHECK(*evaluate_path("$order.items[?(@.id > $order.total)]", input, with) == Json::array());
  CHECK(*evaluate_path("$.a", input, with) == 1);
  CHECK(evaluate_path("$order.missing", input, with).error().cause ==
        "Invalid path '$order.missing' : No results for path: $['missing']");
  CHECK(evaluate_path("$nope.x", input, with).error() ==
        Error{"States.Runtime",
              "Invalid path '$nope.x' : no variable named 'nope' is assigned in this scope"});
  CHECK(evaluate_path("$order", input, context).error().cause ==
        "Invalid path '$order' : no variable named 'order' is assigned in this scope");
  CHECK(find_path("$nope", input, with).error().name == "States.Runtime");
  CHECK(write_reference_path("$order.x", input, 1).error().name == "States.Runtime");
  CHECK(check_path("$_x1.y", PathKind::kReferencePath).empty());
  CHECK(check_path("$1", PathKind::kPath) ==
        "'$1' is not a valid JSONPath: unexpected '1' at character 2");
}

}  // namespace
}  // namespace conflictctl::dataflow

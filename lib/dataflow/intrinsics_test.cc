#include "dataflow/intrinsics.h"

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <regex>

#include "dataflow/scanner.h"

namespace conflictctl::dataflow {
namespace {

Json parse(const char* text) { return Json::parse(text); }

Json call(std::string_view text, const Json& input = Json::object(),
          const Json& context = Json::object()) {
  Random random(1);
  Result<Json> result = evaluate_intrinsic(text, input, context, random);
  INFO(text << ": " << (result ? "" : result.error().cause));
  REQUIRE(result.ok());
  return *result;
}

Error failure(std::string_view text, const Json& input = Json::object()) {
  Random random(1);
  Result<Json> result = evaluate_intrinsic(text, input, Json::object(), random);
  INFO(text);
  REQUIRE_FALSE(result.ok());
  return result.error();
}

// Step Functions fails argument errors with States.Runtime, "Invalid arguments in …".
Error invalid(std::string_view function, std::string_view detail) {
  return Error{"States.Runtime", fmt::format("Invalid arguments in {}: {}", function, detail)};
}

TEST_CASE("is_intrinsic_call recognises calls") {
  CHECK(is_intrinsic_call("States.Format('x')"));
  CHECK(is_intrinsic_call("States.UUID()"));
  CHECK(is_intrinsic_call("States.Format('unclosed'"));
  CHECK_FALSE(is_intrinsic_call("$.States"));
  CHECK_FALSE(is_intrinsic_call("States.Format"));
  CHECK_FALSE(is_intrinsic_call("States.(1)"));
  CHECK_FALSE(is_intrinsic_call(" States.UUID()"));
}

TEST_CASE("States.Format (AWS examples)") {
  const Json input = parse(R"({"name": "Arnav", "template": "Hello, my name is {}."})");
  CHECK(call("States.Format('Hello, my name is {}.', $.name)", input) ==
        "Hello, my name is Arnav.");
  CHECK(call("States.Format($.template, $.name)", input) == "Hello, my name is Arnav.");
  // The States Language spec's example.
  CHECK(call("States.Format('Your name is {}, we are in the year {}', $.name, 2020)",
             parse(R"({"name": "Foo", "zebra": "stripe"})")) ==
        "Your name is Foo, we are in the year 2020");
}

TEST_CASE("States.Format escapes and value forms") {
  CHECK(call(R"(States.Format('\{\} is {} \\ \'quoted\'', 'x'))") == R"({} is x \ 'quoted')");
  CHECK(call(R"(States.Format('Name: \'{}\', Surname: "{}"', $.name, $.surname))",
             parse(R"({"name": "Gabriel", "surname": "Moreira"})")) ==
        R"(Name: 'Gabriel', Surname: "Moreira")");
  CHECK(call("States.Format('no placeholders')") == "no placeholders");
  // Spec: "the Value is the natural string representation; string values are not
  // accompanied by enclosing \" characters."
  CHECK(call("States.Format('{}|{}|{}|{}', null, false, -1, 3.5)") == "null|false|-1|3.5");
  // A template read from the input has no escapes: the backslash stays.
  CHECK(call("States.Format($.t, 1)", parse(R"({"t": "a\\b {}"})")) == R"(a\b 1)");
}

TEST_CASE("States.Format rejects mismatched placeholders, stray braces and structured values") {
  CHECK(failure("States.Format('{} {}', 'x')") ==
        invalid("States.Format", "the template expects 2 values for its '{}' placeholders, got 1"));
  CHECK(failure("States.Format('{}', 'x', 'y')") ==
        invalid("States.Format", "the template expects 1 value for its '{}' placeholders, got 2"));
  for (const char* text : {"States.Format('Hello {', 'x')", "States.Format('}')",
                           "States.Format('Hello {{}}', 'x')"}) {
    CHECK(failure(text) ==
          invalid("States.Format", "a '{' or '}' in the template is not part of '{}'"));
  }
  CHECK(failure("States.Format('{}', $.a)", parse(R"({"a": [1]})")) ==
        invalid("States.Format", "values must be strings, numbers, booleans or null"));
  CHECK(failure("States.Format($.t)", parse(R"({"t": 1})")) ==
        invalid("States.Format", "the template must be a string"));
}

TEST_CASE("States.StringToJson (AWS examples)") {
  CHECK(call("States.StringToJson($.escapedJsonString)",
             parse(R"({"escapedJsonString": "{\"foo\": \"bar\"}"})")) ==
        parse(R"({"foo": "bar"})"));
  CHECK(call("States.StringToJson($.someString)",
             parse(R"({"someString": "{\"number\": 20}", "zebra": "stripe"})")) ==
        parse(R"({"number": 20})"));
  CHECK(call("States.StringToJson(' [1, 2] ')") == parse("[1, 2]"));
  CHECK(call("States.StringToJson('\"hello\"')") == "hello");
  CHECK(call("States.StringToJson('')") == nullptr);
  CHECK(failure("States.StringToJson('{bad json}')") ==
        invalid("States.StringToJson", "the argument is not valid JSON"));
  CHECK(failure("States.StringToJson($.n)", parse(R"({"n": 123})")) ==
        invalid("States.StringToJson", "the argument must be a string"));
}

TEST_CASE("States.JsonToString (AWS examples)") {
  CHECK(call("States.JsonToString($.someJson)",
             parse(R"({"someJson": {"name": "Foo", "year": 2020}, "zebra": "stripe"})")) ==
        R"({"name":"Foo","year":2020})");
  CHECK(call("States.JsonToString($.unescapedJson)",
             parse(R"({"unescapedJson": {"foo": "bar"}})")) == R"({"foo":"bar"})");
  CHECK(call("States.JsonToString($.s)", parse(R"({"s": "x"})")) == R"("x")");
}

TEST_CASE("States.Array (AWS examples)") {
  CHECK(call("States.Array($.Id)", parse(R"({"Id": 123456})")) == parse("[123456]"));
  CHECK(call("States.Array('Foo', 2020, $.someJson, null)",
             parse(R"({"someJson": {"random": "abcdefg"}, "zebra": "stripe"})")) ==
        parse(R"(["Foo", 2020, {"random": "abcdefg"}, null])"));
  CHECK(call("States.Array()") == Json::array());
}

TEST_CASE("States.ArrayPartition (AWS example and checks)") {
  const Json input = parse(R"({"inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9]})");
  CHECK(call("States.ArrayPartition($.inputArray,4)", input) ==
        parse("[[1, 2, 3, 4], [5, 6, 7, 8], [9]]"));
  CHECK(call("States.ArrayPartition($.inputArray, 10)", input) ==
        parse("[[1, 2, 3, 4, 5, 6, 7, 8, 9]]"));
  CHECK(call("States.ArrayPartition(States.Array(), 3)") == Json::array());
  // Observed on AWS: a fractional chunk size is truncated.
  CHECK(call("States.ArrayPartition(States.Array(1, 2, 3, 4, 5), 2.6)") ==
        parse("[[1, 2], [3, 4], [5]]"));
  // AWS: "You must specify a non-zero, positive integer for the second argument".
  for (const char* size : {"0", "-1", "0.49", "'2'", "null"}) {
    CHECK(failure(fmt::format("States.ArrayPartition($.inputArray, {})", size), input) ==
          invalid("States.ArrayPartition", "the chunk size must be a positive integer"));
  }
  CHECK(failure("States.ArrayPartition('not-array', 2)") ==
        invalid("States.ArrayPartition", "the first argument must be an array"));
}

TEST_CASE("States.ArrayContains (AWS example)") {
  const Json input = parse(R"({"inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9], "lookingFor": 5})");
  CHECK(call("States.ArrayContains($.inputArray, $.lookingFor)", input) == true);
  CHECK(call("States.ArrayContains($.inputArray, 10)", input) == false);
  CHECK(call("States.ArrayContains($.list, $.item)",
             parse(R"({"list": [{"a": 1, "b": [2]}], "item": {"b": [2], "a": 1}})")) == true);
  CHECK(failure("States.ArrayContains($.lookingFor, 5)", input) ==
        invalid("States.ArrayContains", "the first argument must be an array"));
}

TEST_CASE("States.ArrayRange (AWS example and checks)") {
  CHECK(call("States.ArrayRange(1, 9, 2)") == parse("[1, 3, 5, 7, 9]"));
  CHECK(call("States.ArrayRange(5, 1, -2)") == parse("[5, 3, 1]"));
  CHECK(call("States.ArrayRange(3, 3, 1)") == parse("[3]"));
  CHECK(call("States.ArrayRange(5, 1, 1)") == Json::array());
  // Observed on AWS: fractional arguments are truncated.
  CHECK(call("States.ArrayRange(1.4, 5.6, 2.2)") == parse("[1, 3, 5]"));
  // AWS: "The newly generated array can't contain more than 1000 items."
  const Json thousand = call("States.ArrayRange(1, 1000, 1)");
  CHECK(thousand.size() == 1000);
  CHECK(thousand.back() == 1000);
  CHECK(failure("States.ArrayRange(1, 1001, 1)") ==
        invalid("States.ArrayRange", "the range has 1001 elements; at most 1000 are allowed"));
  CHECK(failure("States.ArrayRange(1001, 1, -1)").cause ==
        "Invalid arguments in States.ArrayRange: the range has 1001 elements; at most 1000 are "
        "allowed");
  // AWS: "You must specify a non-zero value for the third argument."
  CHECK(failure("States.ArrayRange(1, 10, 0)") ==
        invalid("States.ArrayRange", "the step must not be 0"));
  CHECK(failure("States.ArrayRange(1, 10, 0.49)") ==
        invalid("States.ArrayRange", "the step must not be 0"));
  CHECK(failure("States.ArrayRange('a', 5, 1)") ==
        invalid("States.ArrayRange", "all three arguments must be integers"));
}

TEST_CASE("States.ArrayGetItem (AWS example and checks)") {
  const Json input = parse(R"({"inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9], "index": 5})");
  CHECK(call("States.ArrayGetItem($.inputArray, $.index)", input) == 6);
  CHECK(call("States.ArrayGetItem(States.Array('x', 'y', 'z'), 1)") == "y");
  CHECK(call("States.ArrayGetItem($.inputArray, 1.9)", input) == 2);
  CHECK(failure("States.ArrayGetItem($.inputArray, 9)", input) ==
        invalid("States.ArrayGetItem", "index 9 is outside the array of 9 elements"));
  CHECK(failure("States.ArrayGetItem($.inputArray, -1)", input) ==
        invalid("States.ArrayGetItem", "index -1 is outside the array of 9 elements"));
  CHECK(failure("States.ArrayGetItem($.inputArray, '1')", input) ==
        invalid("States.ArrayGetItem", "the index must be an integer"));
  CHECK(failure("States.ArrayGetItem('not-array', 0)") ==
        invalid("States.ArrayGetItem", "the first argument must be an array"));
}

TEST_CASE("States.ArrayLength (AWS example)") {
  CHECK(call("States.ArrayLength($.inputArray)",
             parse(R"({"inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9]})")) == 9);
  CHECK(call("States.ArrayLength(States.Array())") == 0);
  CHECK(failure("States.ArrayLength('abc')") ==
        invalid("States.ArrayLength", "the argument must be an array"));
}

TEST_CASE("States.ArrayUnique (AWS example)") {
  CHECK(call("States.ArrayUnique($.inputArray)",
             parse(R"({"inputArray": [1, 2, 3, 3, 3, 3, 3, 3, 4]})")) == parse("[1, 2, 3, 4]"));
  CHECK(call("States.ArrayUnique($.a)",
             parse(R"({"a": [{"x": 1, "y": 2}, "s", {"y": 2, "x": 1}, "s", [1], [1]]})")) ==
        parse(R"([{"x": 1, "y": 2}, "s", [1]])"));
  CHECK(failure("States.ArrayUnique(1)") ==
        invalid("States.ArrayUnique", "the argument must be an array"));
}

TEST_CASE("States.Base64Encode and States.Base64Decode (AWS examples)") {
  CHECK(call("States.Base64Encode($.input)", parse(R"({"input": "Data to encode"})")) ==
        "RGF0YSB0byBlbmNvZGU=");
  // The page shows "Decoded data" as the result; decoding the encode example's output gives
  // its input back.
  CHECK(call("States.Base64Decode($.base64)", parse(R"({"base64": "RGF0YSB0byBlbmNvZGU="})")) ==
        "Data to encode");
  CHECK(call("States.Base64Encode('')") == "");
  CHECK(call("States.Base64Decode(States.Base64Encode('✓ こんにちは'))") == "✓ こんにちは");
  // MIME decoding skips characters outside the alphabet.
  CHECK(call("States.Base64Decode(' YWJj\nZA== ')") == "abcd");
  CHECK(failure("States.Base64Decode('QUJDR')") ==
        invalid("States.Base64Decode", "the argument is not valid Base64"));
  CHECK(failure("States.Base64Encode(123)") ==
        invalid("States.Base64Encode", "the argument must be a string"));
}

TEST_CASE("Base64 input is limited to 10,000 characters") {
  const Json at_limit = {{"s", std::string(10000, 'a')}};
  const Json over_limit = {{"s", std::string(10001, 'a')}};
  CHECK(call("States.Base64Encode($.s)", at_limit).get<std::string>().size() == 13336);
  CHECK(
      failure("States.Base64Encode($.s)", over_limit) ==
      invalid("States.Base64Encode", "the string has 10001 characters; at most 10000 are allowed"));
  CHECK(
      failure("States.Base64Decode($.s)", over_limit) ==
      invalid("States.Base64Decode", "the string has 10001 characters; at most 10000 are allowed"));
  // Characters, not bytes: 10,000 three-byte characters are allowed.
  std::string wide;
  for (int i = 0; i < 10000; ++i) wide += "✓";
  CHECK(call("States.Base64Encode($.s)", Json{{"s", wide}}).is_string());
}

TEST_CASE("States.Hash (AWS example and algorithms)") {
  // The AWS page's digest for this example, "aaff4a450a104cd177d28d18d7485e8cae074b7", has
  // lost one digit ("…d74485…"); the SHA-1 of "input data" is 40 hexadecimal digits.
  CHECK(call("States.Hash($.Data, $.Algorithm)",
             parse(R"({"Data": "input data", "Algorithm": "SHA-1"})")) ==
        "aaff4a450a104cd177d28d18d74485e8cae074b7");
  // Digests of 'hello' observed on AWS.
  CHECK(call("States.Hash('hello', 'MD5')") == "5d41402abc4b2a76b9719d911017c592");
  CHECK(call("States.Hash('hello', 'SHA-1')") == "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d");
  CHECK(call("States.Hash('hello', 'SHA-256')") ==
        "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  CHECK(call("States.Hash('hello', 'SHA-384')") ==
        "59e1748777448c69de6b800d7a33bbfb9ff1b463e44354c3553bcdb9c666fa90125a3c79f90397bdf5f6a13d"
        "e828684f");
  CHECK(call("States.Hash('hello', 'SHA-512')") ==
        "9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e"
        "14b8c5da0c4663475c2e5c3adef46f73bcdec043");
  CHECK(call("States.Hash('', 'SHA-256')") ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(call("States.Hash($.s, 'SHA-256')", parse(R"({"s": "✓"})")) ==
        "1dabba21cdad44541f6b15796f8d22978fc7ea10c46aeceeeeb66c23b3ac7604");
}

TEST_CASE("States.Hash checks the algorithm and the 10,000-character limit") {
  for (const char* algorithm : {"sha-256", "SHA256", "MD-5", ""}) {
    CHECK(failure(fmt::format("States.Hash('data', '{}')", algorithm)) ==
          invalid("States.Hash", fmt::format("unknown algorithm '{}'; use MD5, SHA-1, SHA-256, "
                                             "SHA-384 or SHA-512",
                                             algorithm)));
  }
  CHECK(failure("States.Hash('data', 256)") ==
        invalid("States.Hash", "the algorithm must be MD5, SHA-1, SHA-256, SHA-384 or SHA-512"));
  CHECK(call("States.Hash($.s, 'MD5')", Json{{"s", std::string(10000, 'a')}}).is_string());
  CHECK(failure("States.Hash($.s, 'MD5')", Json{{"s", std::string(10001, 'a')}}) ==
        invalid("States.Hash", "the data has 10001 characters; at most 10000 are allowed"));
}

TEST_CASE("States.JsonMerge (AWS example: shallow merge)") {
  const Json input = parse(R"({
    "json1": {"a": {"a1": 1, "a2": 2}, "b": 2},
    "json2": {"a": {"a3": 1, "a4": 2}, "c": 3}
  })");
  const Json merged = call("States.JsonMerge($.json1, $.json2, false)", input);
  CHECK(merged == parse(R"({"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3})"));
  CHECK(to_compact(merged) == R"({"a":{"a3":1,"a4":2},"b":2,"c":3})");
  // AWS: "you must specify the boolean value as false".
  CHECK(failure("States.JsonMerge($.json1, $.json2, true)", input) ==
        invalid("States.JsonMerge",
                "deep merge (true) is not supported; the third argument must be false"));
  CHECK(failure("States.JsonMerge($.json1, States.Array(), false)", input) ==
        invalid("States.JsonMerge", "the first two arguments must be objects"));
}

TEST_CASE("States.MathRandom returns an integer from start (inclusive) to end (exclusive)") {
  const Json input = parse(R"({"start": 1, "end": 999})");
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    Random random(seed);
    Result<Json> value =
        evaluate_intrinsic("States.MathRandom($.start, $.end)", input, Json::object(), random);
    REQUIRE(value.ok());
    CHECK(value->is_number_integer());
    CHECK(*value >= 1);
    CHECK(*value < 999);
  }
  CHECK(call("States.MathRandom(7, 8)") == 7);
}

TEST_CASE("States.MathRandom with a seed returns the same number every time") {
  Random first(1), second(2);
  const auto seeded = [](Random& random) {
    return *evaluate_intrinsic("States.MathRandom(1, 1000000, 42)", Json::object(), Json::object(),
                               random);
  };
  const Json value = seeded(first);
  CHECK(seeded(first) == value);
  CHECK(seeded(second) == value);
  CHECK(call("States.MathRandom(1, 10, -10)").is_number_integer());
}

TEST_CASE("States.MathRandom checks its arguments") {
  CHECK(failure("States.MathRandom(1, 1)") ==
        invalid("States.MathRandom", "the start must be less than the end"));
  CHECK(failure("States.MathRandom(10, 5)") ==
        invalid("States.MathRandom", "the start must be less than the end"));
  CHECK(failure("States.MathRandom('a', 10)") ==
        invalid("States.MathRandom", "the start and end must be integers"));
  CHECK(failure("States.MathRandom(1, 10, null)") ==
        invalid("States.MathRandom", "the seed must be an integer"));
}

TEST_CASE("States.MathAdd fails with States.Runtime when the sum overflows, never wraps") {
  CHECK(failure("States.MathAdd(9223372036854775807, 1)") ==
        invalid("States.MathAdd", "the sum is outside the range of 64-bit integers"));
  CHECK(failure("States.MathAdd(-9223372036854775808, -1)") ==
        invalid("States.MathAdd", "the sum is outside the range of 64-bit integers"));
  CHECK(call("States.MathAdd(9223372036854775807, -1)") == 9223372036854775806);
}

TEST_CASE("States.ArrayRange near the int64 limits never overflows") {
  CHECK(call("States.ArrayRange(9223372036854775806, 9223372036854775807, 1)") ==
        parse("[9223372036854775806, 9223372036854775807]"));
  CHECK(call("States.ArrayRange(0, 9223372036854775807, 4611686018427387904)") ==
        parse("[0, 4611686018427387904]"));
  CHECK(call("States.ArrayRange(-9223372036854775807, 0, -1)") == Json::array());
  CHECK(failure("States.ArrayRange(-9223372036854775808, 9223372036854775807, 1)") ==
        invalid("States.ArrayRange",
                "the range has 18446744073709551616 elements; at most 1000 are allowed"));
}

TEST_CASE("States.StringToJson refuses JSON nested deeper than the reader's limit") {
  Json input;
  input["deep"] = std::string(50000, '[') + std::string(50000, ']');
  CHECK(failure("States.StringToJson($.deep)", input) ==
        invalid("States.StringToJson", "the argument is JSON nested more than 512 levels deep"));
}

TEST_CASE("States.MathAdd (AWS example and rounding)") {
  CHECK(call("States.MathAdd($.value1, $.step)", parse(R"({"value1": 111, "step": -1})")) == 110);
  // AWS: non-integers are rounded to the nearest integer; observed: half rounds up.
  CHECK(call("States.MathAdd(1.49, 1.5)") == 3);
  CHECK(call("States.MathAdd(1.5, 1.51)") == 4);
  CHECK(call("States.MathAdd(-1.49, -1.5)") == -2);
  CHECK(call("States.MathAdd(-1.5, -1.51)") == -3);
  CHECK(failure("States.MathAdd($.a, $.b)", parse(R"({"a": 1, "b": "NOT A NUMBER"})")) ==
        invalid("States.MathAdd", "both arguments must be numbers"));
}

TEST_CASE("States.StringSplit (AWS example and delimiter characters)") {
  CHECK(call("States.StringSplit($.inputString, $.splitter)",
             parse(R"({"inputString": "1,2,3,4,5", "splitter": ","})")) ==
        parse(R"(["1", "2", "3", "4", "5"])"));
  // Each character of the second argument is a delimiter; empty pieces are dropped.
  CHECK(call("States.StringSplit('1+2,3.4', '.+,')") == parse(R"(["1", "2", "3", "4"])"));
  CHECK(call("States.StringSplit(',a,,b,', ',')") == parse(R"(["a", "b"])"));
  CHECK(call("States.StringSplit('', ',')") == Json::array());
  CHECK(call("States.StringSplit('abc', '')") == parse(R"(["abc"])"));
  CHECK(call("States.StringSplit('a✓b', '✓')") == parse(R"(["a", "b"])"));
  CHECK(failure("States.StringSplit(123, ',')") ==
        invalid("States.StringSplit", "both arguments must be strings"));
}

TEST_CASE("States.UUID returns a version 4 UUID from the execution's Random") {
  const std::regex v4("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  const Json uuid = call("States.UUID()");
  CHECK(std::regex_match(uuid.get<std::string>(), v4));
  CHECK(call("States.UUID()") == uuid);  // same seed, same UUID
}

TEST_CASE("arguments: literals, paths, context paths, indefinite paths and nested calls") {
  const Json input = parse(R"({"items": [{"id": "a"}, {"id": "b"}], "csv": "x,y"})");
  const Json context = parse(R"({"Execution": {"Name": "run-1"}})");
  CHECK(call("States.Array(1, -2.5, 1e2, true, false, null, 'text')") ==
        parse(R"([1, -2.5, 100.0, true, false, null, "text"])"));
  CHECK(call("States.Format('{}', $$.Execution.Name)", input, context) == "run-1");
  CHECK(call("States.ArrayLength($.items[*].id)", input) == 2);
  CHECK(call("States.ArrayLength($.items[?(@.id == 'z')])", input) == 0);
  CHECK(call("States.Array($['csv'], $.items[0].id)", input) == parse(R"(["x,y", "a"])"));
  CHECK(call("States.StringSplit(States.Format('{}-{}', $.items[0].id, $.items[1].id), '-')",
             input) == parse(R"(["a", "b"])"));
  CHECK(call("  States.Array( 1 ,  $.csv )  ", input) == parse(R"([1, "x,y"])"));
}

TEST_CASE("a path argument that names nothing fails with States.Runtime") {
  CHECK(failure("States.Hash($.missing, 'SHA-256')") ==
        Error{"States.Runtime", "The JSONPath '$.missing' could not be found in the input '{}'"});
  Random random(1);
  CHECK(
      evaluate_intrinsic_for_field("States.Base64Encode($.missing)", "b.$", parse(R"({"a": 1})"),
                                   Json::object(), random)
          .error() ==
      Error{
          "States.Runtime",
          R"(The JSONPath '$.missing' specified for the field 'b.$' could not be found in the input '{"a":1}')"});
}

TEST_CASE("check_intrinsic accepts valid calls") {
  for (const char* text :
       {"States.UUID()", "States.Array()", "States.Format('{}', $.a)", "States.MathRandom(1, 2)",
        "States.MathRandom(1, 2, 3)",
        "States.Format('{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem("
        "States.StringSplit($.arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit("
        "States.ArrayGetItem(States.StringSplit($.arn, '/'), 2), '.'), 1))"}) {
    INFO(text);
    CHECK(check_intrinsic(text) == "");
  }
}

TEST_CASE("check_intrinsic explains what is wrong") {
  const auto message = [](std::string_view text) { return check_intrinsic(text); };
  CHECK(message("States.Hash($.a)") ==
        "'States.Hash($.a)' is not a valid intrinsic function call: States.Hash takes 2 "
        "arguments, not 1");
  CHECK(message("States.UUID(1)") ==
        "'States.UUID(1)' is not a valid intrinsic function call: States.UUID takes no "
        "arguments, not 1");
  CHECK(message("States.Format()") ==
        "'States.Format()' is not a valid intrinsic function call: States.Format takes at least "
        "1 argument, not 0");
  CHECK(message("States.MathRandom(1)") ==
        "'States.MathRandom(1)' is not a valid intrinsic function call: States.MathRandom takes "
        "2 or 3 arguments, not 1");
  CHECK(message("States.Nope()") ==
        "'States.Nope()' is not a valid intrinsic function call: unknown function 'States.Nope'");
  CHECK(message("States.Array(States.Nope())") ==
        "'States.Array(States.Nope())' is not a valid intrinsic function call: unknown function "
        "'States.Nope'");
  CHECK(message("States.Format('x'") ==
        "'States.Format('x'' is not a valid intrinsic function call: unclosed '(' of "
        "States.Format");
  CHECK(message("States.Format('x)") ==
        "'States.Format('x)' is not a valid intrinsic function call: unclosed string");
  CHECK(
      message(R"(States.Format('a\nb'))") ==
      R"('States.Format('a\nb')' is not a valid intrinsic function call: open escape backslash at character 17 (only \', \{, \} and \\ are escapes))");
  CHECK(message("States.Array($.a[)") ==
        "'States.Array($.a[)' is not a valid intrinsic function call: invalid path at character "
        "14: expected a quoted name, an index, a slice, '*' or a filter at character 5, found ')'");
  CHECK(message("States.Array(1,)") ==
        "'States.Array(1,)' is not a valid intrinsic function call: expected an argument "
        "('string', number, true, false, null, path or call) at character 16, found ')'");
  CHECK(message("States.Array(1) x") ==
        "'States.Array(1) x' is not a valid intrinsic function call: expected nothing after the "
        "call at character 17, found 'x'");
  CHECK(message("States.Array(--1)") ==
        "'States.Array(--1)' is not a valid intrinsic function call: '--1' is not a number");
}

TEST_CASE("a field may hold at most 10 intrinsic functions") {
  std::string ten = "1";
  for (int i = 0; i < 10; ++i) ten = "States.Array(" + ten + ")";
  CHECK(check_intrinsic(ten) == "");
  std::string eleven = "States.Array(States.UUID()";
  for (int i = 0; i < 9; ++i) eleven += ", States.UUID()";
  eleven += ")";
  CHECK(check_intrinsic(eleven) ==
        fmt::format("'{}' is not a valid intrinsic function call: a field may hold at most 10 "
                    "intrinsic functions, found 11",
                    quoted_text(eleven)));
}

TEST_CASE("calls nested deeper than 10 are refused while parsing, not by a crash") {
  std::string eleven = "1";
  for (int i = 0; i < 11; ++i) eleven = "States.Array(" + eleven + ")";
  CHECK(check_intrinsic(eleven) ==
        fmt::format("'{}' is not a valid intrinsic function call: intrinsic functions nested "
                    "more than 10 deep at character 131",
                    quoted_text(eleven)));
  CHECK(quoted_text(eleven) == eleven.substr(0, 100) + "… (155 bytes)");
  std::string deep;
  for (int i = 0; i < 30000; ++i) deep += "States.Array(";
  CHECK(check_intrinsic(deep).ends_with("intrinsic functions nested more than 10 deep at "
                                        "character 131"));
}

TEST_CASE("evaluating a malformed call fails with States.Runtime and the check message") {
  CHECK(failure("States.Hash('a')") ==
        Error{"States.Runtime",
              "'States.Hash('a')' is not a valid intrinsic function call: States.Hash takes 2 "
              "arguments, not 1"});
}

}  // namespace
}  // namespace conflictctl::dataflow
